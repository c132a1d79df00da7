// A submit's tries. Without an idempotency key, or against a proxy that keeps no job ledger, a
// submit is sent once: a second try may bill twice. With both, the proxy answers a repeat of the
// same key with the first try's job, so a try that failed before a job was named is sent again.
import { errorFromResponse, parseBodyDetail } from '../providers/error-from-response'
import { APIXO_ID_KEY, apixoPaths } from '../providers/apixo'
import { SEGMIND_ID_KEY, segmindPaths } from '../providers/segmind'
import type { Provider } from '../models/provider'
import { IDEMPOTENCY_KEY_PATTERN } from '../core/idempotency-key'
import { LtxError } from '../models/ltx-error'
import { hasLedger, knowsLedger } from './ledger-seen'
import { sendRequest, type Call, type Reply } from './send-request'
import type { HttpTransportOptions } from './video-transport'

/** Tries of one submit that failed before a job was named (a timeout, a lost connection, a 5xx). */
export const SUBMIT_TRIES = 3
/** Waits for a first try still in flight (409 `idempotency-pending`), each {@link PENDING_WAIT_MS} long. */
const PENDING_WAITS = 8
const PENDING_WAIT_MS = 2000

// A failed reply that names its job (Segmind's `request_id`, APIXO's `data.taskId`) must not be sent again.
const NAMES_JOB = new RegExp(`"(${SEGMIND_ID_KEY}|${APIXO_ID_KEY})"\\s*:\\s*"?[^"\\s,}]`)

// A read of a job that cannot exist ('-'), for asking a proxy whether it keeps a ledger: it bills
// nothing anywhere (the ltx-react proxy answers an unknown handle itself, with 0 upstream calls).
const PROBE = {
  segmind: () => segmindPaths.status('-'),
  apixo: (submit) => apixoPaths.status('-', submit.slice(submit.lastIndexOf('/') + 1)),
} as const satisfies Record<Provider, (submitPath: string) => string>

/** Refuses, unsent, a key the proxy would refuse (400 `bad-idempotency-key`). */
export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new LtxError('validation', 'Not sent: an idempotency key is 16 to 128 characters of A-Z, a-z, 0-9, _ and -.', { retryable: false })
  }
}

/** The proxy's 422: this key was first used with another body, so nothing was sent upstream. */
function mismatch(reply: Reply): LtxError {
  return new LtxError(
    'validation',
    'Not sent: this submit reused the idempotency key of a different input, so the proxy refused it and nothing was billed. Submit again: a changed input needs a new key (the hooks make one).',
    { status: reply.status, detail: parseBodyDetail(reply.body), retryable: false },
  )
}

// A pause between tries; the caller's signal ends it (and the submit) at once.
function wait(ms: number, { signal }: Call): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => reject(new LtxError('aborted', 'The request was cancelled.'))
    if (signal?.aborted) stop()
    signal?.addEventListener('abort', stop, { once: true })
    setTimeout(resolve, ms)
  })
}

/**
 * Send a submit, and again with the same key while it is safe and worth it: the call has an
 * idempotency key, the proxy said it keeps a ledger, and the try failed before a job was named
 * (a timeout, a lost connection, a 5xx that is not the proxy's own misconfiguration and names no
 * job; at most {@link SUBMIT_TRIES} tries, 1 s then 2 s apart), or the proxy is still busy with the
 * first try (409 `idempotency-pending`: wait and ask again). A stored reply
 * (`x-ltx-idempotent-replay`) is the first try's outcome, taken as it is.
 */
export async function sendSubmit(options: HttpTransportOptions, call: Call, path: string, payload: unknown): Promise<Reply> {
  for (let tries = 1, waits = 0; ; ) {
    let reply: Reply
    try {
      reply = await sendRequest(options, call, path, payload)
    } catch (error) {
      const again = error instanceof LtxError && (error.kind === 'timeout' || error.kind === 'network') && error.jobMayExist
      if (!again || call.idempotencyKey === undefined || tries >= SUBMIT_TRIES) throw error
      // No reply of this proxy seen yet (the page's first request was this submit): ask it with a
      // status read that bills nothing; its headers say whether it keeps a ledger.
      if (!knowsLedger(options)) {
        await sendRequest(options, { provider: call.provider, operation: 'status', signal: call.signal }, PROBE[call.provider](path)).catch(() => undefined)
      }
      if (!hasLedger(options)) throw error
      await wait(1000 * 2 ** (tries++ - 1), call)
      continue
    }
    const reason = reply.headers.get('x-ltx-proxy')
    if (reply.status === 422 && reason === 'idempotency-mismatch') throw mismatch(reply)
    if (call.idempotencyKey === undefined || !hasLedger(options) || reply.headers.has('x-ltx-idempotent-replay')) return reply
    if (reply.status === 409 && reason === 'idempotency-pending' && waits < PENDING_WAITS) {
      waits++
      await wait(PENDING_WAIT_MS, call)
      continue
    }
    const failedBeforeJob = reply.status >= 500 && errorFromResponse(reply).jobMayExist && !NAMES_JOB.test(reply.body)
    if (!failedBeforeJob || tries >= SUBMIT_TRIES) return reply
    await wait(1000 * 2 ** (tries++ - 1), call)
  }
}
