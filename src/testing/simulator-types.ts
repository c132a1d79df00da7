import type { ModelId } from '../models/model-catalog'
import type { Provider } from '../models/provider'
import type { DialectRoute } from '../providers/index'
import type { SampleClip, SampleVideoName } from './sample-videos'

/**
 * The id of a model the simulator serves: ltx-react's `ModelId`, spelled out so that this entry's
 * types do not carry every model's schema (the check below fails the build if the two differ).
 */
export type SimModelId = 'ltx-2-19b-t2v' | 'ltx-video' | 'ltx-2-fast' | 'ltx-retake-video' | 'ltx-2-19b'

type SameModels = [SimModelId] extends [ModelId] ? ([ModelId] extends [SimModelId] ? true : false) : false
true satisfies SameModels

/** The upstream dialect a simulated request speaks: ltx-react's `Provider`. */
export type SimProvider = Provider

/** Every route the simulator answers, for counters and the request log. */
export type SimRoute =
  | 'segmind.submit'
  | 'segmind.status'
  | 'segmind.result'
  | 'apixo.submit'
  | 'apixo.status'
  | 'video'
  | 'unknown'

/** `provider.route` for every route of every dialect in `src/providers`. */
type DialectSimRoute = { [P in Provider]: `${P}.${DialectRoute<P>}` }[Provider]
// SimRoute is spelled out for its readers; this fails the build when a dialect gains or loses a route.
type SameRoutes = [Exclude<SimRoute, 'video' | 'unknown'>] extends [DialectSimRoute]
  ? [DialectSimRoute] extends [Exclude<SimRoute, 'video' | 'unknown'>]
    ? true
    : false
  : false
true satisfies SameRoutes

/** How a simulated job ends. Failures surface as Segmind `FAILED` (HTTP 422) or APIXO `state: failed` with a `failCode`. */
export type SimOutcome = 'success' | 'content-violation' | 'generation-failed' | 'invalid-image-url' | 'invalid-lora-url'

/**
 * A failure of one HTTP reply rather than of a job:
 * `unauthorized` 401, `forbidden` 403, `method-not-allowed` 405 (an HTML page),
 * `insufficient-credits` 406 (plain text), `model-retired` 410, `rate-limited` 429,
 * `server-error` 500, `bad-gateway` 502 (HTML), `gateway-timeout` 504 (HTML),
 * `slow` (the normal reply, after `slowMs`), `malformed` (200 with a truncated JSON body).
 */
export type SimFault =
  | 'unauthorized'
  | 'forbidden'
  | 'method-not-allowed'
  | 'insufficient-credits'
  | 'model-retired'
  | 'rate-limited'
  | 'server-error'
  | 'bad-gateway'
  | 'gateway-timeout'
  | 'slow'
  | 'malformed'

/** Where a job is in its life, in the library's own words. */
export type SimPhase = 'queued' | 'running' | 'succeeded' | 'failed' | 'expired'

/**
 * What happens to a job's callback (APIXO `request_type: "callback"`) when the job ends:
 * - `{ kind: 'drop' }`: it is never sent, as a webhook lost on the way; polling still finds the job.
 * - `{ kind: 'delay', ms }`: it is sent `ms` after the job ends, on the simulator's clock
 *   (`now()`, moved by `advance()` or your own clock; `speed` does not apply), so later jobs'
 *   callbacks can overtake it.
 * - `{ kind: 'repeat', times }`: it is sent `times` times in all (`times` ≥ 1), one after the
 *   other, each delivery with its own retries, as a provider that delivers at least once does.
 */
export type SimCallbackFault =
  | { readonly kind: 'drop' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'repeat'; readonly times: number }

/**
 * Apply `callback` to the next `times` callbacks that become due (of job `jobId`, when given).
 * A rule is taken when the job ends, so it may be injected after the submit that created the job.
 */
