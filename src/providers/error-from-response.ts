import { parseResetAt } from '../core/parse-reset-at'
import { isRecord } from '../models/is-record'
import { LtxError, type LtxErrorKind } from '../models/ltx-error'
import type { Provider } from '../models/provider'
import { APIXO_INPUT_KEY } from './apixo'
import { providerName } from './provider-name'
import type { TransportOperation } from './route-paths'

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

/** The provider's own sentence about the failure, if the body has a readable one. */
export function upstreamMessage(detail: unknown): string | undefined {
  // A text body is the sentence, unless it is markup (a proxy's or CDN's error page).
  let text = typeof detail === 'string' && !/^\s*</.test(detail) ? detail : ''
  if (typeof detail === 'object' && detail !== null) {
    for (const key of ['error', 'message', 'detail', 'failMsg', 'msg']) {
      let value = (detail as Record<string, unknown>)[key]
      // Some bodies nest it: { error: { message } }.
      if (typeof value === 'object' && value !== null) value = (value as Record<string, unknown>)['message']
      if (typeof value === 'string' && value.trim() !== '') {
        text = value
        break
      }
    }
  }
  const oneLine = text.replace(/\s+/g, ' ').trim()
  if (oneLine === '') return undefined
  return oneLine.length > MAX_QUOTED ? `${oneLine.slice(0, MAX_QUOTED)}…` : oneLine
}

/** One field issue of the ltx-react proxy's reply to an input its model schema refused. */
interface ProxyIssue {
  readonly path: readonly (string | number)[]
  readonly message: string
}

const isPathPart = (part: unknown): boolean => typeof part === 'string' || (typeof part === 'number' && Number.isFinite(part))
const isProxyIssue = (issue: unknown): issue is ProxyIssue =>
  isRecord(issue) && typeof issue['message'] === 'string' && Array.isArray(issue['path']) && issue['path'].every(isPathPart)

// The proxy's field issues to show on a form (read with plain checks, not a schema: issue 17).
function readProxyIssues(detail: unknown): readonly ProxyIssue[] | undefined {
  const issues = isRecord(detail) ? detail['issues'] : undefined
  return Array.isArray(issues) && issues.length > 0 && issues.every(isProxyIssue) ? issues : undefined
}

// The key under which each dialect's submit body holds the model input (Segmind's body is the
// input): the proxy's issue paths start there.
const INPUT_KEYS = { segmind: undefined, apixo: APIXO_INPUT_KEY } as const satisfies Record<Provider, string | undefined>

/** True when the ltx-react proxy answered itself (it marks such replies with `x-ltx-proxy`). */
export function isProxyAnswer(headers: Headers | undefined): boolean {
  return headers?.get('x-ltx-proxy') != null
}

/** Where a job that a failed submit may have created can be found. */
export const WHERE_JOB_IS = "The site's server log names it (the ltx-react proxy logs every submit's job id), and so does the provider's dashboard."
/** Said of every submit that failed in a way that may have created (and billed) a job anyway. */
export const MAY_EXIST = `The job may still have been created (and billed). ${WHERE_JOB_IS} Check there before submitting again.`
const AGAIN = 'Try again in a moment.'

/** What a status means: its kind, what happened, and what to do next. */
type Words = readonly [LtxErrorKind, string, string]

/** A wait people can read: "in 46 s", "in 5 min", or the local time for a long one. */
function tryAgain(resetAt: Date | undefined, now: number): string {
  const seconds = resetAt ? Math.ceil((resetAt.getTime() - now) / 1000) : 0
  if (seconds <= 0 || !resetAt) return AGAIN
  if (seconds < 90) return `Try again in ${seconds} s.`
  if (seconds < 3600) return `Try again in ${Math.ceil(seconds / 60)} min.`
  return `Try again after ${resetAt.toLocaleTimeString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}.`
}

/**
 * The `LtxError` a failed reply stands for, worded for people, for every documented status of both
 * providers: its `kind` says what happened and its message what to do next. A submit is only marked
 * retryable when the provider clearly refused it (rate limit), because any other failure may have
 * created a billed job (`jobMayExist`). The ltx-react proxy's own misconfiguration (its provider key
 * refused or missing, `x-ltx-proxy: upstream-key-refused` / `missing-key`) is `upstream`, never a
 * reason to sign in: only the app's `authorize` answers 401 and 403.
 */
