import type { Provider } from '../models/provider'
import type { LogEntryDraft } from './log-entry-draft'
import { proxyReply } from './proxy-reply'
import type { ProxyConfig } from './resolve-proxy-options'

/**
 * Who a request is for, by the proxy's `authorize`: the user's id (undefined for an anonymous
 * user, and with `'anyone'`), or the reply that refuses it: the app's own `Response` (logged as
 * `denied-by-hook`) or a 401 in `provider`'s dialect. `request` is asked for only when the app's
 * function runs, so Node's fast path builds no Request for `'anyone'`. The entry gets the user.
 */
export function authorizeUser(
  config: Pick<ProxyConfig, 'authorize'>,
  request: () => Request,
  provider: Provider | undefined,
  entry: LogEntryDraft,
): string | undefined | Response | Promise<string | undefined | Response> {
  // 'anyone' answers at once: no promise for the common case of an open proxy.
  if (config.authorize === 'anyone') return undefined
  return askAuthorize(config.authorize, request, provider, entry)
}

async function askAuthorize(
  authorize: Exclude<ProxyConfig['authorize'], 'anyone'>,
  request: () => Request,
  provider: Provider | undefined,
  entry: LogEntryDraft,
): Promise<string | undefined | Response> {
  const verdict = await authorize(request())
  if (verdict instanceof Response) {
    entry.reason = 'denied-by-hook'
    return verdict
  }
  // An empty id names nobody: it must not share the jobs of anonymous users.
  if (verdict === false || verdict === null || verdict === '') return proxyReply(provider, 401, 'unauthorized', 'Sign in to generate videos.')
  const userId = typeof verdict === 'string' ? verdict : undefined
  entry.userId = userId
  return userId
}
