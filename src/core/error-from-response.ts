import type { Provider } from '../models/define-model'
import { LtxError, type FieldIssue } from './ltx-error'
import { parseResetAt } from './parse-reset-at'
import { providerName } from './provider-name'

/** Which call a response answered: a submit is billed, status and result reads are safe to repeat. */
export type TransportOperation = 'submit' | 'status' | 'result'

/** One failed reply, as a transport saw it. */
export interface FailedResponse {
  readonly provider: Provider
  readonly operation: TransportOperation
  /** The HTTP status, or the code of an APIXO envelope that failed inside an HTTP 200. */
  readonly status: number
  readonly headers?: Headers
  /** The raw response body. */
  readonly body: string
  /** The job id, when the call concerned a known job. */
  readonly requestId?: string | undefined
  /** The current time in Unix milliseconds (for a relative `Retry-After`). */
  readonly now?: number
}

const MAX_QUOTED = 300

/** The body parsed as JSON when it is JSON, else the raw text: what goes into `LtxError.detail`. */
export function parseBodyDetail(body: string): unknown {
  if (body.trim() === '') return undefined
  try {
    return JSON.parse(body) as unknown
  } catch {
    return body
  }
}

function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype|html|head|body|\?xml)/i.test(text)
}

/** The provider's own sentence about the failure, if the body has a readable one. */
export function upstreamMessage(detail: unknown): string | undefined {
  let text: string | undefined
  if (typeof detail === 'string') {
    text = looksLikeHtml(detail) ? undefined : detail
  } else if (typeof detail === 'object' && detail !== null) {
    const record = detail as Record<string, unknown>
    for (const key of ['error', 'message', 'detail', 'failMsg', 'msg']) {
      const value = record[key]
      if (typeof value === 'string' && value.trim() !== '') {
        text = value
        break
      }
      // Some bodies nest it: { error: { message } }.
      if (typeof value === 'object' && value !== null) {
        const nested = (value as Record<string, unknown>)['message']
        if (typeof nested === 'string' && nested.trim() !== '') {
          text = nested
          break
        }
      }
    }
  }
  if (text === undefined) return undefined
  const oneLine = text.replace(/\s+/g, ' ').trim()
  if (oneLine === '') return undefined
  return oneLine.length > MAX_QUOTED ? `${oneLine.slice(0, MAX_QUOTED)}…` : oneLine
}

function said(message: string | undefined): string {
  return message === undefined ? '' : ` (${message.replace(/[.!]+$/, '')})`
}

function isContentTypeProblem(message: string | undefined, detail: unknown): boolean {
  const text = message ?? (typeof detail === 'string' ? detail : '')
  return /content[- ]?type|media type|application\/json/i.test(text)
}

/**
 * Turn a failed reply into an {@link LtxError} whose `kind` says what happened and whose message
 * says what to do next. A submit is only marked retryable when the provider clearly refused it
 * (rate limit), because any other failure may have created a billed job.
 */
// The proxy's issues, with paths into the model input (APIXO's body wraps it in `input`).
function fieldIssuesOf(detail: unknown, provider: Provider): FieldIssue[] | undefined {
  const issues = (detail as { issues?: unknown } | undefined)?.issues
  if (!Array.isArray(issues) || issues.length === 0) return undefined
  const valid = issues.every(
    (issue: Partial<FieldIssue> | null) => Array.isArray(issue?.path) && typeof issue?.message === 'string',
  )
  if (!valid) return undefined
  return (issues as FieldIssue[]).map(({ path, message }) => ({
    path: provider === 'apixo' && path[0] === 'input' ? path.slice(1) : path,
    message,
  }))
}

/** True when the ltx-react proxy answered itself (it marks such replies with `x-ltx-proxy`). */
export function isProxyAnswer(headers: Headers | undefined): boolean {
  return headers?.get('x-ltx-proxy') != null
}

