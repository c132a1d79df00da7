import { PROVIDERS, type Provider } from '../models/provider'
import { dialects } from '../providers/index'
import { isModelId, modelIds, type ModelId } from '../models/registry'
import { createJobHandles, type JobHandles } from './create-job-handles'
import { createLimiter, type Limiter } from './create-limiter'
import { createSecretRedactor, type SecretRedactor } from './create-secret-redactor'
import {
  DEFAULT_LATE_REPLY_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_UPSTREAM_CONNECTIONS,
  DEFAULT_SUBMIT_TIMEOUT_MS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  type ApixoRouting,
  type LtxProxyOptions,
} from './ltx-proxy-options'
import { DEFAULT_CALLBACK_MARGIN_MS, type LedgerSettings } from './ledger/ledger-submit'

/** One provider as the proxy will call it. */
export interface UpstreamConfig {
  readonly baseUrl: string
  readonly authHeader: readonly [name: string, value: string]
  readonly limiter: Limiter
}

/** A provider that is configured but cannot be called: what the developer must set. */
export interface MissingUpstream {
  readonly missing: string
}

/** The options, checked once when the proxy is built. */
export interface ProxyConfig {
  readonly upstreams: Partial<Record<Provider, UpstreamConfig | MissingUpstream>>
  readonly allowed: ReadonlySet<ModelId>
  readonly authorize: LtxProxyOptions['authorize']
  readonly basePath: string
  /** `{origin}{basePath}/`: where links in replies to the proxy's own routes start. */
  readonly links: string
  readonly maxBodyBytes: number
  readonly timeoutMs: number
  readonly submitTimeoutMs: number
  readonly lateReplyMs: number
  readonly exposeCost: boolean
  readonly allowLoopbackUrls: boolean
  readonly routing: ApixoRouting
  readonly allowCallbackUrl: ((url: string) => boolean) | undefined
  readonly fetch: typeof fetch
  readonly handles: JobHandles
  readonly redactor: SecretRedactor
  /** The ledger, when a store was given. */
  readonly ledger: LedgerSettings | undefined
}

const MIN_SECRET_CHARS = 32
const ROUTINGS: readonly ApixoRouting[] = ['auto', 'value', 'official']

function fail(message: string): never {
  throw new TypeError(`createLtxProxy: ${message}`)
}

function checkBaseUrl(name: string, value: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') fail(`${name}.baseUrl must be an absolute http(s) URL.`)
  return value.replace(/\/+$/, '')
}

function checkOrigin(value: string | undefined): string {
  if (value === undefined) return ''
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if ((url?.protocol !== 'https:' && url?.protocol !== 'http:') || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    fail('origin must be an origin such as https://app.example, without a path.')
  }
  return url.origin
}

function checkCount(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value <= 0) fail(`${name} must be a number above 0.`)
  return value
}

function checkMargin(value: number | undefined): number {
  if (value === undefined) return DEFAULT_CALLBACK_MARGIN_MS
  if (!Number.isFinite(value) || value < 0) fail('apixo.callbacks.marginMs must be a number of ms, 0 or more.')
  return value
}

const present = (value: string | undefined): value is string => typeof value === 'string' && value.trim() !== ''

/**
 * Check the options and build what the proxy needs from them. Code mistakes (an unknown model,
 * a malformed URL, a short secret, no `authorize`) throw here; a key missing from the
 * environment does not, so the app builds without secrets and the request says what is missing.
 */
