import { isModelId, providerOf, type ModelId } from '../models/model-catalog'
import { PROVIDERS, type Provider } from '../models/provider'
import type { TransportOperation } from '../providers/route-paths'
import type { RouteSpec } from '../providers/dialect'
import type { SubmitPath } from '../providers/route-paths'
import { dialects, type DialectRoute } from '../providers/index'
import { providerName } from '../providers/provider-name'

/** The documented upstream routes the proxy forwards, `<provider>.<route>`; nothing else is. */
export type ProxyRoute = { [P in Provider]: `${P}.${DialectRoute<P>}` }[Provider]

/** A request that matched a documented route of an allowed model. */
export interface ProxyRouteMatch {
  readonly kind: 'match'
  readonly route: ProxyRoute
  readonly provider: Provider
  /** Which call the route serves (`submit` is billed). */
  readonly operation: TransportOperation
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

/** The provider path for a matched route and an already verified upstream id: the dialect's fixed templates only. */
export function upstreamPath(match: Pick<ProxyRouteMatch, 'provider' | 'operation' | 'model'>, upstreamId: string | undefined): string {
  const model = match.model ?? ''
  const { path } = routeSpec(match.provider, match.operation) ?? { path: () => '' }
  return `/${match.operation === 'submit' ? (path as SubmitPath)(model) : path(upstreamId ?? '', model)}`
}

/** The route of `provider` that serves `operation`, if it has one. */
export function routeSpec(provider: Provider, operation: TransportOperation): RouteSpec | undefined {
  const routes: Readonly<Partial<Record<TransportOperation, RouteSpec>>> = dialects[provider].routes
  return routes[operation]
}

// The models of each provider in an allowed set, listed once per set (a proxy has one).
const OFFERED = new WeakMap<ReadonlySet<ModelId>, Partial<Record<Provider, readonly ModelId[]>>>()

function offeredBy(allowed: ReadonlySet<ModelId>, provider: Provider): readonly ModelId[] {
  let byProvider = OFFERED.get(allowed)
  if (byProvider === undefined) OFFERED.set(allowed, (byProvider = {}))
  return (byProvider[provider] ??= [...allowed].filter((id) => providerOf(id) === provider))
}

function isProvider(value: string | undefined): value is Provider {
  return (PROVIDERS as readonly unknown[]).includes(value)
}

/** "A, B and C". */
function inWords(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

const UNKNOWN_ROUTE = `Not a route of this proxy: it serves the documented ${inWords(PROVIDERS.map(providerName))} job routes only.`

/**
 * Match `path` (what follows the proxy's base path, e.g. `/segmind/v2/ltx-video`) to one of
 * the documented routes: the first segment names the provider, whose dialect matches the rest.
 * Segments are compared raw, never decoded, so `%2F` or `%2e%2e` cannot smuggle a separator. The
 * path's shape is checked first, then the method (405 with `allow`), then the model, then the
 * job id; anything else is not found.
 */
export function matchProxyRoute(
  method: string,
  path: string,
  search: URLSearchParams,
  allowed: ReadonlySet<ModelId>,
): ProxyRouteResult {
  const parts = path.split('/')
  const provider = parts[1]
  const notFound = (message = UNKNOWN_ROUTE, p?: Provider) => ({ kind: 'not-found', provider: p, message }) as const
  // At most /{provider}/a/b/c/d: longer paths name no route of any provider.
  if (parts[0] !== '' || parts.length > 6) return notFound()
  if (!isProvider(provider)) return notFound()
  const dialect = dialects[provider]
  const found = dialect.matchRoute(method, path.slice(provider.length + 1), search)
  if (found === undefined) return notFound(UNKNOWN_ROUTE, provider)
  if (found.kind === 'wrong-method') return { kind: 'method-not-allowed', provider, allow: found.allow }
  const offered = offeredBy(allowed, provider)
  let model: ModelId | undefined
  if (found.model !== undefined) {
    // The segment is not echoed: it is the client's text, and the allowed list says enough.
    if (!isModelId(found.model) || !allowed.has(found.model) || providerOf(found.model) !== provider) {
      return notFound(`This proxy does not offer that ${dialect.name} model (it offers: ${offered.length === 0 ? 'none' : offered.join(', ')}).`, provider)
    }
    model = found.model
  } else if (offered.length === 0) {
    return notFound(`This proxy offers no ${dialect.name} model.`, provider)
  }
  const operation: TransportOperation = found.route
  if (operation !== 'submit' && found.id === undefined) return notFound(routeSpec(provider, operation)?.idInQuery?.missing, provider)
  const route = `${provider}.${found.route}` as ProxyRoute
  return { kind: 'match', route, provider, operation, model, handle: operation === 'submit' ? undefined : found.id }
}
