import type { Provider } from '../../models/provider'
import type { UpstreamReply } from '../rewrite-upstream-reply'
import { isRecord } from '../../models/is-record'
import { parseJobEvent, publishJobEvent } from './job-event'
import { awaitsCallback, readJobRecord } from './job-record'
import type { LedgerStore } from './ledger-store'
import { jobKey, LEDGER_TTL_MS, snapshotKey } from './ledger-keys'

// A job whose callback is still due and of which nothing newer is known: accepted and not ended.
// Only APIXO sends callbacks; a provider without them is never answered this way.
const UNDER_WAY = {
  apixo: (upstreamId: string, submittedAt: number) => ({
    code: 200,
    message: 'success',
    data: { taskId: upstreamId, state: 'processing', resultJson: null, failCode: null, failMsg: null, createTime: submittedAt, completeTime: null, costTime: null },
  }),
  segmind: undefined,
} as const satisfies Record<Provider, ((upstreamId: string, submittedAt: number) => unknown) | undefined>

const raw = (status: number, body: string): UpstreamReply => ({ status, headers: new Headers(), bytes: new TextEncoder().encode(body), truncated: false })

/**
 * A status read answered from the ledger, with no upstream call: the final reply a callback
 * brought, or, while the callback is still due (before the documented time plus the margin), the
 * latest snapshot or "under way". Undefined: ask upstream as without a ledger (no record, no
 * callback expected, or the callback is late, so a lost webhook never loses a job).
 */
export async function ledgerStatusReply(store: LedgerStore, provider: Provider, upstreamId: string, now: number): Promise<UpstreamReply | undefined> {
  const found = await readJobRecord(store, provider, upstreamId)
  if (found === undefined) return undefined
  const { record } = found
  if (record.final !== undefined) return raw(record.final.upstreamStatus, record.final.body)
  const underWay = UNDER_WAY[provider]
  if (!awaitsCallback(record, now) || underWay === undefined) return undefined
  const snapshot = parseJobEvent(await store.get(snapshotKey(provider, upstreamId)))
  if (snapshot !== undefined) return raw(snapshot.upstreamStatus, snapshot.body)
  return raw(200, JSON.stringify(underWay(upstreamId, record.submittedAt)))
}

// Whether a provider's status reply says the job ended (read only for jobs that expected a callback).
const ENDED = {
  apixo: (body: unknown) => isRecord(body) && Number(body.code) === 200 && isRecord(body.data) && ['success', 'failed'].includes(String(body.data.state).toLowerCase()),
  segmind: undefined,
} as const satisfies Record<Provider, ((body: unknown) => boolean) | undefined>

/**
 * A job whose callback never came, polled upstream: when the reply says it ended, record it as
 * the callback would have (once), and publish it, so later reads and pushed pages see the end too.
 */
export async function recordPolledEnd(store: LedgerStore, provider: Provider, upstreamId: string, reply: UpstreamReply): Promise<void> {
  const ended = ENDED[provider]
  if (ended === undefined || reply.status !== 200 || reply.truncated) return
  const text = new TextDecoder().decode(reply.bytes)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return
  }
  if (!ended(body)) return
  const found = await readJobRecord(store, provider, upstreamId)
  if (found === undefined || found.record.token === undefined || found.record.final !== undefined) return
  const at = Date.now()
  const next = JSON.stringify({ ...found.record, final: { upstreamStatus: 200, body: text, at } })
  if (!(await store.replaceIf(jobKey(provider, upstreamId), found.raw, next, LEDGER_TTL_MS))) return
  const previous = parseJobEvent(await store.get(snapshotKey(provider, upstreamId)))
  await publishJobEvent(store, { provider, model: found.record.model, upstreamId, upstreamStatus: 200, body: text, final: true, at, seq: (previous?.seq ?? 0) + 1 })
}
