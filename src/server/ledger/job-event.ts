import type { Provider } from '../../models/provider'
import { isRecord } from '../../models/is-record'
import type { LedgerStore } from './ledger-store'
import { eventsChannel, LEDGER_TTL_MS, snapshotKey } from './ledger-keys'

/**
 * A change of a job as the ledger tells it: the raw upstream status body (it stays server-side:
 * whatever leaves for a browser is rewritten like a status read), whether it is final, when
 * (`at`, ms) and its place in the job's sequence (`seq`, from 1).
 */
export interface JobEvent {
  readonly provider: Provider
  readonly model: string
  readonly upstreamId: string
  readonly upstreamStatus: number
  readonly body: string
  readonly final: boolean
  readonly at: number
  readonly seq: number
}

/** A JobEvent read back from JSON, or undefined when it is not one. */
export function parseJobEvent(raw: string | undefined): JobEvent | undefined {
  if (raw === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return undefined
  }
  if (!isRecord(value)) return undefined
  const { provider, model, upstreamId, upstreamStatus, body, final, at, seq } = value
  const ok =
    (provider === 'segmind' || provider === 'apixo') &&
    typeof model === 'string' &&
    typeof upstreamId === 'string' &&
    typeof upstreamStatus === 'number' &&
    typeof body === 'string' &&
    typeof final === 'boolean' &&
    typeof at === 'number' &&
    typeof seq === 'number'
  return ok ? { provider, model, upstreamId, upstreamStatus, body, final, at, seq } : undefined
}

/** Store `event` as the job's snapshot (24 h) and publish it on the job's channel, to every instance. */
export async function publishJobEvent(store: LedgerStore, event: JobEvent): Promise<void> {
  const message = JSON.stringify(event)
  await store.set(snapshotKey(event.provider, event.upstreamId), message, LEDGER_TTL_MS)
  await store.publish(eventsChannel(event.provider, event.upstreamId), message)
}
