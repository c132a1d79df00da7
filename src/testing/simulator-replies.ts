import type { SimFault, SimProvider } from './simulator-types'

// Reply builders in each provider's own dialect: Segmind answers `{ "error": "…" }` (and, per
// its docs, HTML for 405 and plain text for 406); APIXO wraps everything in `{ code, message, data }`.

/** A JSON reply. */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  })
}

/** An error in the provider's dialect. */
export function errorReply(provider: SimProvider, status: number, message: string, headers: Record<string, string> = {}): Response {
  switch (provider) {
    case 'segmind':
      return jsonReply(status, { error: message }, headers)
    case 'apixo':
      return jsonReply(status, { code: status, message, data: null }, headers)
    default:
      provider satisfies never
      throw new Error('unreachable')
  }
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

/** A 429 whose `x-rate-limit-reset-at-utc` says when to come back (Segmind sends no Retry-After). */
export function rateLimitedReply(provider: SimProvider, resetAt: number): Response {
  switch (provider) {
    case 'segmind':
      return errorReply(provider, 429, 'Rate limit exceeded. Too many requests.', {
        'x-rate-limit-reset-at-utc': new Date(resetAt).toISOString(),
      })
    case 'apixo':
      // APIXO documents the 429 but no header: "Wait and retry."
      return errorReply(provider, 429, 'Rate limit exceeded. Wait and retry.')
    default:
      provider satisfies never
      throw new Error('unreachable')
  }
}

/** The reply a fault stands for (`slow` is handled by the caller: it delays the normal reply). */
export function faultReply(fault: Exclude<SimFault, 'slow'>, provider: SimProvider, resetAt: number): Response {
  switch (fault) {
    case 'unauthorized':
      return unauthorizedReply(provider)
    case 'forbidden':
      return errorReply(provider, 403, 'Forbidden: insufficient permissions.')
    case 'method-not-allowed':
      return methodNotAllowedReply()
    case 'insufficient-credits':
      return notAcceptableReply('Insufficient credits. Please add credits to your account to continue.')
    case 'model-retired':
      return errorReply(provider, 410, 'This model has been retired and is no longer available.')
    case 'rate-limited':
      return rateLimitedReply(provider, resetAt)
    case 'server-error':
      return errorReply(provider, 500, 'Internal server error')
    case 'bad-gateway':
      return htmlPage(502, 'Bad Gateway')
    case 'gateway-timeout':
      return htmlPage(504, 'Gateway Time-out')
    case 'malformed':
      // Cut off mid-body, as a dropped connection or a broken gateway would leave it.
      return new Response('{"status":"COMPL', { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } })
    default:
      fault satisfies never
      throw new Error('unreachable')
  }
}

/** Missing or wrong key, worded as each provider documents it. */
export function unauthorizedReply(provider: SimProvider): Response {
  switch (provider) {
    case 'segmind':
      return errorReply(provider, 401, 'Unauthorized: missing or invalid API key.')
    case 'apixo':
      return errorReply(provider, 401, 'Invalid or missing API Key')
    default:
      provider satisfies never
      throw new Error('unreachable')
  }
}
