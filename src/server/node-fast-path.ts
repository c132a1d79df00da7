import type { IncomingMessage, ServerResponse } from 'node:http'
import { forwardWith, MAX_UPSTREAM_BODY_BYTES } from './forward-upstream'
import { StopSignal } from './stop-signal'
import { upstreamFailureReply } from './upstream-failure-reply'
import { DEFAULT_MAX_UPSTREAM_CONNECTIONS, type ProxyDenyReason } from './ltx-proxy-options'
import { matchProxyRoute, upstreamPath, type ProxyRouteMatch } from './match-proxy-route'
import { nodeBuiltins } from './node-builtins'
import { lazyBodyStream, requestUrl, toHeaders, writeResponse } from './node-fetch-bridge'
import { createNodeSender } from './node-forward'
import { createUndiciSender, resolveUndici, type UndiciModule } from './undici-sender'
import { readNodeBody } from './read-node-body'
import { proxyReply, SAFETY_HEADERS, unknownJobReply, withSafetyHeaders } from './proxy-reply'
import { PROXY_INTERNALS, type ProxyInternals } from './proxy-internals'
import type { UpstreamConfig } from './resolve-proxy-options'
import type { RewrittenReply } from './rewrite-upstream-reply'
import { decideUpstreamReply } from './decide-upstream-reply'
import { logEntryDraft, type LogEntryDraft } from './log-entry-draft'
import { logLateReply } from './log-late-reply'
import { authorizeUser } from './authorize-user'
import { payloadTooLarge, unsupportedMediaType, validateSubmit, validateSubmitBytes } from './validate-submit'

type Answer = Response | RewrittenReply

/** Serves one request itself, or returns undefined: the caller then hands it to the Fetch handler. */
export type NodeFastPath = (req: IncomingMessage, res: ServerResponse) => Promise<void> | undefined

/**
 * The options the fast path knows to serve exactly as the Fetch handler does. Any other option
 * (a custom `fetch`, and whatever later versions add, such as a job ledger) sends every request
 * to the Fetch handler, so what the fast path does not know it never changes.
 */
const SERVED_OPTIONS = new Set([
  'segmind',
  'apixo',
  'models',
  'authorize',
  'beforeUpstream',
  'secret',
  'exposeCost',
  'origin',
  'allowLoopbackUrls',
  'maxBodyBytes',
  'basePath',
  'timeoutMs',
  'submitTimeoutMs',
  'lateReplyMs',
  'maxUpstreamConnections',
  'waitUntil',
  'log',
])

/**
 * A request target that reads the same raw as parsed by `URL`: segments that start with no dot
 * (so no `.` or `..` segment, no empty one), query characters that nothing decodes or encodes.
 * Only for such a target does the fast path skip the URL parser; any other goes through it.
 */
const PLAIN_TARGET = /^\/(?:[\w-][\w.-]*(?:\/[\w-][\w.-]*)*\/?)?(?:\?[\w.=&-]*)?$/
const NO_QUERY = new URLSearchParams()

const isSubmit = (match: ProxyRouteMatch) => match.operation === 'submit'

/**
 * Node's fast path for a proxy built by `createLtxProxy`: status, result and submit requests are
 * served straight from Node's `IncomingMessage` to its `ServerResponse`, without a Fetch Request, Response, Headers or web stream in between; everything
 * else (other routes and methods, the proxy's 404/405, a missing key, an Express-parsed body)
 * goes to the Fetch handler. Upstream it sends with undici's Pool when the app has undici 7 or
 * later (`choice.undici`: the module to use, or false for node:http), else with node:http. The rules are the handler's own code: the same route match, handle
 * check, validation, limiter and deadlines, reply rewrite and redaction, safety headers and log
 * entries; `authorize` and `beforeUpstream`, when they are functions, get a real `Request` with
 * the client's headers (its body streams from the socket, for `authorize`). Undefined when the
 * handler is not such a proxy, when it has options the fast path does not serve, or off Node.
 */
