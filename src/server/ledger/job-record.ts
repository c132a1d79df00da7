import type { Provider } from '../../models/provider'
import { isRecord } from '../../models/is-record'
import type { LedgerStore } from './ledger-store'
import { jobKey, LEDGER_TTL_MS } from './ledger-keys'

/** What the ledger knows of a submitted job: whose it is, its callback token, when a callback is due, and its final state once known. */
export interface JobRecord {
  readonly provider: Provider
  readonly model: string
  readonly userId?: string
  /** The APIXO callback token (32 random bytes, base64url) in the receiver URL the proxy gave APIXO. */
  readonly token?: string
  readonly submittedAt: number
  /** Until then (ms) status reads are answered from the ledger; after it without a final, upstream is polled again. */
  readonly deadlineAt?: number
  /** The final upstream status reply (raw), from a callback. */
  readonly final?: { readonly upstreamStatus: number; readonly body: string; readonly at: number }
}

/**
 * Whether a callback is still due for this job at `now`: the proxy asked for one (a token and a
 * deadline), none has come (no final), and the deadline (documented time plus the margin) has
 * not passed. While it is, nothing needs to ask upstream: the callback brings the end.
 */
export function awaitsCallback(record: JobRecord, now: number): boolean {
  return record.token !== undefined && record.deadlineAt !== undefined && record.final === undefined && now < record.deadlineAt
}

/** The record as stored (its raw text, for compare-and-set) and parsed; undefined when absent or unreadable. */
export async function readJobRecord(store: LedgerStore, provider: Provider, upstreamId: string): Promise<{ raw: string; record: JobRecord } | undefined> {
  const raw = await store.get(jobKey(provider, upstreamId))
  if (raw === undefined) return undefined
  try {
    const value: unknown = JSON.parse(raw)
    if (!isRecord(value) || value.provider !== provider || typeof value.model !== 'string' || typeof value.submittedAt !== 'number') return undefined
    return { raw, record: value as unknown as JobRecord }
  } catch {
    return undefined
  }
}

export async function writeJobRecord(store: LedgerStore, upstreamId: string, record: JobRecord): Promise<void> {
  await store.set(jobKey(record.provider, upstreamId), JSON.stringify(record), LEDGER_TTL_MS)
}
