import type { TransportOperation } from '../core/error-from-response'
import { LtxError } from '../core/ltx-error'
import type { Provider } from '../models/define-model'
import type { HttpTransportOptions } from './video-transport'

/** A reply whose body has been read in full; HTTP statuses are interpreted by the caller. */
export interface RawResponse {
  readonly status: number
  readonly ok: boolean
  readonly headers: Headers
  readonly text: string
}

/** One request, described as data. */
export interface SendRequestInit {
  readonly provider: Provider
  readonly operation: TransportOperation
  readonly method: 'GET' | 'POST'
  readonly url: string
  readonly body?: unknown
  readonly signal?: AbortSignal | undefined
  readonly requestId?: string | undefined
}

const DEFAULT_TIMEOUT_MS = 60_000

/** `baseUrl` and a path, with exactly one slash between them. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}

function abortedError(init: SendRequestInit, sent: boolean): LtxError {
  const submitSent = sent && init.operation === 'submit'
  return new LtxError(
    'aborted',
    submitSent
      ? 'The submit was cancelled after it was sent; the job may still have been created. Check before submitting again.'
      : 'The request was cancelled.',
    { requestId: init.requestId, retryable: false },
  )
}

function timeoutError(init: SendRequestInit, timeoutMs: number): LtxError {
  const submit = init.operation === 'submit'
  return new LtxError(
    'timeout',
    submit
      ? `The submit got no answer within ${timeoutMs / 1000} s; the job may still have been created. Check before submitting again.`
      : `No answer within ${timeoutMs / 1000} s. It will be asked again shortly.`,
    { requestId: init.requestId, retryable: !submit },
  )
}

function networkError(init: SendRequestInit, cause: unknown): LtxError {
  const submit = init.operation === 'submit'
  return new LtxError(
    'network',
    submit
      ? 'The submit could not be completed because of a network problem; it may or may not have reached the provider. Check your connection and your jobs before submitting again.'
      : 'The server could not be reached. Check your connection; watching resumes on its own.',
    { requestId: init.requestId, retryable: !submit, cause },
  )
}

async function resolveHeaders(options: HttpTransportOptions, init: SendRequestInit): Promise<Headers> {
  const headers = new Headers({ accept: 'application/json' })
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  let extra: HeadersInit | undefined
  try {
    extra = typeof options.headers === 'function' ? await options.headers() : options.headers
    new Headers(extra).forEach((value, key) => headers.set(key, value))
  } catch (cause) {
    if (cause instanceof LtxError) throw cause
    throw new LtxError(
      'network',
      'The request headers (e.g. a session token) could not be prepared, so nothing was sent. Sign in again or reload.',
      { requestId: init.requestId, retryable: true, cause },
    )
  }
  return headers
}

/**
 * Send one request through the injectable `fetch` and read its body, turning every way this can
 * fail into an `LtxError` (`aborted`, `timeout`, `network`). Never retries: a submit is billed.
 */
export async function sendRequest(options: HttpTransportOptions, init: SendRequestInit): Promise<RawResponse> {
  const userSignal = init.signal
  // A function, not a field read, so TypeScript does not assume the flag stays as first seen.
  const isAborted = (): boolean => userSignal?.aborted === true
  if (isAborted()) throw abortedError(init, false)
  const headers = await resolveHeaders(options, init)
  if (isAborted()) throw abortedError(init, false)

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const controller = new AbortController()
  let timedOut = false
  const onAbort = (): void => controller.abort(userSignal?.reason)
  userSignal?.addEventListener('abort', onAbort, { once: true })
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)

  const fail = (cause: unknown): LtxError => {
    if (cause instanceof LtxError) return cause
    if (isAborted()) return abortedError(init, true)
    if (timedOut) return timeoutError(init, timeoutMs)
    return networkError(init, cause)
  }

  try {
    // Looked up per call so test tools and polyfills that patch globalThis.fetch later are honoured.
    const fetchImpl = options.fetch ?? globalThis.fetch
    let response: Response
    try {
      response = await fetchImpl(init.url, {
        method: init.method,
        headers,
        signal: controller.signal,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      })
    } catch (cause) {
      throw fail(cause)
    }
    let text: string
    try {
      text = await response.text()
    } catch (cause) {
      throw fail(cause)
    }
    return { status: response.status, ok: response.ok, headers: response.headers, text }
  } finally {
    clearTimeout(timer)
    userSignal?.removeEventListener('abort', onAbort)
  }
}

/** The body as JSON, or `undefined` when it is not JSON (empty, truncated, HTML, plain text). */
export function readJson(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}
