import { MAY_EXIST } from '../providers/error-from-response'
import type { TransportOperation } from '../providers/route-paths'
import { LtxError } from '../models/ltx-error'
import type { Provider } from '../models/provider'
import type { HttpTransportOptions, PushedReply } from './video-transport'
import { noteLedger } from './ledger-seen'

/** One transport call: enough to send it and to word any error about it. */
export interface Call {
  readonly provider: Provider
  readonly operation: TransportOperation
  /** The job id, once one is known. */
  readonly requestId?: string | undefined
  readonly signal?: AbortSignal | undefined
  /** A submit's `Idempotency-Key`, the same for every try of one intent. */
  readonly idempotencyKey?: string | undefined
  /** A status reply pushed by the proxy: read instead of fetching one. */
  readonly pushed?: PushedReply | undefined
}

/**
 * A reply read in full, with its call: exactly what `errorFromResponse` takes when it failed.
 * HTTP statuses are interpreted by the caller.
 */
export interface Reply extends Call {
  readonly status: number
  readonly ok: boolean
  readonly headers: Headers
  readonly body: string
}

/**
 * Send one request to `{baseUrl}/{path}` (a POST of `payload` for a submit, else a GET) through
 * the injectable `fetch` and read its body, turning every way this can fail into an `LtxError`
 * (`aborted`, `timeout`, `network`). Never retries: a submit is billed.
 */
export async function sendRequest(options: HttpTransportOptions, call: Call, path: string, payload?: unknown): Promise<Reply> {
  const { operation, requestId, signal } = call
  if (call.pushed !== undefined) return { ...call, ...call.pushed, ok: call.pushed.status >= 200 && call.pushed.status < 300, headers: new Headers() }
  const submit = operation === 'submit'
  const timeoutMs = options.timeoutMs ?? 60_000
  const controller = new AbortController()
  const abort = (): void => controller.abort()
  // Started as the request goes out, so a failure while it is unset means nothing was sent.
  let timer: ReturnType<typeof setTimeout> | undefined
  signal?.addEventListener('abort', abort)
  try {
    // Checked before the header function too, so a cancelled call does no work at all.
    if (signal?.aborted) throw signal.reason
    const headers = new Headers({ accept: 'application/json' })
    if (payload !== undefined) headers.set('content-type', 'application/json')
    try {
      const extra = typeof options.headers === 'function' ? await options.headers() : options.headers
      new Headers(extra).forEach((value, key) => headers.set(key, value))
    } catch (cause) {
      throw cause instanceof LtxError
        ? cause
        : new LtxError(
            'network',
            'The request headers could not be prepared, so nothing was sent. Sign in again or reload.',
            { requestId, cause },
          )
    }
    // After the app's own headers, so none of them can change which intent this is.
    if (call.idempotencyKey !== undefined) headers.set('idempotency-key', call.idempotencyKey)
    if (signal?.aborted) throw signal.reason
    // Throws on a BigInt or a cycle in an input sent as given (a model named by id): see below.
    const body = JSON.stringify(payload)
    timer = setTimeout(abort, timeoutMs)
    // Looked up per call so test tools and polyfills that patch globalThis.fetch later are honoured.
    const response = await (options.fetch ?? globalThis.fetch)(`${options.baseUrl.replace(/\/+$/, '')}/${path}`, {
      method: submit ? 'POST' : 'GET',
      headers,
      signal: controller.signal,
      body,
    })
    noteLedger(options, response.status, response.headers)
    return { ...call, status: response.status, ok: response.ok, headers: response.headers, body: await response.text() }
  } catch (cause) {
    if (cause instanceof LtxError) throw cause
    const sent = timer !== undefined
    // [kind, what happened, what to do next] for a status read; a submit that went out may have made a job.
    // When our controller aborted but the caller's signal did not, the timer did it.
    const [kind, happened, next] = signal?.aborted
      ? (['aborted', 'The request was cancelled.', ''] as const)
      : !sent
        ? (['validation', 'The input is not JSON, so nothing was sent. Check its values.', ''] as const)
        : controller.signal.aborted
          ? (['timeout', `No answer within ${timeoutMs / 1000} s.`, ' Watching tries again.'] as const)
          : (['network', 'The connection failed.', ' Check it; watching tries again.'] as const)
    // Unset, retryable is the kind's default: false for aborted, true for timeout and network.
    const mayExist = submit && sent
    throw new LtxError(kind, happened + (mayExist ? ` ${MAY_EXIST}` : next), {
      requestId,
      retryable: submit ? false : undefined,
      jobMayExist: mayExist,
      cause,
    })
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', abort)
  }
}
