import type { Provider } from '../models/provider'
import type { ModelId } from '../models/model-catalog'
import type { ProxyRoute } from './match-proxy-route'
import type { LedgerStore } from './ledger/ledger-store'

export { SEGMIND_BASE_URL } from '../providers/segmind-dialect'

/** Default largest request body: 20 MB, enough for an image or a short video as a data URI. */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024

/** Default time to wait for the upstream's reply to a status or result read. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 60_000

/** Default time to wait for the upstream's reply to a submit: longer, since a submit that times out may still be billed. */
export const DEFAULT_SUBMIT_TIMEOUT_MS = 120_000

/** Default time a submit's reply is still awaited in the background after the client got its 504, so the job id reaches the log. */
export const DEFAULT_LATE_REPLY_MS = 5 * 60_000

/** Default number of upstream requests in flight at once, per provider; more wait their turn (within their deadline). */
export const DEFAULT_MAX_UPSTREAM_CONNECTIONS = 256

/** APIXO's routing strategy, sent upstream as `provider`. */
export type ApixoRouting = 'auto' | 'value' | 'official'

/**
 * What `authorize` returns: a user id (a non-empty string) or `true`/`undefined` to let the
 * request through, `false`/`null`/`''` to answer 401, or a `Response` (a 403, a 429 of your own
 * limit) to send instead.
 */
export type AuthorizeResult = string | boolean | null | undefined | Response

/** What the proxy knows about an accepted request just before it spends upstream credit. */
export interface ProxyRequestContext {
  readonly request: Request
  /** What `authorize` returned as the user id, if anything. */
  readonly userId: string | undefined
  readonly provider: Provider
  readonly route: ProxyRoute
  readonly model: ModelId | undefined
  /** The provider's own id of the job a status or result call reads (already checked against the handle). */
  readonly id: string | undefined
  /** The signed job handle the browser sent, for status and result calls. */
  readonly handle: string | undefined
}

/** One line of the proxy's log: what happened, never a header, a body or a key. */
export interface ProxyLogEntry {
  /** `request` for each request; `late-reply` when a submit's reply arrived after its 504 (or never did). */
  readonly kind: 'request' | 'late-reply'
  readonly method: string
  readonly route: ProxyRoute | undefined
  readonly model: ModelId | undefined
  readonly userId: string | undefined
  /** The status the client got. */
  readonly status: number
  /** Why the proxy answered itself, when it did. */
  readonly reason: ProxyDenyReason | undefined
  /** The upstream's status, when the request was forwarded and answered. */
  readonly upstreamStatus: number | undefined
  /**
   * The provider's own id of the job: the one a submit created (Segmind `request_id`, APIXO
   * `taskId`, even from an error, oversized or late reply), or the one a status read asked about.
   * A paid job is never untraceable.
   */
  readonly jobId: string | undefined
  /** What the job cost, when the provider said (Segmind `metrics.cost`); browsers get it only with `exposeCost`. */
  readonly cost: number | undefined
  /** The account's remaining credits, when the provider said (Segmind `metrics.remaining_credits`); never sent to browsers. */
  readonly remainingCredits: number | undefined
  readonly durationMs: number
}

/**
 * Why the proxy answered without (or instead of) the upstream's reply; sent as the `x-ltx-proxy`
 * header, except `unknown-job` (another user's, guessed or raw id), which looks like the
 * provider's own 404 and is only in the log.
 */
export type ProxyDenyReason =
  | 'not-found'
  | 'method-not-allowed'
  | 'unknown-job'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'invalid-json'
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'denied-by-hook'
  | 'missing-key'
  | 'upstream-key-refused'
  | 'upstream-timeout'
  | 'upstream-busy'
  | 'upstream-unreachable'
  | 'upstream-oversized'
  | 'upstream-unreadable'
  | 'upstream-redirect'
  | 'client-closed'
  | 'internal'
  | 'bad-idempotency-key'
  | 'idempotency-mismatch'
  | 'idempotency-pending'

/** One provider's settings: its key, read from the server's environment. */
interface ProviderOptions {
  /**
   * The provider key. `undefined`, `''` or whitespace is allowed (so `next build` works without
   * secrets): requests for this provider then answer 500 with `x-ltx-proxy: missing-key`.
   */
  readonly apiKey?: string | undefined
}

