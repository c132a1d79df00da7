import { apixoLtx219bEntry } from './apixo-ltx-2-19b.facts'
import { ltx219bT2vEntry } from './ltx-2-19b-t2v.facts'
import { ltx2FastEntry } from './ltx-2-fast.facts'
import { ltxRetakeVideoEntry } from './ltx-retake-video.facts'
import { ltxVideoEntry } from './ltx-video.facts'
import type { ModelEntry } from './model-entry'

// The schema-free catalog: the single source of the model ids. What the runtime path
// (transports, hooks, the poller) needs to know about models, without pulling in their schemas
// or their words: the ids, who hosts them, when to look first. Each entry is its model's own
// (in its .facts.ts); the registry, the facts and every table keyed by model are checked against it.
/** Every model's runtime entry, in the registry's order. */
const LIST = [ltx219bT2vEntry, ltxVideoEntry, ltx2FastEntry, ltxRetakeVideoEntry, apixoLtx219bEntry] as const satisfies readonly ModelEntry[]

/** One model's runtime entry. */
type Entry = (typeof LIST)[number]

/** The id of a known model: `'ltx-2-19b-t2v' | 'ltx-video' | 'ltx-2-fast' | 'ltx-retake-video' | 'ltx-2-19b'`. */
export type ModelId = Entry['id']

/** The provider that hosts model `Id`. */
export type ProviderOf<Id extends ModelId> = Extract<Entry, { readonly id: Id }>['provider']

/** Every model id, in the registry's order. */
export const modelIds = Object.freeze(LIST.map((entry) => entry.id))

/** The runtime entry of model `id` (its provider, when to look first); undefined for an id this release does not know. */
export function modelEntry<Id extends ModelId>(id: Id): (ModelEntry & Extract<Entry, { readonly id: Id }>) | undefined {
  return LIST.find((entry) => entry.id === id) as (ModelEntry & Extract<Entry, { readonly id: Id }>) | undefined
}

/** The provider of model `id`; undefined for an id this release does not know (from untyped code). */
export function providerOf<Id extends ModelId>(id: Id): ProviderOf<Id> {
  return modelEntry(id)?.provider as ProviderOf<Id>
}

/** True when `value` names a known model. */
export function isModelId(value: unknown): value is ModelId {
  return modelIds.includes(value as ModelId)
}

/** The id of a model given by id or by definition (anything else is returned as it is, for the caller to reject). */
export function modelIdOf(model: unknown): unknown {
  return typeof model === 'object' && model !== null ? (model as { readonly id?: unknown }).id : model
}
