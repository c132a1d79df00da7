import type { FieldIssue } from '../models/ltx-error'
import type { Provider } from '../models/provider'
import { dialects } from '../providers/index'
import type { ProxyDenyReason } from './ltx-proxy-options'

/** What else a proxy answer may carry: field issues, a job handle a failed submit still named, an `allow` list. */
export interface ProxyReplyExtra {
  readonly issues?: readonly FieldIssue[]
  readonly handle?: string | undefined
  readonly allow?: string
}

/** The headers every proxy reply carries, its own and forwarded ones alike. */
export const SAFETY_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } as const

/**
 * An answer of the proxy's own, in the provider's dialect (Segmind `{ error, issues? }`, APIXO
 * `{ code, message, data: null, issues? }`) so transports read it as they read upstream errors,
 * marked `x-ltx-proxy: <reason>`. A submit that failed after naming its job also carries the
 * job's handle (Segmind `request_id`, APIXO `data.taskId`).
 */
export function proxyReply(provider: Provider | undefined, status: number, reason: ProxyDenyReason, message: string, extra: ProxyReplyExtra = {}): Response {
  // A route of no provider (outside the base path, an unknown first segment) answers plainly.
  const body = provider === undefined ? { error: message } : dialects[provider].errorBody(status, message, extra)
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8', ...SAFETY_HEADERS, 'x-ltx-proxy': reason })
  if (extra.allow !== undefined) headers.set('allow', extra.allow)
  return new Response(JSON.stringify(body), { status, headers })
}

/**
 * The answer for a job this user may not read, or that does not exist: a 404 in the provider's
 * dialect, worded as the provider words it (as the simulator has it) and without `x-ltx-proxy`,
 * so neither a transport nor a prober can tell "someone else's" from "gone" (transports read it
 * as expired).
 */
export function unknownJobReply(provider: Provider): Response {
  return new Response(JSON.stringify(dialects[provider].unknownJobBody), { status: 404, headers: { 'content-type': 'application/json; charset=utf-8', ...SAFETY_HEADERS } })
}

// Responses the proxy built with the safety headers in their init and no reason of its own (a
// rewritten upstream reply): their headers are not read or set again, so an adapter's
// lightweight Response (Hono's) stays lightweight and is written without a Headers object.
const FINISHED = new WeakSet<Response>()

/** A Response with `headers` (lower-case names) and the safety headers, never touched again by the proxy. */
export function finishedResponse(body: string | null, status: number, headers: Readonly<Record<string, string>>): Response {
  const response = new Response(body, { status, headers: { ...headers, ...SAFETY_HEADERS } })
  FINISHED.add(response)
  return response
}

/** True for a {@link finishedResponse}: it has the safety headers and carries no `x-ltx-proxy` reason. */
export function isFinishedResponse(response: Response): boolean {
  return FINISHED.has(response)
}

/**
 * `response` with the safety headers set (an app's own `Response` from `authorize` or
 * `beforeUpstream` included): rebuilt when its headers are immutable, as fetch's and
 * `Response.redirect`'s are. A status a `Response` cannot be built with answers 500.
 */
export function withSafetyHeaders(response: Response): Response {
  if (FINISHED.has(response)) return response
  try {
    for (const [name, value] of Object.entries(SAFETY_HEADERS)) response.headers.set(name, value)
    return response
  } catch {
    // Immutable headers: copy them onto a new Response with the same status and body.
  }
  const headers = new Headers(response.headers)
  for (const [name, value] of Object.entries(SAFETY_HEADERS)) headers.set(name, value)
  try {
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  } catch {
    return proxyReply(undefined, 500, 'internal', 'The proxy failed to handle the request.')
  }
}
