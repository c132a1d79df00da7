import { finiteNumber } from './fact-values'
import type { ModelEntry, ModelFacts, ModelUpstreamFacts } from './model-entry'

/** Segmind `ltx-2-fast` as the runtime path knows it. */
export const ltx2FastEntry = { id: 'ltx-2-fast', provider: 'segmind' } as const satisfies ModelEntry

/** What is known about `ltx-2-fast` without its schema. */
export const ltx2FastFacts = {
  title: 'LTX-2 Fast',
  defaults: { duration: 8, resolution: '2k' },
  clipSec: (values) => finiteNumber(values.duration),
} as const satisfies ModelFacts

/** What the proxy and the simulator know about `ltx-2-fast` without its schema. */
export const ltx2FastUpstream = {
  urlFields: [['image']],
  // Segmind publishes no generation times: the simulator's assumption.
  simulatedSec: () => ({ queue: 3, run: 30 }),
} as const satisfies ModelUpstreamFacts