export interface SimCallbackFaultRule {
  readonly callback: SimCallbackFault
  /** Only this job's callback. */
  readonly jobId?: string
  /** How many callbacks it hits; default 1, `Infinity` for all. */
  readonly times?: number
  readonly fault?: never
  readonly route?: never
  readonly afterCreate?: never
}

/** Serve `fault` to the next `times` requests that match `route` (and `jobId`, when given). */
export interface SimFaultRule {
  readonly fault: SimFault
  /** (A callback fault is a {@link SimCallbackFaultRule}.) */
  readonly callback?: never
  /** Which route the fault hits; `'any'` (the default) means every provider route. */
  readonly route?: SimRoute | 'any'
  /** Only requests about this job (status, result). */
  readonly jobId?: string
  /** How many matching requests fail; default 1, `Infinity` for all. */
  readonly times?: number
  /**
   * For a submit: create (and bill) the job first, then answer with the fault, as a provider
   * that fails after accepting does. Tests that an app never submits twice after a 5xx or a
   * timeout on submit use it.
   */
  readonly afterCreate?: boolean
}

/** What a script knows about a job when it is submitted. */
export interface SimJobInfo {
  readonly provider: SimProvider
  readonly model: SimModelId
  /** The request body's model parameters (APIXO: the `input` object), as sent. */
  readonly input: unknown
  /** 0 for the first job of this simulator, then 1, 2, … */
  readonly index: number
}

/** How one job should go; every field is optional. */
export interface SimJobPlan {
  readonly outcome?: SimOutcome
  /** Time spent queued (QUEUED / pending), in simulated ms, before `speed` is applied. */
  readonly queueMs?: number
  /** Time spent generating (PROCESSING / processing), in simulated ms, before `speed` is applied. */
  readonly runMs?: number
  /** Faults for this job's status and result requests, served in order. */
  readonly statusFaults?: readonly SimFault[]
  /** What happens to this job's callback, if it asked for one; an injected rule that matches the job wins. */
  readonly callbackFault?: SimCallbackFault
}

/** Scripted behaviour: per-job plans and queued faults. */
export interface SimulatorScript {
  /** Called for each accepted submit; return a plan to steer that job. */
  readonly job?: (info: SimJobInfo) => SimJobPlan | undefined
  /** Faults served before anything else, each to its next matching requests. */
  readonly faults?: readonly SimFaultRule[]
  /** Callback faults, each applied to the next callbacks that become due (of its job, when it names one). */
  readonly callbackFaults?: readonly SimCallbackFaultRule[]
}

/** A request limit over a fixed window; over it, 429. */
export interface SimRateLimit {
  readonly requests: number
  readonly windowMs: number
}

/** Options of {@link createSimulator}. */
export interface SimulatorOptions {
  /**
   * How much faster than the documented generation times jobs run. Default 20: a 720p APIXO
   * job (60–90 s) takes about 4 s, good for demos. Use `advance()` or `now` in tests.
   */
  readonly speed?: number
  /** The clock, in Unix ms; default `Date.now`. `advance()` adds to whatever it returns. */
  readonly now?: () => number
  readonly script?: SimulatorScript
  /** The keys the simulated providers accept; defaults are `SIMULATOR_KEYS`. */
  readonly keys?: { readonly [P in Provider]?: string }
  /** Request limits. Segmind documents none (default: unlimited); APIXO documents 10,000 a minute. */
  readonly rateLimits?: { readonly [P in Provider]?: SimRateLimit }
  /** APIXO's documented 1,000 concurrent tasks; more active tasks answer 429. */
  readonly maxConcurrentTasks?: number
  /** Segmind credits before submits answer 406; each job costs `SIM_JOB_COST`. Default 1000. */
  readonly credits?: number
  /** How long a `slow` fault holds the reply, in real ms. Default 60,000. */
  readonly slowMs?: number
  /** Callback delivery: timeout per attempt (default 30,000 real ms, as documented), delay between attempts (default 1,000), retries (default 3). */
  readonly callbacks?: { readonly timeoutMs?: number; readonly retryDelayMs?: number; readonly retries?: number }
  /** Where output videos are served; default: the origin (and mount path) the job was submitted to. */
  readonly videoBaseUrl?: string
  /** The fetch used to POST callbacks; default the global one. */
  readonly fetch?: typeof fetch
  /**
   * Under `/segmind` and `/apixo` the simulator stands in for ltx-react/server, which refuses
   * APIXO callback mode unless the server allows the URL. Set to accept it there too.
   */
  readonly proxyAllowsCallbacks?: boolean
}