/** Options of {@link createLtxProxy}. */
export interface LtxProxyOptions {
  /** Segmind: the key (`x-api-key`) and, for tests and demos, another base URL. */
  readonly segmind?: ProviderOptions & { readonly baseUrl?: string | undefined }
  /**
   * APIXO: the key (sent as `Authorization: Bearer`) and its API host, which you must give:
   * ltx-react does not assume one (a missing one answers 500 `missing-key`, as a missing key does).
   */
  readonly apixo?: ProviderOptions & {
    readonly baseUrl: string | undefined
    /**
     * Enables callbacks for the URLs it accepts. Without it any `callback_url` is refused (400),
     * whatever `request_type` says, so clients cannot point the provider's webhooks anywhere.
     */
    readonly allowCallbackUrl?: (url: string) => boolean
    /**
     * APIXO's routing (`provider` in its body) is the server's choice: it replaces whatever the
     * client sent (the transport always sends one, `auto` by default). Default `auto`.
     */
    readonly routing?: ApixoRouting
    /**
     * APIXO reports each task's end to this proxy (needs `store`): submits are sent as
     * `request_type: 'callback'` with `callback_url` set to the proxy's own receiver,
     * `{origin}{basePath}/apixo/callback/{token}`, a fresh unguessable token per job kept in the
     * ledger. Status reads are then answered from the ledger with no upstream call, until the
     * documented generation time plus `marginMs` (default 60 s) has passed without a callback:
     * then upstream is polled as without callbacks, so a lost webhook never loses a job.
     * `origin` is the proxy's public origin (APIXO must reach it; default the top-level `origin`).
     * A browser's own `callback_url` stays refused either way.
     */
    readonly callbacks?: { readonly origin?: string | undefined; readonly marginMs?: number | undefined }
  }
  /**
   * The job ledger (`createMemoryStore()` for one process, `createRedisStore(...)` for several
   * instances). With it, submits that carry an `Idempotency-Key` are idempotent for 24 h (per
   * user: a retry or a concurrent duplicate gets the same job, with no second upstream submit),
   * APIXO callbacks can be received (`apixo.callbacks`), and every reply says `x-ltx-ledger: 1`
   * (the hooks may then retry a submit that timed out). Without it the proxy keeps nothing.
   */
  readonly store?: LedgerStore
  /** The models clients may use; default all five. */
  readonly models?: readonly ModelId[]
  /**
   * Decide who may use the proxy (sync or async). Return the signed-in user's id to allow and
   * identify (each job is then readable by that user only), `true` to allow anonymously (jobs
   * readable by anyone holding their handle), `false` for 401, or a `Response` (403, 429) to send
   * instead.
   *
   * A per-user limit is built on it, e.g. five submits per user per hour:
   * ```ts
   * const used = new Map<string, number[]>()
   * createLtxProxy({
   *   segmind: { apiKey: process.env.SEGMIND_API_KEY },
   *   authorize: async (request) => (await getSession(request))?.userId ?? false,
   *   beforeUpstream: ({ userId, route }) => {
   *     if (!route.endsWith('.submit') || userId === undefined) return
   *     const hour = Date.now() - 3_600_000
   *     const recent = (used.get(userId) ?? []).filter((t) => t > hour)
   *     if (recent.length >= 5) return Response.json({ error: 'Limit: 5 videos an hour.' }, { status: 429 })
   *     used.set(userId, [...recent, Date.now()])
   *   },
   * })
   * ```
   */
  readonly authorize: ((request: Request) => AuthorizeResult | Promise<AuthorizeResult>) | 'anyone'
  /**
   * Called after routing, authorization and validation, just before the upstream call (only
   * valid requests reach it, so quotas are never charged for a refused submit). Return a
   * `Response` to send it instead. With a `store`, what needs no upstream call skips it: an
   * idempotent replay, and a status read answered from the ledger.
   */
  readonly beforeUpstream?: (context: ProxyRequestContext) => void | Response | Promise<void | Response>
  /**
   * The secret that signs job handles (at least 32 characters, e.g. `openssl rand -base64 32`);
   * a list signs with the first and accepts all (rotation). Default: derived from each provider's
   * key, so rotating a key makes the jobs handed out before it unreadable: set this in production.
   * Every instance behind a load balancer must have the same one.
   */
  readonly secret?: string | readonly string[] | undefined
  /** Send the provider's `metrics.cost` to the browser (default false: only the log gets it). */
  readonly exposeCost?: boolean
  /**
   * The public origin for the absolute `status_url`/`response_url` of a Segmind submit, e.g.
   * `https://app.example`. Default: the links are relative (`/api/ltx/segmind/v2/requests/…`),
   * never built from the request's `Host`.
   */
  readonly origin?: string
  /**
   * Accept loopback URLs (`localhost`, `127.0.0.1`, `[::1]`) in URL fields, for a local demo whose
   * provider is the simulator on this machine. Default false. Private, link-local and metadata
   * hosts are refused either way.
   */
  readonly allowLoopbackUrls?: boolean
  /** Largest accepted request body in bytes, data URIs included; default 20 MB. Larger answers 413. */
  readonly maxBodyBytes?: number
  /** Where the proxy is mounted; default `/api/ltx`. Routes are `{basePath}/segmind/…` and `{basePath}/apixo/…`. */
  readonly basePath?: string
  /** How long to wait for the upstream's reply to a read, in ms; default 60 s. Then 504. */
  readonly timeoutMs?: number
  /** How long to wait for the upstream's reply to a submit, in ms; default 120 s. Then 504. */
  readonly submitTimeoutMs?: number
  /**
   * How long a submit's reply is still awaited after its 504, in ms (default 5 min): when it
   * arrives, `log` gets a `late-reply` entry with the job id; when it does not, one without.
   */
  readonly lateReplyMs?: number
  /** Upstream requests in flight at once per provider (default 256); the rest queue within their deadline. */
  readonly maxUpstreamConnections?: number
  /**
   * Keeps background work alive after the reply on runtimes that stop at the response (Vercel's
   * or Next.js's `waitUntil`/`after`, a worker's `ctx.waitUntil`): it receives the wait for a late
   * submit reply.
   */
  readonly waitUntil?: (promise: Promise<unknown>) => void
  /** The fetch used for upstream calls; default the global one. */
  readonly fetch?: typeof fetch
  /** Receives one entry per request (and per late submit reply); entries never hold headers, bodies or keys. */
  readonly log?: (entry: ProxyLogEntry) => void
}
