import type { LtxProxyOptions, ProxyLogEntry } from './ltx-proxy-options'
import type { ProxyConfig } from './resolve-proxy-options'

/**
 * Where `toNodeHandler` finds what Node's fast path needs of a proxy built by `createLtxProxy`:
 * its options as given, the checked config (the same limiters, handles and redactor the Fetch
 * handler uses) and its log. A global symbol, like REFUSE_METHOD; not public API.
 */
export const PROXY_INTERNALS = Symbol.for('ltx-react.server.proxyInternals')

export interface ProxyInternals {
  readonly options: LtxProxyOptions
  readonly config: ProxyConfig
  readonly log: (entry: ProxyLogEntry) => void
}
