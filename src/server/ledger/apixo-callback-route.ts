import { isRecord } from '../../models/is-record'
import { UPSTREAM_ID_PATTERN } from '../match-proxy-route'
import { proxyReply } from '../proxy-reply'
import { readLimitedBody } from '../read-limited-body'
import { parseJobEvent, publishJobEvent } from './job-event'
import { readJobRecord } from './job-record'
import type { LedgerStore } from './ledger-store'
import { jobKey, LEDGER_TTL_MS, snapshotKey } from './ledger-keys'
import { sameText, TOKEN_PATTERN } from './ledger-crypto'

/** A callback body is APIXO's status envelope: small. Larger is refused unread. */
export const MAX_CALLBACK_BYTES = 256 * 1024

const FINAL_STATES = new Set(['success', 'failed'])

function notFound(): Response {
  return proxyReply('apixo', 404, 'not-found', 'Not a route of this proxy.')
}

/**
 * `POST {basePath}/apixo/callback/{token}`: APIXO reports a task's end. No `authorize`: the
 * token is the authentication, checked (in constant time) against the record of the task the
 * body names; anything that does not verify is a 404 with nothing written. A final state is
 * recorded once (a duplicate delivery changes nothing) and published as a JobEvent on the job's
 * channel; the answer is 200 `{ ok: true }` at once.
 */
export async function receiveApixoCallback(request: Request, token: string, store: LedgerStore, maxBytes: number): Promise<Response> {
  if (!TOKEN_PATTERN.test(token)) {
    await request.body?.cancel().catch(() => undefined)
    return notFound()
  }
  const read = await readLimitedBody(request, Math.min(maxBytes, MAX_CALLBACK_BYTES))
  if (!read.ok) return proxyReply('apixo', 413, 'payload-too-large', 'The callback body is too large.')
  let text: string
  let value: unknown
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes)
    value = JSON.parse(text)
  } catch {
    return proxyReply('apixo', 400, 'invalid-json', 'The callback body is not valid JSON.')
  }
  const data = isRecord(value) && isRecord(value.data) ? value.data : undefined
  const taskId = typeof data?.taskId === 'number' ? String(data.taskId) : data?.taskId
  if (typeof taskId !== 'string' || !UPSTREAM_ID_PATTERN.test(taskId)) return notFound()
  const found = await readJobRecord(store, 'apixo', taskId)
  if (found?.record.token === undefined || !sameText(found.record.token, token)) return notFound()
  const ok = () => new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } })
  const { raw, record } = found
  if (record.final !== undefined) return ok()
  const state = typeof data?.state === 'string' ? data.state.toLowerCase() : ''
  const final = FINAL_STATES.has(state)
  const at = Date.now()
  if (final) {
    const next = JSON.stringify({ ...record, final: { upstreamStatus: 200, body: text, at } })
    // Two deliveries at once (two instances): one records and publishes, the other is a duplicate.
    if (!(await store.replaceIf(jobKey('apixo', taskId), raw, next, LEDGER_TTL_MS))) return ok()
  }
  const previous = parseJobEvent(await store.get(snapshotKey('apixo', taskId)))
  await publishJobEvent(store, { provider: 'apixo', model: record.model, upstreamId: taskId, upstreamStatus: 200, body: text, final, at, seq: (previous?.seq ?? 0) + 1 })
  return ok()
}
