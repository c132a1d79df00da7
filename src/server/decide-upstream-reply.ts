import { providerName } from '../providers/provider-name'
import type { LogEntryDraft } from './log-entry-draft'
import type { ProxyRouteMatch } from './match-proxy-route'
import { proxyReply } from './proxy-reply'
import type { ProxyConfig } from './resolve-proxy-options'
import { readReplyFacts, refusesKey, replyText, rewriteUpstreamParts, type RewrittenReply, type UpstreamReply } from './rewrite-upstream-reply'

/**
 * What the browser gets for an upstream reply, decided once for the Fetch handler and Node's fast
 * path alike: the proxy's own 502 (the server's key refused, a redirect, a job id no handle can
 * stand for, an oversized reply) as a `Response`, or the rewritten reply as plain parts, which
 * each path writes its own way (the fast path builds no Response for it). The log entry gets the
 * reply's facts; a submit's job id is sealed into a handle bound to `userId`; `readId` is the job
 * a status or result read asked about.
 */
export function decideUpstreamReply(
  config: Pick<ProxyConfig, 'handles' | 'exposeCost' | 'redactor' | 'links'>,
  match: ProxyRouteMatch,
  upstreamReply: UpstreamReply,
  entry: LogEntryDraft,
  userId: string | undefined,
  readId: string | undefined,
): Response | RewrittenReply | Promise<Response | RewrittenReply> {
  const { provider } = match
  const name = providerName(provider)
  const submit = match.operation === 'submit'
  // Decoded and parsed once for the facts, the key check and the rewrite.
  const text = replyText(upstreamReply.bytes)
  const facts = readReplyFacts(match, text)
  entry.upstreamStatus = upstreamReply.status
  entry.cost = facts.cost
  entry.remainingCredits = facts.remainingCredits
  if (submit) entry.jobId = facts.jobId
  // The provider refused the server's own key: the operator's problem, never the user's sign-in.
  // Its text is not forwarded, whatever it quotes.
  if (refusesKey(provider, upstreamReply.status, text)) {
    return proxyReply(provider, 502, 'upstream-key-refused', `${name} refused this server's ${name} API key; the site's operator must check it.`)
  }
  if (upstreamReply.status >= 300 && upstreamReply.status < 400) {
    return proxyReply(provider, 502, 'upstream-redirect', `${name} answered with a redirect, which the proxy does not follow.`)
  }
  const upstreamId = readId ?? facts.jobId
  const finish = (handle: string | undefined): Response | RewrittenReply => {
    if (upstreamId !== undefined && handle === undefined) {
      return proxyReply(provider, 502, 'upstream-unreadable', `${name} named a job with an id this proxy cannot hand out; it is in the server's log.`)
    }
    if (upstreamReply.truncated) {
      return proxyReply(provider, 502, 'upstream-oversized', `${name} sent an oversized reply.`, { handle: submit ? handle : undefined })
    }
    const context = { operation: match.operation, provider, upstreamId, handle, exposeCost: config.exposeCost, redactor: config.redactor, links: config.links }
    return rewriteUpstreamParts(upstreamReply, context, text)
  }
  // A read already has its handle (no promise); a submit's job id is sealed into one.
  if (readId !== undefined) return finish(match.handle)
  if (upstreamId === undefined) return finish(undefined)
  const sealed = config.handles.seal(provider, upstreamId, userId)
  return sealed instanceof Promise ? sealed.then(finish) : finish(sealed)
}
