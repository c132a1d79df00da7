import type { Provider } from './define-model'
import type { ModelId } from './registry'

// What the runtime path (transports, hooks, the poller) needs to know about models without
// pulling in their schemas: the ids and who hosts them. The schemas load when validating.

/** The provider of every model, by id (kept equal to the registry by a test). */
export const modelProviders = Object.freeze({
  'ltx-2-19b-t2v': 'segmind',
  'ltx-video': 'segmind',
  'ltx-2-fast': 'segmind',
  'ltx-retake-video': 'segmind',
  'ltx-2-19b': 'apixo',
} as const satisfies Record<ModelId, Provider>)

/** Every model id, in the registry's order. */
export const modelIds = Object.freeze(Object.keys(modelProviders)) as readonly ModelId[]

/** True when `value` names a known model. */
export function isModelId(value: unknown): value is ModelId {
  return modelIds.includes(value as ModelId)
}

/** The id of a model given by id or by definition (anything else is returned as it is, for the caller to reject). */
export function modelIdOf(model: unknown): unknown {
  return typeof model === 'object' && model !== null ? (model as { readonly id?: unknown }).id : model
}

/** Documented APIXO generation time in seconds: 480p 40–60, 720p 60–90, 1080p 90–120; LoRA adds 10–20. */
export function apixoGenerationSec(input: { resolution: '480p' | '720p' | '1080p'; mode: string }): { min: number; max: number } {
  const [min, max] = APIXO_GENERATION_SEC[input.resolution]
  const lora = input.mode.endsWith('LoRA')
  return { min: lora ? min + 10 : min, max: lora ? max + 20 : max }
}

const APIXO_GENERATION_SEC = { '480p': [40, 60], '720p': [60, 90], '1080p': [90, 120] } as const
