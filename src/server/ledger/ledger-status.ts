import type { Provider } from '../../models/provider'
import type { UpstreamReply } from '../rewrite-upstream-reply'
import { parseJobEvent } from './job-event'
import { readJobRecord } from './job-record'
import type { LedgerStore } from './ledger-store'
import { snapshotKey } from './ledger-keys'

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
  if (record.token === undefined || record.deadlineAt === undefined || now >= record.deadlineAt || underWay === undefined) return undefined
  const snapshot = parseJobEvent(await store.get(snapshotKey(provider, upstreamId)))
  if (snapshot !== undefined) return raw(snapshot.upstreamStatus, snapshot.body)
  return raw(200, JSON.stringify(underWay(upstreamId, record.submittedAt)))
}
