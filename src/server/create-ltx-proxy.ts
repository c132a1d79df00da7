import type { FieldIssue } from '../core/ltx-error'
import { toFieldIssues } from '../core/to-field-issues'
import { apixoGenerateTaskBodySchema } from '../models/apixo-ltx-2-19b'
import type { Provider } from '../models/define-model'
import { safeParseInput } from '../models/parse-input'
import { isModelId, modelIds, type ModelId } from '../models/registry'
import { matchProxyRoute, type ProxyRoute, type ProxyRouteMatch } from './match-proxy-route'
import { readLimitedBody } from './read-limited-body'

/** Segmind's API host, used when `segmind.baseUrl` is left out. */
export const SEGMIND_BASE_URL = 'https://api.segmind.com'

/** Default largest request body: 20 MB, enough for an image or a short video as a data URI. */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024

/** Default time to wait for the upstream's reply. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 60_000

/**
 * What `authorize` returns: a user id (string) or `true`/`undefined` to let the request
 * through, `false`/`null` to answer 401, or a `Response` (a 403, a 429 of your own limit) to
 * send instead.
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
  /** The request or task id of a status or result call. */
  readonly id: string | undefined
}

/** One line of the proxy's log: what happened, never a header, a body or a key. */
export interface ProxyLogEntry {
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
  /** The job a submit created (Segmind `request_id`, APIXO `taskId`): a paid job is never untraceable. */
  readonly jobId: string | undefined
  readonly durationMs: number
}

/** Why the proxy answered without (or instead of) the upstream's reply. */
export type ProxyDenyReason =
  | 'not-found'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'invalid-json'
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'denied-by-hook'
  | 'upstream-timeout'
  | 'upstream-unreachable'
  | 'upstream-redirect'
  | 'client-closed'
  | 'internal'

/** Options of {@link createLtxProxy}. */
export interface LtxProxyOptions {
  /** Segmind: the key (`x-api-key`) and, for tests and demos, another base URL. */
  readonly segmind?: { readonly apiKey: string; readonly baseUrl?: string }
  /**
   * APIXO: the key (sent as `Authorization: Bearer`) and its API host, which you must give:
   * ltx-react does not assume one. `allowCallbackUrl` enables callback mode for the URLs it
   * accepts (default: callback mode is refused, so clients cannot point webhooks anywhere).
   */
  readonly apixo?: {
    readonly apiKey: string
    readonly baseUrl: string
    readonly allowCallbackUrl?: (url: string) => boolean
  }
  /** The models clients may use; default all five. */
  readonly models?: readonly ModelId[]
  /**
   * Decide who may use the proxy (sync or async). Return a user id to allow and identify,
   * `true` to allow anonymously, `false` for 401, or a `Response` (403, 429) to send instead.
   *
   * A per-user limit is built on it, e.g. five submits per user per hour:
   * ```ts
   * const used = new Map<string, number[]>()
   * createLtxProxy({
   *   segmind: { apiKey: process.env.SEGMIND_API_KEY! },
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
   * `Response` to send it instead.
   */
  readonly beforeUpstream?: (context: ProxyRequestContext) => void | Response | Promise<void | Response>
  /** Largest accepted request body in bytes, data URIs included; default 20 MB. Larger answers 413. */
  readonly maxBodyBytes?: number
  /** Where the proxy is mounted; default `/api/ltx`. Routes are `{basePath}/segmind/…` and `{basePath}/apixo/…`. */
  readonly basePath?: string
  /** How long to wait for the upstream, in ms; default 60 s. Then 504. */
  readonly timeoutMs?: number
  /** The fetch used for upstream calls; default the global one. */
  readonly fetch?: typeof fetch
  /** Receives one entry per request; entries never hold headers, bodies or keys. */
  readonly log?: (entry: ProxyLogEntry) => void
}

interface Upstream {
  readonly baseUrl: string
  readonly authHeader: readonly [name: string, value: string]
  readonly apiKey: string
}

// Upstream replies are small JSON (or a short HTML/text error page); a bound keeps memory bounded.
const MAX_UPSTREAM_BODY_BYTES = 5 * 1024 * 1024

// Only these upstream headers reach the client; set-cookie and the rest stay behind.
const PASS_HEADERS = ['content-type', 'x-rate-limit-reset-at-utc', 'retry-after'] as const

