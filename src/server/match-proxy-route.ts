import type { Provider } from '../models/provider'
import { getModel, isModelId, type ModelId } from '../models/registry'

/** The documented upstream routes the proxy forwards; nothing else is. */
export type ProxyRoute = 'segmind.submit' | 'segmind.status' | 'segmind.result' | 'apixo.submit' | 'apixo.status'

/** A request that matched a documented route of an allowed model. */
export interface ProxyRouteMatch {
  readonly kind: 'match'
  readonly route: ProxyRoute
  readonly provider: Provider
  /** The model, for submits and APIXO status. */
  readonly model: ModelId | undefined
  /** The job handle of a status or result call, as the client sent it (not yet checked). */
  readonly handle: string | undefined
}

/** What a request's method and path amount to: a route, a wrong method, or nothing served here. */
export type ProxyRouteResult =
  | ProxyRouteMatch
  | { readonly kind: 'method-not-allowed'; readonly provider: Provider; readonly allow: 'GET' | 'POST' }
  | { readonly kind: 'not-found'; readonly provider: Provider | undefined; readonly message: string }

/**
 * The ids the proxy accepts on its status and result routes: job handles, opaque strings of
 * letters, digits, `.`, `_` and `-`, at most 200 characters, starting with a letter or digit
 * (safe in a path segment and a query value without encoding; `..` alone never fits).
 * (Before job handles it described the provider's raw ids, which {@link UPSTREAM_ID_PATTERN} now does.)
 */
export const PROXY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/

/**
 * The provider ids the proxy will put in an upstream path: letters, digits, `-` and `_`, at
 * most 128 characters. Segmind's UUIDs and APIXO's task ids fit; dots, slashes and
 * percent-encodings (traversal tricks) never do.
 */
export const UPSTREAM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

/** The provider path for a route and an already verified upstream id: fixed templates only. */
export function upstreamPath(route: ProxyRoute, model: ModelId | undefined, upstreamId: string | undefined): string {
  switch (route) {
    case 'segmind.submit':
      return `/v2/${model ?? ''}`
    case 'segmind.status':
      return `/v2/requests/${upstreamId ?? ''}/status`
    case 'segmind.result':
      return `/v2/requests/${upstreamId ?? ''}`
    case 'apixo.submit':
      return `/api/v1/generateTask/${model ?? ''}`
    case 'apixo.status':
      return `/api/v1/statusTask/${model ?? ''}?taskId=${upstreamId ?? ''}`
    default:
      route satisfies never
      throw new Error('unreachable')
  }
}

function modelCheck(value: string, provider: Provider, allowed: ReadonlySet<ModelId>): ModelId | string {
  const offered = [...allowed].filter((id) => getModel(id).provider === provider)
  if (isModelId(value) && allowed.has(value) && getModel(value).provider === provider) return value
  const list = offered.length === 0 ? 'none' : offered.join(', ')
  // The segment is not echoed: it is the client's text, and the allowed list says enough.
  return `This proxy does not offer that ${provider === 'segmind' ? 'Segmind' : 'APIXO'} model (it offers: ${list}).`
}

const UNKNOWN_ROUTE = 'Not a route of this proxy: it serves the documented Segmind and APIXO job routes only.'

/**
 * Match `path` (what follows the proxy's base path, e.g. `/segmind/v2/ltx-video`) to one of
 * the documented routes. Segments are compared raw, never decoded, so `%2F` or `%2e%2e`
 * cannot smuggle a separator. The path's shape is checked first, then the method (405 with
 * `allow`), then the model; anything else is not found.
 */
export function matchProxyRoute(
  method: string,
  path: string,
  search: URLSearchParams,
  allowed: ReadonlySet<ModelId>,
): ProxyRouteResult {
  const parts = path.split('/')
  const [first, provider, a, b, c, d, ...rest] = parts
  const notFound = (message = UNKNOWN_ROUTE, p?: Provider) => ({ kind: 'not-found', provider: p, message }) as const
  if (first !== '' || rest.length > 0) return notFound()
  if (provider === 'segmind' && a === 'v2' && b !== undefined && b !== '') {
    const isSubmit = b !== 'requests' && c === undefined
    const isRead = b === 'requests' && c !== undefined && c !== '' && (d === undefined || d === 'status')
    if (!isSubmit && !isRead) return notFound(UNKNOWN_ROUTE, 'segmind')
    const want = isSubmit ? 'POST' : 'GET'
    if (method !== want) return { kind: 'method-not-allowed', provider: 'segmind', allow: want }
    if (isSubmit) {
      const model = modelCheck(b, 'segmind', allowed)
      if (!isModelId(model)) return notFound(model, 'segmind')
      return { kind: 'match', route: 'segmind.submit', provider: 'segmind', model, handle: undefined }
    }
    if (![...allowed].some((id) => getModel(id).provider === 'segmind')) {
      return notFound('This proxy offers no Segmind model.', 'segmind')
    }
    const route = d === undefined ? 'segmind.result' : 'segmind.status'
    return { kind: 'match', route, provider: 'segmind', model: undefined, handle: c }
  }
  if (provider === 'apixo' && a === 'api' && b === 'v1' && (c === 'generateTask' || c === 'statusTask') && d !== undefined && d !== '') {
    const want = c === 'generateTask' ? 'POST' : 'GET'
    if (method !== want) return { kind: 'method-not-allowed', provider: 'apixo', allow: want }
    const model = modelCheck(d, 'apixo', allowed)
    if (!isModelId(model)) return notFound(model, 'apixo')
    if (c === 'generateTask') return { kind: 'match', route: 'apixo.submit', provider: 'apixo', model, handle: undefined }
    const ids = search.getAll('taskId')
    if (ids.length !== 1 || ids[0] === '') return notFound('statusTask takes exactly one taskId.', 'apixo')
    return { kind: 'match', route: 'apixo.status', provider: 'apixo', model, handle: ids[0] }
  }
  return notFound(UNKNOWN_ROUTE, provider === 'segmind' || provider === 'apixo' ? provider : undefined)
}