/** The `LtxError` a failed reply stands for, worded for people, for every documented status of both providers. */
export function errorFromResponse(response: FailedResponse): LtxError {
  const { provider, operation, status, requestId } = response
  const name = providerName(provider)
  const detail = parseBodyDetail(response.body)
  const message = upstreamMessage(detail)
  const base = { status, requestId, detail }
  const readOnly = operation !== 'submit'

  if (status === 400 || status === 413 || (status === 422 && operation === 'submit')) {
    // The ltx-react proxy checked the input with the model's schema: its field issues are the
    // same a model definition gives in the browser, so a form can show them on its fields.
    const issues = isProxyAnswer(response.headers) ? fieldIssuesOf(detail, provider) : undefined
    return new LtxError(
      'validation',
      issues !== undefined && message !== undefined
        ? message
        : `${name} rejected the request${said(message)}. Check the input fields and submit again.`,
      { ...base, retryable: false, issues },
    )
  }
  if (status === 401) {
    return new LtxError(
      'unauthorized',
      `The request was not authorized${said(message)}. Sign in again, or check that the server proxy holds a valid ${name} API key.`,
      { ...base, retryable: false },
    )
  }
  if (status === 403) {
    return new LtxError(
      'forbidden',
      `Access was refused${said(message)}. Check that your account and the proxy allow this model.`,
      { ...base, retryable: false },
    )
  }
  if (status === 404) {
    // The app's own ltx-react proxy refused the route (model not allowed, wrong basePath): the
    // job upstream is untouched, so it must not read as expired (which invites a paid resubmit).
    if (readOnly && !isProxyAnswer(response.headers)) {
      return new LtxError(
        'expired',
        `${name} no longer knows this job: its id is unknown or its result has expired. Submit again to make a new video.`,
        { ...base, retryable: false },
      )
    }
    return new LtxError(
      'not-found',
      `${name} has no such model or route${said(message)}. Check that baseUrl points at your proxy and that the proxy allows this model.`,
      { ...base, retryable: false },
    )
  }
  if (status === 405) {
    return new LtxError(
      'method-not-allowed',
      `The server does not accept this kind of request at this address (HTTP 405). Check that baseUrl points at the ltx-react proxy, not at a web page.`,
      { ...base, retryable: false },
    )
  }
  if (status === 406 || status === 415) {
    if (status === 415 || isContentTypeProblem(message, detail)) {
      return new LtxError(
        'bad-content-type',
        `The request was refused for its content type${said(message)}. Make sure requests reach ${name} with "Content-Type: application/json".`,
        { ...base, retryable: false },
      )
    }
    return new LtxError(
      'insufficient-credits',
      `Not enough ${name} credits, or the team's spend limit is reached${said(message)}. Top up or raise the limit, then submit again.`,
      { ...base, retryable: false },
    )
  }
  if (status === 408) {
    return new LtxError(
      'timeout',
      readOnly
        ? `${name} took too long to answer. It will be asked again shortly.`
        : `${name} took too long to answer the submit; the job may still have been created. Check before submitting again.`,
      { ...base, retryable: readOnly },
    )
  }
  if (status === 410) {
    return new LtxError(
      'model-retired',
      `${name} has retired this model${said(message)}. Choose another model.`,
      { ...base, retryable: false },
    )
  }
  if (status === 429) {
    const resetAt = response.headers === undefined ? undefined : parseResetAt(response.headers, response.now)
    const when = resetAt === undefined ? 'in a moment' : `after ${resetAt.toISOString()}`
    return new LtxError('rate-limited', `Too many requests to ${name}. Try again ${when}.`, {
      ...base,
      resetAt,
      retryable: true,
    })
  }
  if (status >= 500) {
    return new LtxError(
      'upstream',
      readOnly
        ? `${name} had a server error (HTTP ${status})${said(message)}. Try again in a moment.`
        : `${name} had a server error (HTTP ${status}) while submitting${said(message)}; the job may still have been created. Check before submitting again.`,
      { ...base, retryable: readOnly },
    )
  }
  return new LtxError(
    'upstream',
    `${name} answered with an unexpected HTTP ${status}${said(message)}. Try again later or report it.`,
    { ...base, retryable: false },
  )
}