function checkBaseUrl(name: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new TypeError(`createLtxProxy: ${name}.baseUrl must be an absolute http(s) URL.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`createLtxProxy: ${name}.baseUrl must be an absolute http(s) URL.`)
  }
  return value.replace(/\/+$/, '')
}

function checkKey(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`createLtxProxy: ${name}.apiKey is missing; read it from the server's environment.`)
  }
  return value
}

/** An error reply in the provider's own dialect, so transports read it as they read upstream errors. */
function errorResponse(
  provider: Provider | undefined,
  status: number,
  reason: ProxyDenyReason,
  message: string,
  issues?: readonly FieldIssue[],
): Response {
  const extra = issues === undefined ? {} : { issues }
  const body = provider === 'apixo' ? { code: status, message, data: null, ...extra } : { error: message, ...extra }
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      // Tells a proxy answer from an upstream one when debugging; never carries detail.
      'x-ltx-proxy': reason,
    },
  })
}

/**
 * Segmind's submit reply names its own status and result URLs; the browser gets this proxy's
 * instead, so the provider's host is never shown and following the links keeps the key here.
 */
function pointAtProxy(text: string, origin: string, basePath: string): string {
  try {
    const body = JSON.parse(text) as unknown
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return text
    const id = (body as { request_id?: unknown }).request_id
    if (typeof id !== 'string') return text
    const base = `${origin}${basePath}/segmind/v2/requests/${encodeURIComponent(id)}`
    return JSON.stringify({ ...body, status_url: `${base}/status`, response_url: base })
  } catch {
    return text
  }
}

/** The id of the job a submit reply created, in either provider's dialect. */
function createdJobId(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { request_id?: unknown; data?: { taskId?: unknown } }
    const id = body.request_id ?? body.data?.taskId
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) if (secret !== '') out = out.split(secret).join('[redacted]')
  return out
}

/**
 * The key-holding backend proxy: a Fetch-API handler for Next.js route handlers, Hono, Bun,
 * Deno, workers (and Node or Express through `toNodeHandler`). It forwards only the documented
 * routes of allowed models, validates submits with the model schemas before any credit is
 * spent, adds the server-held key, never forwards the client's own credentials and never lets
 * the key reach a reply or a log line.
 */