/** One request the simulator answered. */
export interface SimRequestRecord {
  readonly at: number
  readonly method: string
  readonly url: string
  readonly route: SimRoute
  /** True when the request came in under `/segmind` or `/apixo` (standing in for the proxy). */
  readonly viaProxy: boolean
  /** The request headers as received, lower-cased names. */
  readonly headers: Readonly<Record<string, string>>
  /** The reply's status; 0 while the reply is still pending (a slow fault). */
  status: number
}

/** A job as tests see it. */
export interface SimJobView {
  readonly id: string
  readonly provider: SimProvider
  readonly model: SimModelId
  readonly phase: SimPhase
  readonly outcome: SimOutcome
  /** Parsed input with defaults (APIXO: the `input` object). */
  readonly input: unknown
  readonly createdAt: number
  readonly startedAt: number
  readonly endsAt: number
  /** Segmind records disappear (404) an hour after they end; undefined for APIXO. */
  readonly expiresAt: number | undefined
  /** Which sample clip a successful job returns (the same as `clip.name`). */
  readonly video: SampleVideoName
  /** The clip a successful job returns: its name and length, as long as the input asked. */
  readonly clip: SampleClip
  /** The video URL a successful job returns. */
  readonly outputUrl: string
  readonly requestType: 'async' | 'callback'
  readonly callbackUrl: string | undefined
}

/** One attempt to deliver an APIXO callback. */
export interface SimCallbackAttempt {
  readonly taskId: string
  readonly url: string
  /** 1 for the first try of a delivery, 2–4 for its retries. */
  readonly attempt: number
  /** Which delivery of the callback this attempt belongs to: 1, or up to `times` under a `repeat` fault. */
  readonly delivery: number
  readonly status: number | undefined
  readonly error: string | undefined
  /** True when this attempt was accepted (HTTP 200). */
  readonly delivered: boolean
}

/** An in-memory model of Segmind's async v2 API and APIXO's task API. */
export interface Simulator {
  /** Answer one request like the providers would; mount under `basePath` (e.g. `/api/ltx`). */
  fetch(request: Request, options?: { readonly basePath?: string }): Promise<Response>
  /** The keys the simulated providers accept. */
  readonly keys: { readonly [P in Provider]: string }
  /** The current simulated time, in Unix ms. */
  now(): number
  /** Move the clock forward, then fire what became due (callbacks). */
  advance(ms: number): void
  /** Every job, oldest first. */
  jobs(): SimJobView[]
  job(id: string): SimJobView | undefined
  /** End a job now, with `outcome` (default: the planned one). */
  finish(id: string, outcome?: SimOutcome): void
  /** Serve a fault to upcoming requests ({@link SimFaultRule}), or apply one to upcoming callbacks ({@link SimCallbackFaultRule}). */
  inject(rule: SimFaultRule | SimCallbackFaultRule): void
  /** Every request answered, oldest first. */
  readonly requests: readonly SimRequestRecord[]
  /** How many requests reached `route` (every route when left out). */
  count(route?: SimRoute): number
  /** Every callback delivery attempt. */
  readonly callbacks: readonly SimCallbackAttempt[]
  /** Wait until every callback delivery under way has finished (bounded by the per-attempt timeout). */
  flushCallbacks(): Promise<void>
  /** Forget the request log and counters (jobs stay). */
  clearLog(): void
  /** Stop timers, slow replies and callback deliveries. */
  dispose(): void
}
