import type { JobRef, JobSnapshot } from '../core/job'
import type { Provider } from '../models/provider'
import type { ModelId } from '../models/model-catalog'

/** Per-call options: an `AbortSignal` cancels the call and rejects with an `LtxError` of kind `aborted`. */
export interface TransportCallOptions {
  readonly signal?: AbortSignal | undefined
}

/**
 * Options of one submit. `idempotencyKey` names one user intent (16–128 characters of
 * `[A-Za-z0-9_-]`, e.g. from `createIdempotencyKey()`); it is sent as `Idempotency-Key`, and every
 * try of that intent must send the same one: a proxy with a job ledger then answers a repeat with
 * the first try's job instead of billing again, and only then does the transport retry a submit
 * that timed out (see {@link VideoTransport.submit}). A new intent (another input, or after a
 * success) needs a new key.
 */
export interface SubmitCallOptions extends TransportCallOptions {
  readonly idempotencyKey?: string | undefined
}

/**
 * Speaks one provider's dialect to the app's own proxy and turns every reply into a
 * {@link JobRef} or a {@link JobSnapshot}. Every failure is an `LtxError`; a submit is only ever retried
 * with its idempotency key, against a proxy that keeps a job ledger.
 */
export interface VideoTransport {
  /** Which provider's models this transport can submit. */
  readonly provider: Provider
  /**
   * Create one (billed) job: `input` is sent as given and the proxy validates it. To check it in
   * the browser first, parse it with the model's definition (`ltx2FastModel.parse(input)`), as
   * the hooks do when given one. With an `idempotencyKey`, and once a reply of the proxy said it
   * keeps a job ledger (`x-ltx-ledger: 1`), a try that timed out, lost its connection or got a 5xx
   * naming no job is sent again with the same key (3 tries in all), as is one the proxy answered
   * 409 `idempotency-pending`; without both, a submit is never retried.
   */
  submit(model: ModelId, input: unknown, options?: SubmitCallOptions): Promise<JobRef>
  /** Look at a job once; safe to repeat. Failed and expired jobs resolve as snapshots, not rejections. */
  status(job: JobRef, options?: TransportCallOptions): Promise<JobSnapshot>
  /**
   * Read a status reply that came another way (pushed by the proxy's `/events` route) exactly as
   * `status` reads the one it fetches, into the same snapshot. Where the provider needs a result
   * read (Segmind, once COMPLETED) it is fetched as `status` fetches it. Without it, jobs of this
   * transport are polled even when `<LtxProvider push>` is on.
   */
  read?(job: JobRef, reply: PushedReply): Promise<JobSnapshot>
}

/** A status reply the proxy pushed: its HTTP status and its (rewritten) body, as a status read would get them. */
export interface PushedReply {
  readonly status: number
  readonly body: string
}

/** Extra request headers: an object, or a (sync or async) function called before every request. */
export type TransportHeaders = HeadersInit | (() => HeadersInit | Promise<HeadersInit>)

/** Options shared by the HTTP transports. */
export interface HttpTransportOptions {
  /** The app's proxy for this provider, e.g. `/api/ltx/segmind`; never the provider with a key. */
  readonly baseUrl: string
  /** A `fetch` to use instead of `globalThis.fetch` (looked up at call time). */
  readonly fetch?: typeof globalThis.fetch
  readonly headers?: TransportHeaders
  /** Give up on a single request after this long. Default 60 s. */
  readonly timeoutMs?: number
}
