import { providerName } from '../providers/provider-name'
import { forwardUpstream, type LateOutcome } from './forward-upstream'
import { upstreamFailureReply } from './upstream-failure-reply'
import { logEntryDraft, type LogEntryDraft } from './log-entry-draft'
import { logLateReply } from './log-late-reply'
import { authorizeUser } from './authorize-user'
import type { LtxProxyOptions, ProxyDenyReason, ProxyLogEntry } from './ltx-proxy-options'
import { matchProxyRoute, upstreamPath, type ProxyRouteMatch } from './match-proxy-route'
import { isFinishedResponse, proxyReply, unknownJobReply, withSafetyHeaders } from './proxy-reply'
import { resolveProxyOptions, type UpstreamConfig } from './resolve-proxy-options'
import { REFUSE_METHOD, type RefuseMethod } from './refuse-method'
import { PROXY_INTERNALS } from './proxy-internals'
import { readReplyFacts, rewrittenResponse, type UpstreamReply } from './rewrite-upstream-reply'
import { decideUpstreamReply } from './decide-upstream-reply'
import { validateSubmit } from './validate-submit'
import { receiveApixoCallback } from './ledger/apixo-callback-route'
import { beginLedgerSubmit, failureResponse, readIdempotencyKey, type LedgerSubmit } from './ledger/ledger-submit'
import { ledgerStatusReply, recordPolledEnd } from './ledger/ledger-status'
import { createEventsRoute } from './ledger/events-route'

export {
  DEFAULT_LATE_REPLY_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_UPSTREAM_CONNECTIONS,
  DEFAULT_SUBMIT_TIMEOUT_MS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  SEGMIND_BASE_URL,
} from './ltx-proxy-options'
export type { ApixoRouting, AuthorizeResult, LtxProxyOptions, ProxyDenyReason, ProxyLogEntry, ProxyRequestContext } from './ltx-proxy-options'


/** The Fetch-API handler `createLtxProxy` returns. */
export type LtxProxyHandler = ((request: Request) => Promise<Response>) & {
  readonly [REFUSE_METHOD]: RefuseMethod
}

const isSubmit = (match: ProxyRouteMatch) => match.operation === 'submit'
// APIXO's callbacks to the proxy's own receiver (apixo.callbacks): the token is one path segment.
const CALLBACK_PATH = /^\/apixo\/callback\/([^/]*)$/

/**
 * The key-holding backend proxy: a Fetch-API handler for Next.js route handlers, Hono, Bun,
 * Deno, workers (and Node or Express through `toNodeHandler`). It forwards only the documented
 * routes of allowed models, validates submits with the model schemas before any credit is
 * spent, adds the server-held key, never forwards the client's own credentials, hands the browser
 * signed job handles bound to the user instead of the provider's ids, and never lets the key or
 * the operator's account data reach a reply or a log line.
 */
