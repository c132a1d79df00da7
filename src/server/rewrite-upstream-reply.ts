import type { Provider } from '../models/provider'
import type { SecretRedactor } from './create-secret-redactor'
import { isRecord } from '../models/is-record'
import { PROVIDERS } from '../models/provider'
import type { TransportOperation } from '../providers/route-paths'
import { dialects } from '../providers/index'
import { segmindNumber } from '../providers/segmind'
import { routeSpec, type ProxyRouteMatch } from './match-proxy-route'
import { finishedResponse } from './proxy-reply'

/** What the proxy learns from an upstream reply for its log (never sent anywhere else). */
export interface ReplyFacts {
  /** The job a submit reply names (also from an error or a cut-off body). */
  readonly jobId: string | undefined
  readonly cost: number | undefined
  readonly remainingCredits: number | undefined
}

/** An upstream reply as read: the body may be cut off at the proxy's size limit. */
export interface UpstreamReply {
  readonly status: number
  /** Only `get` is used (the headers passed on), so Node's fast path passes its own. */
  readonly headers: Pick<Headers, 'get'>
  readonly bytes: Uint8Array
  readonly truncated: boolean
}

/** How to turn an upstream reply into the browser's. */
export interface RewriteContext {
  readonly operation: TransportOperation
  readonly provider: Provider
  /** The provider's id of the job, and the handle that stands for it in the browser's copy. */
  readonly upstreamId: string | undefined
  readonly handle: string | undefined
  readonly exposeCost: boolean
  readonly redactor: SecretRedactor
  /** Where links to the proxy's own routes start: `{origin}{basePath}/` (relative without an origin). */
  readonly links: string
}

// The operator's account data: never in a browser's copy, whatever the nesting or spelling.
const ACCOUNT_KEY = /^(remaining[_-]?credits|credits[_-]?remaining|credits|balance|remaining[_-]?balance|account[_-]?balance)$/i
const COST_KEY = /^cost$/i
// The same keys with their values, in a body that is JSON-like but did not parse (cut off, broken).
const ACCOUNT_TEXT = /"(remaining[_-]?credits|credits[_-]?remaining|credits|balance|remaining[_-]?balance|account[_-]?balance)"\s*:\s*("(?:[^"\\]|\\.)*"?|[^,}\]]*)\s*,?/gi
const COST_TEXT = /"cost"\s*:\s*("(?:[^"\\]|\\.)*"?|[^,}\]]*)\s*,?/gi
// Only these upstream headers reach the client; set-cookie and the rest stay behind.
const PASS_HEADERS = ['x-rate-limit-reset-at-utc', 'retry-after'] as const
const NO_SECRET: SecretRedactor = { holdsSecret: () => false, redact: (text) => text, clearsPieces: () => true }
// Stateless without `stream`: one decoder serves every reply.
const decoder = new TextDecoder()

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined
}

/** The body parsed as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return undefined
  }
}

/** An upstream reply's text, decoded once, and its JSON, parsed once (undefined when it is not JSON). */
export interface ReplyText {
  readonly text: string
  readonly json: { readonly value: unknown } | undefined
}

/** `bytes` as {@link ReplyText}: what every reading of one reply (facts, key check, rewrite) shares. */
export function replyText(bytes: Uint8Array): ReplyText {
  const text = decoder.decode(bytes)
  return { text, json: parseJson(text) }
}

const asReplyText = (body: string | ReplyText): ReplyText => (typeof body === 'string' ? { text: body, json: parseJson(body) } : body)

// A job id in a cut-off or broken submit reply, under any dialect's id key.
const ID_IN_TEXT = new RegExp(`"(?:${PROVIDERS.map((provider) => dialects[provider].idKey).join('|')})"\\s*:\\s*"?([A-Za-z0-9_-]{1,128})`)

/** The job id, cost and remaining credits an upstream reply names, for the log. */
export function readReplyFacts({ provider, operation }: Pick<ProxyRouteMatch, 'provider' | 'operation'>, body: string | ReplyText): ReplyFacts {
  const submit = operation === 'submit'
  const { text, json: parsed } = asReplyText(body)
  if (parsed !== undefined && isRecord(parsed.value)) {
    const body = parsed.value
    const metrics = isRecord(body.metrics) ? body.metrics : {}
    return {
      jobId: submit ? idOf(dialects[provider].submittedId(body)) : undefined,
      cost: segmindNumber(metrics.cost),
      remainingCredits: segmindNumber(metrics.remaining_credits),
    }
  }
  // A cut-off or broken body may still name the job it created: read it from the text.
  const id = submit ? ID_IN_TEXT.exec(text)?.[1] : undefined
  return { jobId: id, cost: undefined, remainingCredits: undefined }
}

/** True when the reply says the provider refused the server's key: HTTP 401/403, or an envelope's code inside a 200 (APIXO). */
export function refusesKey(provider: Provider, status: number, body: string | ReplyText): boolean {
  if (status === 401 || status === 403) return true
  const { envelopeStatus } = dialects[provider] as { envelopeStatus?: (body: unknown) => number | undefined }
  if (envelopeStatus === undefined || status !== 200) return false
  const code = envelopeStatus(asReplyText(body).json?.value)
  return code === 401 || code === 403
}

/** What a key is: 0 any other, 1 account data, 2 the cost. */
type KeyKind = 0 | 1 | 2
// Replies repeat the same few keys: each is classified once (a bounded memory).
const KEY_KINDS = new Map<string, KeyKind>()
const KEY_KINDS_MAX = 2048

