import type { ModelEntry, ModelFacts, ModelUpstreamFacts } from './model-entry'

/** Shortest segment the provider recommends regenerating, in seconds. */
export const RETAKE_MIN_SEC = 2
/** Longest segment the provider recommends regenerating, in seconds. */
export const RETAKE_MAX_SEC = 20

/** Segmind `ltx-retake-video` as the runtime path knows it. */
export const ltxRetakeVideoEntry = { id: 'ltx-retake-video', provider: 'segmind' } as const satisfies ModelEntry

/** What is known about `ltx-retake-video` without its schema (SegmentPicker uses the limits above). */
export const ltxRetakeVideoFacts = {
  title: 'LTX Retake',
  defaults: {},
} as const satisfies ModelFacts

/** What the proxy and the simulator know about `ltx-retake-video` without its schema. */
export const ltxRetakeVideoUpstream = {
  urlFields: [['video_uri']],
  // Segmind publishes no generation times: the simulator's assumption.
  simulatedSec: () => ({ queue: 5, run: 60 }),
} as const satisfies ModelUpstreamFacts
