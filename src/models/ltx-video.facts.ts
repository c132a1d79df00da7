import { ratio } from './fact-values'
import type { ModelEntry, ModelFacts, ModelUpstreamFacts } from './model-entry'

/** Frames per second of every LTX-Video clip. */
export const LTX_VIDEO_FPS = 24

/** Segmind `ltx-video` as the runtime path knows it. */
export const ltxVideoEntry = { id: 'ltx-video', provider: 'segmind' } as const satisfies ModelEntry

/** What is known about `ltx-video` without its schema. */
export const ltxVideoFacts = {
  title: 'LTX-Video',
  defaults: { length: 97 },
  clipSec: (values) => ratio(values.length, LTX_VIDEO_FPS),
} as const satisfies ModelFacts

/** What the proxy and the simulator know about `ltx-video` without its schema. */
export const ltxVideoUpstream = {
  urlFields: [['image']],
  // Segmind publishes no generation times; LTX-Video renders faster than real time.
  simulatedSec: () => ({ queue: 3, run: 20 }),
} as const satisfies ModelUpstreamFacts