export function createLtxProxy(options: LtxProxyOptions): (request: Request) => Promise<Response> {
  const upstreams: Partial<Record<Provider, Upstream>> = {}
  if (options.segmind !== undefined) {
    const apiKey = checkKey('segmind', options.segmind.apiKey)
    upstreams.segmind = {
      baseUrl: checkBaseUrl('segmind', options.segmind.baseUrl ?? SEGMIND_BASE_URL),
      authHeader: ['x-api-key', apiKey],
      apiKey,
    }
  }
  if (options.apixo !== undefined) {
    const apiKey = checkKey('apixo', options.apixo.apiKey)
    upstreams.apixo = {
      baseUrl: checkBaseUrl('apixo', options.apixo.baseUrl),
      authHeader: ['authorization', `Bearer ${apiKey}`],
      apiKey,
    }
  }
  for (const id of options.models ?? []) {
    if (!isModelId(id)) throw new TypeError(`createLtxProxy: unknown model "${String(id)}"; known: ${modelIds.join(', ')}.`)
  }
  const allowed = new Set<ModelId>(options.models ?? modelIds)
  const basePath = (options.basePath ?? '/api/ltx').replace(/\/+$/, '')
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const timeoutMs = options.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS
  const upstreamFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))
  const secrets = Object.values(upstreams).flatMap((u) => [u.apiKey, u.authHeader[1]])
  const canSpend = (route: ProxyRoute) => route === 'segmind.submit' || route === 'apixo.submit'
  // Every submit is billed: a proxy open to anyone must be asked for, not be the default.
  const authorizeOption = (options as { authorize?: LtxProxyOptions['authorize'] }).authorize
  if (authorizeOption === undefined || (typeof authorizeOption !== 'function' && authorizeOption !== 'anyone')) {
    throw new TypeError(
      "createLtxProxy: pass authorize: (request) => userId | false, so only your signed-in users spend your credits; authorize: 'anyone' serves everyone who can reach the URL (local demos and tests).",
    )
  }
  const authorize: LtxProxyOptions['authorize'] = authorizeOption

  async function validate(match: ProxyRouteMatch, request: Request): Promise<Response | { body: string }> {
    const contentType = (request.headers.get('content-type') ?? '').toLowerCase()
    // Requiring JSON also makes a cross-site form post impossible without a CORS preflight.
    if (!contentType.startsWith('application/json')) {
      return errorResponse(match.provider, 415, 'unsupported-media-type', 'Send the parameters as JSON (Content-Type: application/json).')
    }
    const read = await readLimitedBody(request, maxBodyBytes)
    if (!read.ok) {
      return errorResponse(match.provider, 413, 'payload-too-large', `The request body is larger than ${maxBodyBytes} bytes.`)
    }
    let text: string
    let value: unknown
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes)
      value = JSON.parse(text) as unknown
    } catch {
      return errorResponse(match.provider, 400, 'invalid-json', 'The request body is not valid JSON.')
    }
    let issues: readonly FieldIssue[] = []
    if (match.route === 'segmind.submit' && match.model !== undefined) {
      const result = safeParseInput(match.model, value)
      if (!result.success) issues = result.issues
    } else if (match.route === 'apixo.submit') {
      const result = apixoGenerateTaskBodySchema.safeParse(value)
      if (!result.success) {
        // The model input is checked as a model definition checks it in the browser, so a form
        // shows the same sentences whichever side found the problem; the body's own fields
        // (request_type, callback_url, provider) by the body schema.
        const input = typeof value === 'object' && value !== null ? (value as { input?: unknown }).input : undefined
        const parsed = safeParseInput('ltx-2-19b', input)
        const own = toFieldIssues(apixoGenerateTaskBodySchema, value, result.error.issues)
        issues = [
          ...own.filter((issue) => parsed.success || issue.path[0] !== 'input'),
          ...(parsed.issues ?? []).map((issue) => ({ ...issue, path: ['input', ...issue.path] })),
        ]
      } else if (result.data.request_type === 'callback') {
        const url = result.data.callback_url ?? ''
        if (options.apixo?.allowCallbackUrl?.(url) !== true) {
          issues = [{ path: ['callback_url'], message: 'This server does not accept that callback URL; use request_type "async".' }]
        }
      }
    }
    if (issues.length > 0) {
      const first = issues[0]?.message ?? 'The parameters are not valid.'
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
      return errorResponse(match.provider, 400, 'validation', `${first}${more}`, issues)
    }
    // Forward the JSON that was validated, re-serialised: a body with duplicate keys cannot
    // mean one thing to the validator and another to the provider. Defaults stay the provider's.
    return { body: JSON.stringify(value) }
  }

  async function forward(match: ProxyRouteMatch, upstream: Upstream, request: Request, body: string | undefined) {
    // A submit may be billed as soon as it arrives upstream: a client that leaves (closed tab)
    // must not cut it off half-way, or a paid job would have no id anywhere. Reads may stop.
    const followClient = !canSpend(match.route)
    const headers = new Headers({ accept: 'application/json' })
    // Built from scratch: the client's authorization, x-api-key and cookie never travel upstream.
    headers.set(upstream.authHeader[0], upstream.authHeader[1])
    if (body !== undefined) headers.set('content-type', 'application/json')
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = followClient ? AbortSignal.any([timeout, request.signal]) : timeout
    const init: RequestInit = {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      signal,
      // A redirect would carry x-api-key to wherever it points.
      redirect: 'manual',
    }
    if (body !== undefined) init.body = body
    try {
      const response = await upstreamFetch(`${upstream.baseUrl}${match.upstreamPath}`, init)
      const read = await readLimitedBody(response, MAX_UPSTREAM_BODY_BYTES)
      return { ok: true as const, response, bytes: read.ok ? read.bytes : undefined }
    } catch {
      // The cause may quote the upstream URL or internals; the client gets a plain reason only.
      if (timeout.aborted) return { ok: false as const, reason: 'upstream-timeout' as const }
      if (followClient && request.signal.aborted) return { ok: false as const, reason: 'client-closed' as const }
      return { ok: false as const, reason: 'upstream-unreachable' as const }
    }
  }

  async function handle(request: Request, note: (fields: Partial<ProxyLogEntry>) => void): Promise<Response> {
    const url = new URL(request.url)
    const path = url.pathname
    if (basePath !== '' && !path.startsWith(`${basePath}/`)) return errorResponse(undefined, 404, 'not-found', 'Not found.')
    const match = matchProxyRoute(request.method.toUpperCase(), path.slice(basePath.length), url.searchParams, allowed)
    const upstream = match === undefined ? undefined : upstreams[match.provider]
    if (match === undefined || upstream === undefined) {
      await request.body?.cancel().catch(() => undefined)
      return errorResponse(match?.provider, 404, 'not-found', 'Not found.')
    }
    note({ route: match.route, model: match.model })

    let userId: string | undefined
    if (authorize !== 'anyone') {
      const verdict = await authorize(request)
      if (verdict instanceof Response) {
        note({ reason: 'denied-by-hook' })
        return verdict
      }
      if (verdict === false || verdict === null) return errorResponse(match.provider, 401, 'unauthorized', 'Sign in to generate videos.')
      if (typeof verdict === 'string') userId = verdict
      note({ userId })
    }

    let body: string | undefined
    if (canSpend(match.route)) {
      const checked = await validate(match, request)
      if (checked instanceof Response) return checked
      body = checked.body
    }

    if (options.beforeUpstream !== undefined) {
      const verdict = await options.beforeUpstream({
        request,
        userId,
        provider: match.provider,
        route: match.route,
        model: match.model,
        id: match.id,
      })
      if (verdict instanceof Response) {
        note({ reason: 'denied-by-hook' })
        return verdict
      }
    }

    const result = await forward(match, upstream, request, body)
    if (!result.ok) {
      const reason = result.reason
      switch (reason) {
        case 'upstream-timeout':
          return errorResponse(match.provider, 504, reason, `The video service did not answer within ${timeoutMs / 1000} s.`)
        case 'upstream-unreachable':
          return errorResponse(match.provider, 502, reason, 'The video service could not be reached.')
        case 'client-closed':
          return errorResponse(match.provider, 499, reason, 'The client closed the request.')
        default:
          reason satisfies never
          throw new Error('unreachable')
      }
    }
    const { response, bytes } = result
    note({ upstreamStatus: response.status })
    if (response.status >= 300 && response.status < 400) {
      return errorResponse(match.provider, 502, 'upstream-redirect', 'The video service answered with a redirect.')
    }
    if (bytes === undefined) return errorResponse(match.provider, 502, 'upstream-unreachable', 'The video service sent an oversized reply.')
    const headers = new Headers({ 'cache-control': 'no-store' })
    for (const name of PASS_HEADERS) {
      const value = response.headers.get(name)
      if (value !== null) headers.set(name, redact(value, secrets))
    }
    // Pass the upstream's status and body through so transports see the documented shapes.
    const text = new TextDecoder().decode(bytes)
    if (canSpend(match.route) && response.ok) note({ jobId: createdJobId(text) })
    const clean = redact(match.route === 'segmind.submit' ? pointAtProxy(text, url.origin, basePath) : text, secrets)
    const out = clean === text ? bytes.slice() : new TextEncoder().encode(clean)
    const nullBody = response.status === 204 || response.status === 205 || response.status === 304
    return new Response(nullBody ? null : out, { status: response.status, headers })
  }

  return async (request) => {
    const started = Date.now()
    const entry: { -readonly [K in keyof ProxyLogEntry]: ProxyLogEntry[K] } = {
      method: request.method,
      route: undefined,
      model: undefined,
      userId: undefined,
      status: 0,
      reason: undefined,
      upstreamStatus: undefined,
      jobId: undefined,
      durationMs: 0,
    }
    const note = (fields: Partial<ProxyLogEntry>) => Object.assign(entry, fields)
    let response: Response
    try {
      response = await handle(request, note)
    } catch {
      // A throwing authorize or hook: the message may hold anything, so it is not echoed.
      response = errorResponse(undefined, 500, 'internal', 'The proxy failed to handle the request.')
    }
    entry.status = response.status
    entry.reason ??= (response.headers.get('x-ltx-proxy') as ProxyDenyReason | null) ?? undefined
    entry.durationMs = Date.now() - started
    try {
      options.log?.({ ...entry })
    } catch {
      // Logging must never break a reply.
    }
    return response
  }
}
