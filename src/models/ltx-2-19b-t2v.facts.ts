import { ratio } from './fact-values'
import type { ModelEntry, ModelFacts, ModelUpstreamFacts } from './model-entry'

/** Segmind `ltx-2-19b-t2v` as the runtime path knows it. */
export const ltx219bT2vEntry = { id: 'ltx-2-19b-t2v', provider: 'segmind' } as const satisfies ModelEntry

/** What is known about `ltx-2-19b-t2v` without its schema. */
export const ltx219bT2vFacts = {
  title: 'LTX-2 19B · text to video',
  defaults: { width: 1024, height: 768, num_frames: 161, fps: 24 },
  clipSec: (values) => ratio(values.num_frames, values.fps),
} as const satisfies ModelFacts

/** What the proxy and the simulator know about `ltx-2-19b-t2v` without its schema. */
export const ltx219bT2vUpstream = {
  urlFields: [],
  // Segmind publishes no generation times; the simulator assumes LTX-2 19B is the slowest.
  simulatedSec: () => ({ queue: 5, run: 90 }),
} as const satisfies ModelUpstreamFacts