export function createNodeFastPath(handler: unknown, choice: { readonly undici?: UndiciModule | false | undefined } = {}): NodeFastPath | undefined {
  const internals = (handler as { [PROXY_INTERNALS]?: ProxyInternals } | null)?.[PROXY_INTERNALS]
  const node = nodeBuiltins()
  if (internals === undefined || node === undefined) return undefined
  const { options, config, log } = internals
  for (const [name, value] of Object.entries(options)) if (value !== undefined && !SERVED_OPTIONS.has(name)) return undefined
  const connections = Math.floor(options.maxUpstreamConnections ?? DEFAULT_MAX_UPSTREAM_CONNECTIONS)
  const undici = choice.undici === undefined ? resolveUndici(node) : choice.undici || undefined
  const send = undici === undefined ? createNodeSender(node, connections) : createUndiciSender(undici, node, connections)
  const needsRequest = typeof config.authorize === 'function' || options.beforeUpstream !== undefined

  /** The route of a served request, or undefined for the Fetch handler. */
  function served(method: string, path: string, search: URLSearchParams): { match: ProxyRouteMatch; upstream: UpstreamConfig } | undefined {
    if (config.basePath !== '' && !path.startsWith(`${config.basePath}/`)) return undefined
    const found = matchProxyRoute(method, path.slice(config.basePath.length), search, config.allowed)
    if (found.kind !== 'match') return undefined
    const upstream = config.upstreams[found.provider]
    if (upstream === undefined || 'missing' in upstream) return undefined
    const { operation } = found
    switch (operation) {
      case 'submit':
      case 'status':
      case 'result':
        return { match: found, upstream }
      default:
        operation satisfies never
        return undefined
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: () => URL, method: 'GET' | 'POST', route: { match: ProxyRouteMatch; upstream: UpstreamConfig }, entry: LogEntryDraft, started: number): Promise<Answer> {
    const { match, upstream } = route
    const { provider } = match
    entry.route = match.route
    entry.model = match.model
    const submit = isSubmit(match)
    // Stopped when the client leaves before the reply is written, as the Fetch Request's signal is
    // aborted (a StopSignal: no EventTarget unless the app's code asks for a Request).
    const client = new StopSignal()
    res.on('close', () => {
      if (!res.writableFinished) client.abort()
    })
    // A Request only for the app's own code, built once, when it is first needed.
    let request: Request | undefined
    const bodyPulled = { value: false }
    const requestOf = (): Request => {
      if (request !== undefined) return request
      const controller = new AbortController()
      if (client.aborted) controller.abort()
      else client.addEventListener('abort', () => controller.abort())
      const init: RequestInit & { duplex?: 'half' } = { method, headers: toHeaders(req.headers), signal: controller.signal }
      if (submit) Object.assign(init, { body: lazyBodyStream(req, bodyPulled), duplex: 'half' })
      request = new Request(url(), init)
      return request
    }

    // Awaited only when they are promises: an open proxy and node:crypto handles answer at once.
    let userId = authorizeUser(config, requestOf, provider, entry)
    if (userId instanceof Promise) userId = await userId
    if (userId instanceof Response) return userId

    let upstreamId: string | undefined
    if (match.handle !== undefined) {
      const opened = config.handles.open(provider, match.handle, userId)
      upstreamId = opened instanceof Promise ? await opened : opened
      if (upstreamId === undefined) {
        entry.reason = 'unknown-job'
        return unknownJobReply(provider)
      }
      entry.jobId = upstreamId
    }

    let body: string | undefined
    if (submit) {
      let checked: Response | { readonly body: string }
      if (bodyPulled.value && request !== undefined) {
        // The app's authorize read from the body stream: the rest is checked as the Fetch handler checks it.
        checked = await validateSubmit(match, request, config)
      } else {
        const refused = unsupportedMediaType(match, req.headers['content-type'])
        if (refused !== undefined) return refused
        const read = await readNodeBody(req, config.maxBodyBytes)
        checked = read.ok ? validateSubmitBytes(match, read.bytes, config) : payloadTooLarge(match, config)
      }
      if (checked instanceof Response) return checked
      body = checked.body
    }

    if (options.beforeUpstream !== undefined) {
      const verdict = await options.beforeUpstream({ request: requestOf(), userId, provider, route: match.route, model: match.model, id: upstreamId, handle: match.handle })
      if (verdict instanceof Response) {
        entry.reason = 'denied-by-hook'
        return verdict
      }
    }

    // Built from scratch: the client's authorization, x-api-key and cookie never travel upstream.
    const headers: Record<string, string> = { accept: 'application/json', [upstream.authHeader[0]]: upstream.authHeader[1] }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const deadlineMs = submit ? config.submitTimeoutMs : config.timeoutMs
    const result = await forwardWith(
      // A submit may be billed as soon as it arrives upstream: a client that leaves must not cut it off.
      { deadlineMs, clientSignal: submit ? undefined : client, lateMs: submit ? config.lateReplyMs : undefined, limiter: upstream.limiter, freedOnReply: true },
      send({ baseUrl: upstream.baseUrl, path: upstreamPath(match, upstreamId), method: submit ? 'POST' : 'GET', headers, body, maxBytes: MAX_UPSTREAM_BODY_BYTES }),
    )
    if (!result.ok) {
      if (result.reason === 'upstream-timeout' && result.late !== undefined) logLateReply(result.late, { entry, started, match }, log, options.waitUntil)
      return upstreamFailureReply(provider, result, deadlineMs)
    }
    return decideUpstreamReply(config, match, result.reply, entry, userId, upstreamId)
  }

  function write(req: IncomingMessage, res: ServerResponse, answer: Answer): Promise<void> | undefined {
    if (answer instanceof Response) return writeResponse(req, res, answer)
    const headers: Record<string, string> = { ...answer.headers, ...SAFETY_HEADERS }
    // A reply sent before the upload ended closes the connection rather than reading the rest.
    if (!req.complete) headers.connection = 'close'
    // Encoded once, for its length and to send.
    const body = answer.body === null ? undefined : Buffer.from(answer.body)
    if (body !== undefined) headers['content-length'] = String(body.byteLength)
    res.writeHead(answer.status, headers)
    res.end(body)
    return undefined
  }

  return (req, res) => {
    const method = req.method
    if (method !== 'GET' && method !== 'POST') return undefined
    // An Express body parser already read the body: the Fetch handler rebuilds it from req.body.
    if ((req as IncomingMessage & { body?: unknown }).body !== undefined || req.readableEnded) return undefined
    // Express strips its mount path from req.url; originalUrl keeps the path the client asked for.
    const target = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/'
    let parsed: URL | undefined
    const url = () => (parsed ??= requestUrl(req))
    let route: ReturnType<typeof served>
    if (PLAIN_TARGET.test(target)) {
      const query = target.indexOf('?')
      route = query < 0 ? served(method, target, NO_QUERY) : served(method, target.slice(0, query), new URLSearchParams(target.slice(query + 1)))
    } else {
      const { pathname, searchParams } = url()
      route = served(method, pathname, searchParams)
    }
    if (route === undefined) return undefined
    return (async () => {
      const started = Date.now()
      const entry = logEntryDraft(method)
      let answer: Answer
      try {
        answer = await handle(req, res, url, method, route, entry, started)
        if (answer instanceof Response) answer = withSafetyHeaders(answer)
      } catch {
        // A throwing authorize or hook: the message may hold anything, so it is not echoed.
        answer = proxyReply(undefined, 500, 'internal', 'The proxy failed to handle the request.')
      }
      entry.status = answer.status
      if (answer instanceof Response) entry.reason ??= (answer.headers.get('x-ltx-proxy') as ProxyDenyReason | null) ?? undefined
      entry.durationMs = Date.now() - started
      log(entry)
      const written = write(req, res, answer)
      if (written !== undefined) await written
    })()
  }
}