export function errorFromResponse(response: FailedResponse): LtxError {
  const { provider, operation, status, requestId, headers } = response
  const now = response.now ?? Date.now()
  const name = providerName(provider)
  const detail = parseBodyDetail(response.body)
  const message = upstreamMessage(detail)
  const readOnly = operation !== 'submit'
  const proxy = isProxyAnswer(headers)
  const reason = headers?.get('x-ltx-proxy')
  // The operator's fault, and the proxy says so: nothing the user does can fix it, and a submit
  // was refused before any job existed. The proxy's sentence is not quoted: it is for the operator.
  const misconfigured =
    reason === 'upstream-key-refused' ? `its ${name} key was refused` : reason === 'missing-key' ? `it has no ${name} key` : undefined
  if (misconfigured !== undefined) {
    return new LtxError(
      'upstream',
      `The site's video service is misconfigured: ${misconfigured}. ${
        readOnly
          ? 'The job cannot be checked until that is fixed.'
          : `Nothing was billed: ${reason === 'missing-key' ? `the request never reached ${name}` : `${name} refused it before creating a job`}.`
      } Tell the site's operator.`,
      { status, requestId, detail, retryable: false },
    )
  }
  // A 422 answering a status read is not about the input: it falls through to "unexpected".
  const invalid = status === 400 || status === 413 || (status === 422 && !readOnly)
  // When the ltx-react proxy checked the input with the model's schema, its field issues are the
  // same a model definition gives in the browser (APIXO's paths start in the body's `input`).
  const issues =
    invalid && proxy
      ? readProxyIssues(detail)?.map(({ path, message }) => ({
          path: INPUT_KEYS[provider] !== undefined && path[0] === INPUT_KEYS[provider] ? path.slice(1) : path,
          message,
        }))
      : undefined
  const resetAt = status === 429 && headers ? parseResetAt(headers, now) : undefined
  // A status read may simply be repeated; a submit may have created a job.
  const retry = readOnly ? AGAIN : MAY_EXIST
  const contentType: Words = ['bad-content-type', 'Wrong content type', 'Send requests with "Content-Type: application/json".']
  // What each status means: [kind, what happened, what to do next].
  const byStatus: Partial<Record<number, Words>> = {
    // Since the proxy answers a refused provider key itself (above), 401 and 403 are the app's
    // `authorize` speaking (its own Response, or the proxy's `x-ltx-proxy: unauthorized`/`forbidden`).
    401: ['unauthorized', 'Not signed in, or the session has expired', 'Sign in again.'],
    403: ['forbidden', 'Access refused', 'Check that your account may use this model.'],
    // Only the provider saying so means the job is gone: the app's own proxy refusing the route
    // (model not allowed, wrong basePath, another user's job) must not read as expired, which
    // invites a paid resubmit.
    404: readOnly
      ? proxy
        ? ['not-found', `The site's server knows no such ${name} job`, 'Sign in with the account that submitted it, or check baseUrl and that the proxy allows this model.']
        : ['expired', `${name} no longer has this job`, 'Submit again for a new video.']
      : ['not-found', `${name} has no such model or route`, 'Check baseUrl and that the proxy allows this model.'],
    405: ['method-not-allowed', 'Wrong request method (HTTP 405)', 'Check that baseUrl points at the ltx-react proxy.'],
    // Segmind's 406 means either; only its wording tells which.
    406: /content[- ]?type|media type|application\/json/i.test(message ?? (typeof detail === 'string' ? detail : ''))
      ? contentType
      : ['insufficient-credits', `Out of ${name} credits or over the spend limit`, 'Top up or raise the limit.'],
    408: ['timeout', `${name} timed out`, retry],
    410: ['model-retired', `${name} has retired this model`, 'Choose another model.'],
    415: contentType,
    429: ['rate-limited', `Too many requests to ${name}`, tryAgain(resetAt, now)],
  }
  const [kind, happened, next] = invalid
    ? (['validation', `${name} rejected the request`, 'Check the input and submit again.'] as const)
    : (byStatus[status] ??
      (status >= 500
        ? ['upstream', `${name} had a server error (HTTP ${status})`, retry]
        : ['upstream', `Unexpected HTTP ${status} from ${name}`, 'Try again later or report it.']))
  // Every message: what happened, the provider's own sentence when it gave one, what to do next.
  // The proxy's issues come with its own sentence, which already names the fields.
  return new LtxError(
    kind,
    issues !== undefined && message !== undefined
      ? message
      : `${happened}${message === undefined ? '' : ` (${message.replace(/[.!]+$/, '')})`}. ${next}`,
    {
      status,
      requestId,
      detail,
      issues,
      resetAt,
      // A read may be repeated after a timeout or a server error; a submit may have created a job.
      retryable: status === 429 || (readOnly && (status === 408 || status >= 500)),
      jobMayExist: next === MAY_EXIST,
    },
  )
}