export function resolveProxyOptions(options: LtxProxyOptions): ProxyConfig {
  // Every submit is billed: a proxy open to anyone must be asked for, not be the default.
  const authorize = (options as { authorize?: unknown }).authorize
  if (typeof authorize !== 'function' && authorize !== 'anyone') {
    fail(
      "pass authorize: (request) => userId | false, so only your signed-in users spend your credits; authorize: 'anyone' serves everyone who can reach the URL (local demos and tests).",
    )
  }
  for (const id of options.models ?? []) {
    if (!isModelId(id)) fail(`unknown model "${String(id)}"; known: ${modelIds.join(', ')}.`)
  }
  if (options.apixo?.routing !== undefined && !ROUTINGS.includes(options.apixo.routing)) fail(`apixo.routing must be one of ${ROUTINGS.join(', ')}.`)
  const max = Math.floor(checkCount('maxUpstreamConnections', options.maxUpstreamConnections, DEFAULT_MAX_UPSTREAM_CONNECTIONS))
  const upstreams: Partial<Record<Provider, UpstreamConfig | MissingUpstream>> = {}
  const keys: Partial<Record<Provider, string>> = {}
  for (const provider of PROVIDERS) {
    // Each provider has its own option (a provider added to PROVIDERS is a type error here until LtxProxyOptions has one).
    const given: { readonly apiKey?: string | undefined; readonly baseUrl?: string | undefined } | undefined = options[provider]
    if (given === undefined) continue
    const { name, authHeader } = dialects[provider]
    const { defaultBaseUrl } = dialects[provider] as { defaultBaseUrl?: string }
    const host = present(given.baseUrl) ? given.baseUrl : defaultBaseUrl
    const baseUrl = host === undefined ? undefined : checkBaseUrl(provider, host)
    if (!present(given.apiKey)) {
      upstreams[provider] = { missing: `This server has no ${name} API key: set ${provider}.apiKey (e.g. ${provider.toUpperCase()}_API_KEY in its environment).` }
    } else if (baseUrl === undefined) {
      upstreams[provider] = { missing: `This server has no ${name} API host: set ${provider}.baseUrl (${name}'s https:// API URL).` }
    } else {
      const key = given.apiKey.trim()
      keys[provider] = key
      upstreams[provider] = { baseUrl, authHeader: authHeader(key), limiter: createLimiter(max) }
    }
  }
  const secretList = (typeof options.secret === 'string' ? [options.secret] : (options.secret ?? [])).filter(present)
  for (const secret of secretList) {
    if (secret.length < MIN_SECRET_CHARS) fail(`secret must be at least ${MIN_SECRET_CHARS} characters (e.g. openssl rand -base64 32).`)
  }
  // With no secret of its own, each provider's handles are keyed from its API key (HKDF, never the key itself).
  const material = (provider: Provider) => (secretList.length > 0 ? secretList : keys[provider] === undefined ? [] : [keys[provider]])
  const basePath = (options.basePath ?? '/api/ltx').replace(/\/+$/, '')
  const submitTimeoutMs = checkCount('submitTimeoutMs', options.submitTimeoutMs, DEFAULT_SUBMIT_TIMEOUT_MS)
  const lateReplyMs = checkCount('lateReplyMs', options.lateReplyMs, DEFAULT_LATE_REPLY_MS)
  const callbacks = options.apixo?.callbacks
  if (callbacks !== undefined && options.store === undefined) fail('apixo.callbacks needs a store (createMemoryStore() or createRedisStore(...)) to keep each job\'s token.')
  const callbackOrigin = callbacks === undefined ? '' : checkOrigin(callbacks.origin ?? options.origin)
  if (callbacks !== undefined && callbackOrigin === '') fail('apixo.callbacks needs the public origin APIXO will post to: apixo.callbacks.origin (or origin), e.g. https://app.example.')
  const ledger: LedgerSettings | undefined =
    options.store === undefined
      ? undefined
      : {
          store: options.store,
          callbacks:
            callbacks === undefined
              ? undefined
              : { receiverBase: `${callbackOrigin}${basePath}/apixo/callback/`, marginMs: checkMargin(callbacks.marginMs) },
          waitMs: submitTimeoutMs,
          // A pending key outlives its submit and late reply, and no more: a crashed instance frees it.
          pendingTtlMs: submitTimeoutMs + lateReplyMs + 60_000,
        }
  return {
    upstreams,
    allowed: new Set<ModelId>(options.models ?? modelIds),
    authorize: authorize as LtxProxyOptions['authorize'],
    basePath,
    links: `${checkOrigin(options.origin)}${basePath}/`,
    maxBodyBytes: checkCount('maxBodyBytes', options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES),
    timeoutMs: checkCount('timeoutMs', options.timeoutMs, DEFAULT_UPSTREAM_TIMEOUT_MS),
    submitTimeoutMs,
    lateReplyMs,
    exposeCost: options.exposeCost === true,
    allowLoopbackUrls: options.allowLoopbackUrls === true,
    routing: options.apixo?.routing ?? 'auto',
    allowCallbackUrl: options.apixo?.allowCallbackUrl,
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
    handles: createJobHandles(Object.fromEntries(PROVIDERS.map((provider) => [provider, material(provider)]))),
    redactor: createSecretRedactor([...Object.values(keys), ...secretList]),
    ledger,
  }
}