export function createLtxProxy(options: LtxProxyOptions): LtxProxyHandler {
  const config = resolveProxyOptions(options)
  // The SSE route `{basePath}/events` exists only with a store (without one it is a 404 as any unknown path).
  const events = options.store === undefined ? undefined : createEventsRoute(config, options.store, options.push)

  function log(entry: ProxyLogEntry): void {
    try {
      options.log?.({ ...entry })
    } catch {
      // Logging must never break a reply.
    }
  }

  /** The route of a method and URL, or the proxy's 404/405 for it. */
  function route(method: string, url: URL): ProxyRouteMatch | Response {
    const path = url.pathname
    const outside = config.basePath !== '' && !path.startsWith(`${config.basePath}/`)
    const found = outside ? undefined : matchProxyRoute(method.toUpperCase(), path.slice(config.basePath.length), url.searchParams, config.allowed)
    if (found === undefined) return proxyReply(undefined, 404, 'not-found', `Not a route of this proxy (it is mounted at ${config.basePath || '/'}).`)
    if (found.kind === 'not-found') return proxyReply(found.provider, 404, 'not-found', found.message)
    if (found.kind === 'method-not-allowed') {
      return proxyReply(found.provider, 405, 'method-not-allowed', `This route takes ${found.allow} only.`, { allow: found.allow })
    }
    if (config.upstreams[found.provider] === undefined) {
      const name = providerName(found.provider)
      return proxyReply(found.provider, 404, 'not-found', `This proxy does not serve ${name}: it was built without the ${found.provider} option.`)
    }
    return found
  }

  /** The ledger's part of a late reply: the key stayed pending through the wait; a late job is kept for replays, no reply frees the key. */
  function settleLate(ledger: LedgerSubmit, match: ProxyRouteMatch, timedOut: Response) {
    return async (outcome: LateOutcome) => {
      const id = outcome.ok && outcome.reply.status < 300 ? readReplyFacts(match, new TextDecoder().decode(outcome.reply.bytes)).jobId : undefined
      if (outcome.ok && id !== undefined) await ledger.accepted(outcome.reply, id).catch(() => undefined)
      else await ledger.refused(timedOut).catch(() => undefined)
    }
  }

  async function answer(match: ProxyRouteMatch, upstream: UpstreamConfig, request: Request, entry: LogEntryDraft, userId: string | undefined, started: number) {
    const { provider } = match
    const name = providerName(provider)
    let upstreamId: string | undefined
    if (match.handle !== undefined) {
      upstreamId = await config.handles.open(provider, match.handle, userId)
      // Someone else's job, a guessed handle or a raw provider id: the provider is never asked.
      if (upstreamId === undefined) {
        entry.reason = 'unknown-job'
        await request.body?.cancel().catch(() => undefined)
        return unknownJobReply(provider)
      }
      entry.jobId = upstreamId
      // A final state a callback brought (or one still due): no upstream call.
      const kept = config.ledger !== undefined && match.operation === 'status' ? await ledgerStatusReply(config.ledger.store, provider, upstreamId, Date.now()) : undefined
      if (kept !== undefined) return reply(match, kept, entry, userId, upstreamId)
    }

    let body: string | undefined
    let ledger: LedgerSubmit | undefined
    if (isSubmit(match)) {
      const key = config.ledger === undefined ? undefined : readIdempotencyKey(request)
      if (key === 'bad') {
        await request.body?.cancel().catch(() => undefined)
        return proxyReply(provider, 400, 'bad-idempotency-key', 'Idempotency-Key must be 16 to 128 letters, digits, _ or -.')
      }
      const checked = await validateSubmit(match, request, config)
      if (checked instanceof Response) return checked
      body = checked.body
      if (config.ledger !== undefined) {
        const begun = await beginLedgerSubmit(config.ledger, match, userId, key, body)
        switch (begun.kind) {
          case 'send':
            ledger = begun
            body = begun.body
            break
          case 'replay': {
            const replayed = await reply(match, { status: begun.status, headers: new Headers(), bytes: new TextEncoder().encode(begun.body), truncated: false }, entry, userId, undefined)
            replayed.headers.set('x-ltx-idempotent-replay', 'true')
            return replayed
          }
          case 'failed':
            return failureResponse(begun.failure)
          case 'mismatch':
            return proxyReply(provider, 422, 'idempotency-mismatch', 'This Idempotency-Key was used for another request body; use a new key for a new request.')
          case 'pending':
            return proxyReply(provider, 409, 'idempotency-pending', `A request with this Idempotency-Key is still under way at ${name}; ask again later.`)
          default:
            begun satisfies never
            throw new Error('unreachable')
        }
      }
    }

    if (options.beforeUpstream !== undefined) {
      const verdict = await options.beforeUpstream({ request, userId, provider, route: match.route, model: match.model, id: upstreamId, handle: match.handle })
      if (verdict instanceof Response) {
        entry.reason = 'denied-by-hook'
        await ledger?.refused(verdict).catch(() => undefined)
        return verdict
      }
    }

    // Built from scratch: the client's authorization, x-api-key and cookie never travel upstream.
    const headers = new Headers({ accept: 'application/json', [upstream.authHeader[0]]: upstream.authHeader[1] })
    if (body !== undefined) headers.set('content-type', 'application/json')
    const submit = isSubmit(match)
    const deadlineMs = submit ? config.submitTimeoutMs : config.timeoutMs
    const result = await forwardUpstream({
      url: `${upstream.baseUrl}${upstreamPath(match, upstreamId)}`,
      method: submit ? 'POST' : 'GET',
      headers,
      body,
      deadlineMs,
      // A submit may be billed as soon as it arrives upstream: a client that leaves (closed tab)
      // must not cut it off half-way, or a paid job would have no id anywhere. Reads may stop.
      clientSignal: submit ? undefined : request.signal,
      lateMs: submit ? config.lateReplyMs : undefined,
      limiter: upstream.limiter,
      fetch: config.fetch,
    })
    if (!result.ok) {
      const failed = upstreamFailureReply(provider, result, deadlineMs)
      if (result.reason === 'upstream-timeout') {
        // The job may exist: the key stays pending until the late reply says.
        if (result.late !== undefined) {
          logLateReply(result.late, { entry, started, match }, log, options.waitUntil, ledger === undefined ? undefined : settleLate(ledger, match, failed.clone()))
        }
        else await ledger?.refused(failed).catch(() => undefined)
      } else {
        await ledger?.refused(failed).catch(() => undefined)
      }
      return failed
    }
    const response = await reply(match, result.reply, entry, userId, upstreamId)
    if (config.ledger !== undefined && match.operation === 'status' && upstreamId !== undefined) {
      await recordPolledEnd(config.ledger.store, provider, upstreamId, result.reply).catch(() => undefined)
    }
    if (ledger !== undefined) {
      const id = result.reply.status < 300 && response.status < 300 ? entry.jobId : undefined
      // A store that fails now must not cost the client a job it was billed for: the reply goes out.
      await (id !== undefined ? ledger.accepted(result.reply, id) : ledger.refused(response)).catch(() => undefined)
    }
    return response
  }

  async function reply(match: ProxyRouteMatch, upstreamReply: UpstreamReply, entry: LogEntryDraft, userId: string | undefined, readId: string | undefined): Promise<Response> {
    const decided = await decideUpstreamReply(config, match, upstreamReply, entry, userId, readId)
    return decided instanceof Response ? decided : rewrittenResponse(decided)
  }

  async function handle(request: Request, url: URL, entry: LogEntryDraft, started: number): Promise<Response> {
    const callback = config.ledger?.callbacks === undefined ? undefined : CALLBACK_PATH.exec(url.pathname.slice(config.basePath.length))
    if (callback != null && url.pathname.startsWith(`${config.basePath}/`) && config.ledger !== undefined) {
      if (request.method.toUpperCase() !== 'POST') return proxyReply('apixo', 405, 'method-not-allowed', 'This route takes POST only.', { allow: 'POST' })
      return receiveApixoCallback(request, callback[1] ?? '', config.ledger.store, config.maxBodyBytes)
    }
    const match = route(request.method, url)
    if (match instanceof Response) {
      await request.body?.cancel().catch(() => undefined)
      return match
    }
    Object.assign(entry, { route: match.route, model: match.model })
    const upstream = config.upstreams[match.provider]
    const userId = await authorizeUser(config, () => request, match.provider, entry)
    if (userId instanceof Response) return userId
    if (upstream === undefined || 'missing' in upstream) {
      await request.body?.cancel().catch(() => undefined)
      // For the app's developer: the deployment lacks a secret. Nothing secret is in the sentence.
      return proxyReply(match.provider, 500, 'missing-key', upstream?.missing ?? 'This provider is not configured.')
    }
    return answer(match, upstream, request, entry, userId, started)
  }

  async function run(method: string, work: (entry: LogEntryDraft, started: number) => Promise<Response>): Promise<Response> {
    const started = Date.now()
    const entry = logEntryDraft(method)
    let response: Response
    try {
      response = withSafetyHeaders(await work(entry, started))
      if (config.ledger !== undefined) response.headers.set('x-ltx-ledger', '1')
    } catch {
      // A throwing authorize or hook: the message may hold anything, so it is not echoed.
      response = proxyReply(undefined, 500, 'internal', 'The proxy failed to handle the request.')
    }
    entry.status = response.status
    // A rewritten upstream reply has no reason of the proxy's (and its headers are left alone).
    if (!isFinishedResponse(response)) entry.reason ??= (response.headers.get('x-ltx-proxy') as ProxyDenyReason | null) ?? undefined
    entry.durationMs = Date.now() - started
    log(entry)
    return response
  }

  const handler = (request: Request) =>
    run(request.method, (entry, started) => {
      // Parsed once per request, for the events route's check and the routing after it.
      const url = new URL(request.url)
      return events?.matches(url) === true ? events.serve(request, url, entry) : handle(request, url, entry, started)
    })
  const refuseMethod: RefuseMethod = (method, url) =>
    run(method, async () => {
      const match = route(method, new URL(url))
      // No documented route takes such a method, so route() always refuses; 405 if it ever did not.
      return match instanceof Response ? match : proxyReply(match.provider, 405, 'method-not-allowed', 'This method is not allowed.')
    })
  // What toNodeHandler's fast path shares with this handler (the same config, limiters and log).
  return Object.assign(handler, { [REFUSE_METHOD]: refuseMethod, [PROXY_INTERNALS]: { options, config, log } })
}
