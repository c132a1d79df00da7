import { apixoLtx219bEntry, apixoLtx219bFacts } from './apixo-ltx-2-19b.facts'
import { defined } from './defined'
import type { FactValues } from './fact-values'
import { ltx219bT2vEntry, ltx219bT2vFacts } from './ltx-2-19b-t2v.facts'
import { ltx2FastEntry, ltx2FastFacts } from './ltx-2-fast.facts'
import { ltxRetakeVideoEntry, ltxRetakeVideoFacts } from './ltx-retake-video.facts'
import { ltxVideoEntry, ltxVideoFacts } from './ltx-video.facts'
import { isModelId, type ModelId } from './model-catalog'
import type { ModelFacts } from './model-entry'

// What the progress and result components read about a job without loading any schema: each
// model's facts, by id. A test keeps every line equal to the definitions.

const FACTS = {
  [ltx219bT2vEntry.id]: ltx219bT2vFacts,
  [ltxVideoEntry.id]: ltxVideoFacts,
  [ltx2FastEntry.id]: ltx2FastFacts,
  [ltxRetakeVideoEntry.id]: ltxRetakeVideoFacts,
  [apixoLtx219bEntry.id]: apixoLtx219bFacts,
} as const satisfies { readonly [Id in ModelId]: ModelFacts }

/** Schema-free facts about every model, by id. */
export const modelFacts: Readonly<Record<ModelId, ModelFacts>> = FACTS

/** The facts of `model` and its input with the defaults filled in; undefined for an unknown model or a non-object input. */
export function readJobInput(model: string, input: unknown): { facts: ModelFacts; values: FactValues } | undefined {
  // modelFacts has a line for every model id (its type says so), and only those.
  const facts = isModelId(model) ? modelFacts[model] : undefined
  if (facts === undefined || typeof input !== 'object' || input === null || Array.isArray(input)) return undefined
  // A field set to undefined is left out, as the schema treats it: its default applies.
  return { facts, values: { ...facts.defaults, ...defined(input) } }
}
