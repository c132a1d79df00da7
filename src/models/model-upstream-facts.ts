import { apixoLtx219bEntry, apixoLtx219bUpstream } from './apixo-ltx-2-19b.facts'
import { ltx219bT2vEntry, ltx219bT2vUpstream } from './ltx-2-19b-t2v.facts'
import { ltx2FastEntry, ltx2FastUpstream } from './ltx-2-fast.facts'
import { ltxRetakeVideoEntry, ltxRetakeVideoUpstream } from './ltx-retake-video.facts'
import { ltxVideoEntry, ltxVideoUpstream } from './ltx-video.facts'
import type { ModelId } from './model-catalog'
import type { ModelUpstreamFacts } from './model-entry'

/** What the proxy and the simulator read about every model without its schema (URL fields, simulated times), by id. */
export const modelUpstreamFacts: Readonly<Record<ModelId, ModelUpstreamFacts>> = {
  [ltx219bT2vEntry.id]: ltx219bT2vUpstream,
  [ltxVideoEntry.id]: ltxVideoUpstream,
  [ltx2FastEntry.id]: ltx2FastUpstream,
  [ltxRetakeVideoEntry.id]: ltxRetakeVideoUpstream,
  [apixoLtx219bEntry.id]: apixoLtx219bUpstream,
}
