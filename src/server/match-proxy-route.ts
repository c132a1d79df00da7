import type { Provider } from '../models/define-model'
import { getModel, isModelId, type ModelId } from '../models/registry'

/** The documented upstream routes the proxy forwards; nothing else is. */
export type ProxyRoute = 'segmind.submit' | 'segmind.status' | 'segmind.result' | 'apixo.submit' | 'apixo.status'

/** A request that matched a documented route of an allowed model. */
export interface ProxyRouteMatch {
  readonly route: ProxyRoute
  readonly provider: Provider
  /** The model, for submits and APIXO status. */
  readonly model: ModelId | undefined
  /** The request or task id, for status and result. */
  readonly id: string | undefined
  /** Path and query to request upstream, built only from the fixed templates and the checked parts. */
  readonly upstreamPath: string
}

/**
 * Request and task ids: letters, digits, `-` and `_`, at most 128 characters. Segmind's UUIDs
 * and APIXO's task ids fit; dots, slashes and percent-encodings (traversal tricks) never do.
 */
export const PROXY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

function allowedModel(value: string | undefined, provider: Provider, allowed: ReadonlySet<ModelId>): ModelId | undefined {
  if (value === undefined || !isModelId(value) || !allowed.has(value)) return undefined
  return getModel(value).provider === provider ? value : undefined
}

/**
 * Match `path` (what follows the proxy's base path, e.g. `/segmind/v2/ltx-video`) to one of
 * the documented routes. Segments are compared raw, never decoded, so `%2F` or `%2e%2e`
 * cannot smuggle a separator. Undefined means deny.
 */
export function matchProxyRoute(
  method: string,
  path: string,
  search: URLSearchParams,
  allowed: ReadonlySet<ModelId>,
): ProxyRouteMatch | undefined {
  const parts = path.split('/')
  if (parts[0] !== '') return undefined
  const [, provider, a, b, c, d, ...rest] = parts
  if (provider === 'segmind' && rest.length === 0) {
    const segmindAllowed = [...allowed].some((id) => getModel(id).provider === 'segmind')
    if (method === 'POST' && a === 'v2' && b !== undefined && c === undefined) {
      const model = allowedModel(b, 'segmind', allowed)
      if (model === undefined) return undefined
      return { route: 'segmind.submit', provider: 'segmind', model, id: undefined, upstreamPath: `/v2/${model}` }
    }
    if (method === 'GET' && segmindAllowed && a === 'v2' && b === 'requests' && c !== undefined && PROXY_ID_PATTERN.test(c)) {
      if (d === undefined) {
        return { route: 'segmind.result', provider: 'segmind', model: undefined, id: c, upstreamPath: `/v2/requests/${c}` }
      }
      if (d === 'status') {
        return { route: 'segmind.status', provider: 'segmind', model: undefined, id: c, upstreamPath: `/v2/requests/${c}/status` }
      }
    }
    return undefined
  }
  if (provider === 'apixo' && rest.length === 0 && a === 'api' && b === 'v1' && d !== undefined) {
    const model = allowedModel(d, 'apixo', allowed)
    if (model === undefined) return undefined
    if (method === 'POST' && c === 'generateTask') {
      return { route: 'apixo.submit', provider: 'apixo', model, id: undefined, upstreamPath: `/api/v1/generateTask/${model}` }
    }
    if (method === 'GET' && c === 'statusTask') {
      const ids = search.getAll('taskId')
      const id = ids[0]
      if (ids.length !== 1 || id === undefined || !PROXY_ID_PATTERN.test(id)) return undefined
      return {
        route: 'apixo.status',
        provider: 'apixo',
        model,
        id,
        upstreamPath: `/api/v1/statusTask/${model}?taskId=${id}`,
      }
    }
  }
  return undefined
}
