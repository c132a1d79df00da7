/** Every way a call to ltx-react can fail; one `kind` per documented upstream or local failure. */
export type LtxErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'expired'
  | 'insufficient-credits'
  | 'bad-content-type'
  | 'method-not-allowed'
  | 'model-retired'
  | 'rate-limited'
  | 'generation-failed'
  | 'upstream'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'malformed-response'

/** One problem with one input field: where it is and what to do about it. */
export interface FieldIssue {
  /** Path to the field, e.g. `['loras', 0, 'scale']`; empty for the whole input. */
  readonly path: readonly (string | number)[]
  /** A sentence naming the field's label and what it accepts. */
  readonly message: string
}

/** Options for building an {@link LtxError}. */
export interface LtxErrorOptions {
  status?: number | undefined
  requestId?: string | undefined
  retryable?: boolean | undefined
  detail?: unknown
  issues?: readonly FieldIssue[] | undefined
  resetAt?: Date | undefined
  failCode?: string | undefined
  jobMayExist?: boolean | undefined
  needsConfirmation?: SubmitConfirmation | undefined
  cause?: unknown
}

/** The submit option that sends a submit the hooks refused: see {@link LtxError.needsConfirmation}. */
export type SubmitConfirmation = 'confirmResubmit' | 'replace'

// Kinds that are worth repeating unless the caller says otherwise (a submit usually does).
const RETRYABLE_BY_DEFAULT = ['rate-limited', 'upstream', 'network', 'timeout'] as const satisfies readonly LtxErrorKind[]

/** Kinds that repeating the same call does not fix. */
type FinalByDefault =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'expired'
  | 'insufficient-credits'
  | 'bad-content-type'
  | 'method-not-allowed'
  | 'model-retired'
  | 'generation-failed'
  | 'aborted'
  | 'malformed-response'

// Every kind is either worth repeating or not: a new kind fails to compile here until it is put
// in one of the two (this costs no byte at run time).
const everyKindDecided: Exclude<LtxErrorKind, (typeof RETRYABLE_BY_DEFAULT)[number] | FinalByDefault> extends never ? true : never = true

/** The only error type ltx-react throws: a `kind` to switch on and a message that says what to do next. */
export class LtxError extends Error {
  override readonly name = 'LtxError'
  // The fields below are `declare`d because the constructor assigns them all: a plain field
  // declaration would also be emitted as an (immediately overwritten) class field.
  /** What went wrong, as a closed union you can `switch` over. */
  declare readonly kind: LtxErrorKind
  /** The HTTP status, when the failure came from a response. */
  declare readonly status: number | undefined
  /** The provider's request or task id, when known: keep it to resume or report. */
  declare readonly requestId: string | undefined
  /** Whether repeating the same call later may succeed (never true for a submit that reached the server). */
  declare readonly retryable: boolean
  /** The upstream body (parsed JSON, or the raw text). */
  declare readonly detail: unknown
  /** Field problems, for `kind: 'validation'`. */
  declare readonly issues: readonly FieldIssue[]
  /** When a rate limit lifts, for `kind: 'rate-limited'`. */
  declare readonly resetAt: Date | undefined
  /** The provider's failure code (e.g. `CONTENT_VIOLATION`), for `kind: 'generation-failed'`. */
  declare readonly failCode: string | undefined
  /**
   * A submit failed in a way that may still have created (and billed) a job: a timeout, a lost
   * connection, a 5xx or an unreadable reply. Its id is in the server's log; until the user
   * confirms, the hooks refuse a second plain submit.
   */
  declare readonly jobMayExist: boolean
  /**
   * Set on a submit the hooks refused without sending: the option that sends it anyway,
   * `confirmResubmit` (the last submit may have made a job) or `replace` (a job is still running).
   */
  declare readonly needsConfirmation: SubmitConfirmation | undefined

  constructor(kind: LtxErrorKind, message: string, options: LtxErrorOptions = {}) {
    // Error reads only `cause` from its options; left out when undefined, so no own `cause` property is made.
    super(message, options.cause === undefined ? undefined : options)
    this.kind = kind
    this.status = options.status
    this.requestId = options.requestId
    this.retryable = options.retryable ?? (RETRYABLE_BY_DEFAULT as readonly LtxErrorKind[]).includes(kind)
    this.detail = options.detail
    this.issues = options.issues ?? []
    this.resetAt = options.resetAt
    this.failCode = options.failCode
    this.jobMayExist = options.jobMayExist ?? false
    this.needsConfirmation = options.needsConfirmation
  }

  /** Plain JSON for logs and `postMessage`; never includes request headers. */
  toJSON(): Record<string, unknown> {
    // Named one by one: an engine's own extras (line, column…) stay out, and so does the
    // detail (the provider's whole body).
    const { name, kind, message, status, requestId, retryable, issues, resetAt, failCode, jobMayExist, needsConfirmation } = this
    return { name, kind, message, status, requestId, retryable, issues, resetAt: resetAt?.toISOString(), failCode, jobMayExist, needsConfirmation }
  }
}

/** True when `value` is an {@link LtxError}, optionally of the given kind. */
export function isLtxError(value: unknown, kind?: LtxErrorKind): value is LtxError {
  return value instanceof LtxError && (kind === undefined || value.kind === kind)
}
