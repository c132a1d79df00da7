import type { Provider } from '../models/provider'
import { providerName } from '../providers/provider-name'
import type { Forwarded } from './forward-upstream'
import { proxyReply } from './proxy-reply'

/** The proxy's answer when the upstream gave none: 504 timeout, 503 no free connection, 502 unreachable, 499 client gone. */
export function upstreamFailureReply(provider: Provider, result: Exclude<Forwarded, { ok: true }>, deadlineMs: number): Response {
  const name = providerName(provider)
  const reason = result.reason
  switch (reason) {
    case 'upstream-timeout':
      return proxyReply(provider, 504, reason, `${name} did not answer within ${deadlineMs / 1000} s.`)
    case 'upstream-busy':
      return proxyReply(provider, 503, reason, `The proxy had no free connection to ${name} within ${deadlineMs / 1000} s; nothing was sent. Try again.`)
    case 'upstream-unreachable':
      return proxyReply(provider, 502, reason, `${name} could not be reached.`)
    case 'client-closed':
      return proxyReply(provider, 499, reason, 'The client closed the request.')
    default:
      reason satisfies never
      throw new Error('unreachable')
  }
}
