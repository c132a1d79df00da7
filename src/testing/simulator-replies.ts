import type { Provider } from '../models/provider'
import { simDialects } from './sim-dialects'
import type { SimFault } from './simulator-types'

// Reply builders in each provider's own dialect (src/providers): Segmind answers `{ "error": "…" }`
// (and, per its docs, HTML for 405 and plain text for 406); APIXO wraps everything in
// `{ code, message, data }`.

/** A JSON reply. */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  })
}

/** An error in the provider's dialect (its `errorBody`). */
export function errorReply(provider: Provider, status: number, message: string, headers: Record<string, string> = {}): Response {
  return jsonReply(status, simDialects[provider].errorBody(status, message), headers)
}

/** The provider's own 404 for a job it does not know (its dialect's `unknownJobBody`). */
export function unknownJobReply(provider: Provider): Response {
  return jsonReply(404, simDialects[provider].unknownJobBody)
}

function htmlPage(status: number, title: string): Response {
  const body = `<!DOCTYPE html>\n<html>\n<head><title>${status} ${title}</title></head>\n<body>\n<center><h1>${status} ${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } })
}

/** Segmind's 405: an HTML page, not JSON. */
export function methodNotAllowedReply(): Response {
  return htmlPage(405, 'Not Allowed')
}

/** Segmind's 406: plain text, not JSON. */
export function notAcceptableReply(message: string): Response {
  return new Response(message, { status: 406, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

/** Each provider's 429, given when the window resets. */
const RATE_LIMITED = {
  // Segmind's `x-rate-limit-reset-at-utc` says when to come back (it sends no Retry-After).
  segmind: (resetAt) =>
    errorReply('segmind', 429, 'Rate limit exceeded. Too many requests.', {
      'x-rate-limit-reset-at-utc': new Date(resetAt).toISOString(),
    }),
  // APIXO documents the 429 but no header: "Wait and retry."
  apixo: () => errorReply('apixo', 429, 'Rate limit exceeded. Wait and retry.'),
} as const satisfies Record<Provider, (resetAt: number) => Response>

/** A 429 in the provider's dialect. */
export function rateLimitedReply(provider: Provider, resetAt: number): Response {
  return RATE_LIMITED[provider](resetAt)
}

/** Missing or wrong key, worded as each provider documents it. */
const UNAUTHORIZED = {
  segmind: 'Unauthorized: missing or invalid API key.',
  apixo: 'Invalid or missing API Key',
} as const satisfies Record<Provider, string>

/** A 401 in the provider's dialect. */
export function unauthorizedReply(provider: Provider): Response {
  return errorReply(provider, 401, UNAUTHORIZED[provider])
}

/** The reply each fault stands for (`slow` is handled by the caller: it delays the normal reply). */
const FAULT_REPLIES = {
  unauthorized: (provider) => unauthorizedReply(provider),
  forbidden: (provider) => errorReply(provider, 403, 'Forbidden: insufficient permissions.'),
  'method-not-allowed': () => methodNotAllowedReply(),
  'insufficient-credits': () => notAcceptableReply('Insufficient credits. Please add credits to your account to continue.'),
  'model-retired': (provider) => errorReply(provider, 410, 'This model has been retired and is no longer available.'),
  'rate-limited': (provider, resetAt) => rateLimitedReply(provider, resetAt),
  'server-error': (provider) => errorReply(provider, 500, 'Internal server error'),
  'bad-gateway': () => htmlPage(502, 'Bad Gateway'),
  'gateway-timeout': () => htmlPage(504, 'Gateway Time-out'),
  // Cut off mid-body, as a dropped connection or a broken gateway would leave it.
  malformed: () => new Response('{"status":"COMPL', { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }),
} as const satisfies Record<Exclude<SimFault, 'slow'>, (provider: Provider, resetAt: number) => Response>

/** The reply `fault` stands for, in the provider's dialect. */
export function faultReply(fault: Exclude<SimFault, 'slow'>, provider: Provider, resetAt: number): Response {
  return FAULT_REPLIES[fault](provider, resetAt)
}
