import { http, type HttpHandler } from 'msw'
import type { Simulator } from './simulator-types'

/** Options of {@link simulatorHandlers}. */
export interface SimulatorHandlersOptions {
  /**
   * Where the simulator answers. Default `/api/ltx` (any origin): it stands in for your
   * `ltx-react/server` proxy, so transports with `baseUrl: '/api/ltx/segmind'` and
   * `'/api/ltx/apixo'` work unchanged, no key needed. Give an absolute URL such as
   * `https://api.segmind.com` to stand in for a provider itself (then keys are checked).
   */
  readonly baseUrl?: string
}

/**
 * msw 2 request handlers (node and browser) that answer with `sim`: the providers' routes,
 * the proxy-style routes under `/segmind` and `/apixo`, and the sample videos.
 */
export function simulatorHandlers(sim: Simulator, options: SimulatorHandlersOptions = {}): HttpHandler[] {
  const baseUrl = options.baseUrl ?? '/api/ltx'
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl)
  const base = absolute ? new URL(baseUrl) : undefined
  const basePath = (base?.pathname ?? baseUrl).replace(/\/+$/, '')
  const matches = (request: Request): boolean => {
    const url = new URL(request.url)
    if (base !== undefined && url.origin !== base.origin) return false
    return basePath === '' || url.pathname.startsWith(`${basePath}/`)
  }
  return [http.all(({ request }) => matches(request), ({ request }) => sim.fetch(request, { basePath }))]
}
