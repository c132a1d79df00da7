import { apixoGenerationSec, isModelId } from './model-catalog'
import type { ModelId } from './registry'

// What the progress and result components show about a job without loading any schema: the
// model's title, and what its input says once the schema's defaults are filled in (clip length,
// resolution, the documented generation time). A test keeps every line equal to the definitions.

type Values = Readonly<Record<string, unknown>>

interface ModelFacts {
  readonly title: string
  /** The defaults the schema fills in, for reading an input that left them out. */
  readonly defaults: Values
  /** Length of the produced clip in seconds. */
  readonly clipSec?: (values: Values) => number | undefined
  /** Documented generation time in seconds. */
  readonly generationSec?: (values: Values) => { readonly min: number; readonly max: number } | undefined
}

// Number.isFinite is false for anything but a finite number, strings included.
const num = (value: unknown): number | undefined => (Number.isFinite(value) ? (value as number) : undefined)
const ratio = (a: unknown, b: unknown): number | undefined => {
  const top = num(a)
  const bottom = num(b)
  return top === undefined || bottom === undefined || bottom === 0 ? undefined : top / bottom
}

/** Schema-free facts about every model, by id. */
export const modelFacts: Readonly<Record<ModelId, ModelFacts>> = {
  'ltx-2-19b-t2v': {
    title: 'LTX-2 19B · text to video',
    defaults: { width: 1024, height: 768, num_frames: 161, fps: 24 },
    clipSec: (v) => ratio(v.num_frames, v.fps),
  },
  'ltx-video': {
    title: 'LTX-Video',
    defaults: { length: 97 },
    // LTX-Video renders at 24 fps (LTX_VIDEO_FPS).
    clipSec: (v) => ratio(v.length, 24),
  },
  'ltx-2-fast': {
    title: 'LTX-2 Fast',
    defaults: { duration: 8, resolution: '2k' },
    clipSec: (v) => num(v.duration),
  },
  'ltx-retake-video': { title: 'LTX Retake', defaults: {} },
  'ltx-2-19b': {
    title: 'LTX-2 19B (APIXO)',
    defaults: { resolution: '720p', duration: 10 },
    clipSec: (v) => num(v.duration),
    generationSec: ({ resolution, mode }) =>
      (resolution === '480p' || resolution === '720p' || resolution === '1080p') && typeof mode === 'string'
        ? apixoGenerationSec({ resolution, mode })
        : undefined,
  },
}

/** The facts of `model` and its input with the defaults filled in; undefined for an unknown model or a non-object input. */
export function readJobInput(model: string, input: unknown): { facts: ModelFacts; values: Values } | undefined {
  // modelFacts has a line for every model id (its type says so), and only those.
  const facts = isModelId(model) ? modelFacts[model] : undefined
  if (facts === undefined || typeof input !== 'object' || input === null || Array.isArray(input)) return undefined
  // A field set to undefined is left out, as the schema treats it: its default applies.
  const given = Object.entries(input).filter(([, value]) => value !== undefined)
  return { facts, values: { ...facts.defaults, ...Object.fromEntries(given) } }
}
