import type { JobRef, JobSnapshot } from '../core/job'
import type { Provider } from '../models/provider'
import type { ModelId } from '../models/model-catalog'

/** Per-call options: an `AbortSignal` cancels the call and rejects with an `LtxError` of kind `aborted`. */
export interface TransportCallOptions {
  readonly signal?: AbortSignal | undefined
}

/**
 * Speaks one provider's dialect to the app's own proxy and turns every reply into a
 * {@link JobRef} or a {@link JobSnapshot}. Every failure is an `LtxError`; a submit is never retried.
 */
export interface VideoTransport {
  /** Which provider's models this transport can submit. */
  readonly provider: Provider
  /**
   * Create one (billed) job: `input` is sent as given and the proxy validates it. To check it in
   * the browser first, parse it with the model's definition (`ltx2FastModel.parse(input)`), as
   * the hooks do when given one.
   */
  submit(model: ModelId, input: unknown, options?: TransportCallOptions): Promise<JobRef>
  /** Look at a job once; safe to repeat. Failed and expired jobs resolve as snapshots, not rejections. */
  status(job: JobRef, options?: TransportCallOptions): Promise<JobSnapshot>
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