function keyKind(key: string): KeyKind {
  let kind = KEY_KINDS.get(key)
  if (kind === undefined) {
    kind = ACCOUNT_KEY.test(key) ? 1 : COST_KEY.test(key) ? 2 : 0
    if (KEY_KINDS.size < KEY_KINDS_MAX) KEY_KINDS.set(key, kind)
  }
  return kind
}

/**
 * `value` with the job's id replaced by its handle, account data (and the cost, unless exposed)
 * dropped, every string and key redacted; `skip` lists top-level keys left out (link fields).
 */
function rewriteJson(value: unknown, context: RewriteContext, skip?: ReadonlySet<string>): unknown {
  if (typeof value === 'string') {
    if (context.upstreamId !== undefined && context.handle !== undefined && value === context.upstreamId) return context.handle
    return context.redactor.redact(value)
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) out[i] = rewriteJson(value[i], context)
    return out
  }
  if (!isRecord(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const kind = keyKind(key)
    if (kind === 1 || (kind === 2 && !context.exposeCost) || skip?.has(key) === true) continue
    out[context.redactor.redact(key)] = rewriteJson(value[key], context)
  }
  return out
}

/** Each dialect's link fields and the route each names, listed once. */
const LINK_FIELDS = Object.fromEntries(
  PROVIDERS.map((provider) => [provider, Object.entries(dialects[provider].links as Readonly<Partial<Record<string, TransportOperation>>>)]),
) as unknown as Record<Provider, readonly (readonly [string, TransportOperation | undefined])[]>

const LINK_NAMES = Object.fromEntries(PROVIDERS.map((provider) => [provider, new Set(LINK_FIELDS[provider].map(([field]) => field))])) as unknown as Record<Provider, ReadonlySet<string>>

/**
 * The rewritten body with the provider's link fields: left out of the walk (`rewriteJson`'s
 * `skip`), then set to the proxy's own routes for the job's handle (on a submit, only when the
 * reply names that job). Links are the proxy's own (relative, or on the configured origin), never
 * the provider's host nor the request's Host header.
 */
function rewriteWithLinks(value: unknown, context: RewriteContext): unknown {
  const { provider, operation } = context
  const links = LINK_FIELDS[provider]
  if (links.length === 0 || !isRecord(value)) return rewriteJson(value, context)
  const submit = operation === 'submit'
  if (!submit && !links.some(([field]) => field in value)) return rewriteJson(value, context)
  const rest = rewriteJson(value, context, LINK_NAMES[provider]) as Record<string, unknown>
  const id = context.handle
  if (id === undefined || (submit && dialects[provider].submittedId(rest) !== id)) return rest
  for (const [field, route] of links) rest[field] = `${context.links}${provider}/${routeSpec(provider, route ?? operation)?.path(id, '') ?? ''}`
  return rest
}

function rewriteText(text: string, context: RewriteContext): string {
  let out = context.redactor.redact(text)
  if (context.upstreamId !== undefined && context.handle !== undefined) out = out.split(context.upstreamId).join(context.handle)
  out = out.replace(ACCOUNT_TEXT, '')
  return context.exposeCost ? out : out.replace(COST_TEXT, '')
}

/** The browser's copy of an upstream reply as plain parts: status, headers (lower-case names) and body (null for 204, 205, 304). */
export interface RewrittenReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | null
}

/**
 * The browser's copy of an upstream reply: the upstream's status; a JSON body re-serialised with
 * the job's id replaced by its handle everywhere, the operator's account data (remaining credits,
 * and the cost unless exposed) removed, every string and key redacted after decoding, and Segmind
 * links pointing back at the proxy; any other body as `text/plain` (never HTML on the app's
 * origin), scrubbed the same way as text. A 401/403 never reaches here (see `refusesKey`).
 */
export function rewriteUpstreamParts(reply: UpstreamReply, context: RewriteContext, read: ReplyText = replyText(reply.bytes)): RewrittenReply {
  const { text } = read
  const headers: Record<string, string> = {}
  for (const name of PASS_HEADERS) {
    const value = reply.headers.get(name)
    if (value !== null && !context.redactor.holdsSecret(value)) headers[name] = value
  }
  const parsed = reply.truncated ? undefined : read.json
  let body: string
  // (Text of white space alone never parses as JSON.)
  if (parsed !== undefined) {
    // When no piece of the text can hold a secret, the walk need not look at each string and key.
    const json = context.redactor.clearsPieces(text) ? { ...context, redactor: NO_SECRET } : context
    body = JSON.stringify(rewriteWithLinks(parsed.value, json))
    headers['content-type'] = 'application/json; charset=utf-8'
  } else {
    body = rewriteText(text, context)
    headers['content-type'] = 'text/plain; charset=utf-8'
  }
  const nullBody = reply.status === 204 || reply.status === 205 || reply.status === 304
  return { status: reply.status, headers, body: nullBody ? null : body }
}

/** {@link rewriteUpstreamParts} as a Fetch-API `Response`. */
export function rewriteUpstreamReply(reply: UpstreamReply, context: RewriteContext): Response {
  return rewrittenResponse(rewriteUpstreamParts(reply, context))
}

/** A rewritten reply's parts as a Fetch-API `Response`, with the safety headers (its headers stay mutable). */
export function rewrittenResponse(parts: RewrittenReply): Response {
  return finishedResponse(parts.body, parts.status, parts.headers)
}
