import type { z } from 'zod'
import { LtxError } from './ltx-error'
import { isModelId, modelIds, type ModelId, type ProviderOf } from './model-catalog'
import { apixoLtx219bModel } from './apixo-ltx-2-19b'
import { ltx219bT2vModel } from './ltx-2-19b-t2v'
import { ltx2FastModel } from './ltx-2-fast'
import { ltxRetakeVideoModel } from './ltx-retake-video'
import { ltxVideoModel } from './ltx-video'

/** Every model ltx-react knows, by id. */
export const models = Object.freeze({
  [ltx219bT2vModel.id]: ltx219bT2vModel,
  [ltxVideoModel.id]: ltxVideoModel,
  [ltx2FastModel.id]: ltx2FastModel,
  [ltxRetakeVideoModel.id]: ltxRetakeVideoModel,
  [apixoLtx219bModel.id]: apixoLtx219bModel,
} satisfies { readonly [Id in ModelId]: { readonly id: Id; readonly provider: ProviderOf<Id> } })

/** The registry's type, for mapping ids to their definitions. */
export type Models = typeof models
/** The definition of model `Id`. */
export type ModelOf<Id extends ModelId> = Models[Id]
/** What you may pass to model `Id`: fields with defaults are optional. */
export type ModelInput<Id extends ModelId> = z.input<Models[Id]['schema']>
/** What is sent upstream for model `Id` after parsing: defaults filled in. */
export type ModelParams<Id extends ModelId> = z.output<Models[Id]['schema']>
/**
 * A model, named by its id or given as its definition. A definition (e.g. `ltx2FastModel`) checks
 * input in the browser before anything is sent; with an id, the proxy checks it (same error).
 */
export type ModelRef = ModelId | Models[ModelId]
/** The id of a {@link ModelRef}. */
export type IdOf<M extends ModelRef> = M extends ModelId ? M : M extends { readonly id: infer Id extends ModelId } ? Id : never
/** What you may pass to a {@link ModelRef}: fields with defaults are optional. */
export type InputOf<M extends ModelRef> = ModelInput<IdOf<M>>
/** Ids of the models hosted by provider `P`. */
export type ModelIdOf<P extends Models[ModelId]['provider']> = {
  [Id in ModelId]: Models[Id]['provider'] extends P ? Id : never
}[ModelId]

export { isModelId, modelIds } from './model-catalog'
export type { ModelId } from './model-catalog'

/** The definition of a model; throws `LtxError` of kind `not-found` for an unknown id. */
export function getModel<Id extends ModelId>(id: Id): Models[Id] {
  if (!isModelId(id)) {
    throw new LtxError('not-found', `Unknown model "${String(id)}". Known models: ${modelIds.join(', ')}.`, {
      retryable: false,
    })
  }
  return models[id]
}
