import type { Provider } from '../models/provider'
import { modelEntry } from '../models/model-catalog'
import type { FactValues } from '../models/fact-values'
import type { ModelEntry } from '../models/model-entry'
import { isTerminalPhase, type JobRef, type JobSnapshot } from './job'
import { LtxError } from '../models/ltx-error'

/** Knobs of {@link pollingPolicy}; every one has a default taken from the provider pages. */
export interface PollingOptions {
  /** How long to keep watching, from the start of this watch. Default 15 minutes. */
  readonly deadlineMs?: number
  /** Segmind status interval. Default 2 s (its SDK's `interval=2.0`). */
  readonly segmindIntervalMs?: number
  /** APIXO status interval after the first check. Default 5 s (its page: "poll every 5 seconds"). */
  readonly apixoIntervalMs?: number
  /**
   * Share of the documented shortest generation time to wait before APIXO's first check. Default 1:
   * a video is never ready sooner, so an earlier check only costs a request.
   */
  readonly apixoFirstCheckShare?: number
  /** Longest wait after a failed status call. Default 30 s. */
  readonly maxBackoffMs?: number
  /** Failed status calls in a row after which watching pauses (rate limits aside). Default 5. */
  readonly maxFailures?: number
  /** A number in [0, 1) for jitter; inject a fixed one in tests. Default `Math.random`. */
  readonly random?: () => number
}

/** What the previous status call produced. */
export type PollOutcome = { readonly snapshot: JobSnapshot } | { readonly error: LtxError }

/** Everything {@link pollingPolicy} decides from; all plain data, so the decision is reproducible. */
export interface PollingPolicyInput {
  readonly job: JobRef
  /** The input the job was submitted with; APIXO's first check depends on its resolution and mode. */
  readonly input?: unknown
  /** The current time in Unix milliseconds. */
  readonly now: number
  /** When this watch began (a resumed job starts a new watch). Default `job.submittedAt`. */
  readonly watchStartedAt?: number
  /** Status calls made so far in this watch. */
  readonly attempt: number
  /** Status calls in a row that ended in an error, the last one included. Default 1 after an error. */
  readonly failures?: number
  readonly last?: PollOutcome
  readonly options?: PollingOptions | undefined
}

/**
 * Why watching ended: the job finished, an error that repeating cannot fix, the deadline, or a run
 * of failed calls (`paused`). Every reason but `terminal` leaves a job that may still be running.
 */
export type PollStopReason = 'terminal' | 'error' | 'deadline' | 'paused'

/** Poll again after `delayMs`, or stop (with the error to show, if any). */
export type PollDecision =
  | { readonly action: 'poll'; readonly delayMs: number }
  | { readonly action: 'stop'; readonly reason: PollStopReason; readonly error?: LtxError }

/** The default watch deadline: 15 minutes, the Segmind SDK's `timeout=900`. */
export const DEFAULT_POLL_DEADLINE_MS = 15 * 60 * 1000

/**
 * When to look at a job first, in milliseconds after its submit: for a model whose provider
 * publishes generation times (APIXO), its model's `firstCheckSec` (the documented shortest time
 * for the input's resolution and mode, read without the schema so watching a job never loads the
 * model schemas), times `apixoFirstCheckShare`; for any other, one interval.
 */
function firstCheckMs(job: JobRef, input: unknown, interval: number, options: PollingOptions): number {
  // A hand-made JobRef may name a model this release does not know: it has no entry.
  const firstCheckSec = (modelEntry(job.model) as ModelEntry | undefined)?.firstCheckSec
  return firstCheckSec === undefined ? interval : (options.apixoFirstCheckShare ?? 1) * firstCheckSec((input ?? {}) as FactValues) * 1000
}

/** The error that ends a watch at its deadline: the job keeps running, so it carries the `JobRef` to resume. */
export function watchDeadlineError(job: JobRef, deadlineMs: number): LtxError {
  const minutes = Math.round(deadlineMs / 60_000)
  const span = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(deadlineMs / 1000)} seconds`
  return new LtxError(
    'timeout',
    `Still not ready after ${span}, so watching stopped. The job may still finish: check again later.`,
    // Retryable, as every `timeout` is by default: watching again may find the video.
    { requestId: job.id, detail: { job } },
  )
}

/**
 * The error that pauses a watch after `failures` failed calls in a row: of the last error's kind,
 * retryable, saying the job may still be running and that watching again will look.
 */
export function watchPausedError(job: JobRef, failures: number, last: LtxError): LtxError {
  // The last error's first sentence says what went wrong; its advice ("tries again") no longer holds.
  const what = last.message.split(/\.(?:\s|$)/)[0]
  return new LtxError(
    last.kind,
    `${failures} status checks in a row failed (last: ${what}), so watching paused. The job may still be running: keep watching to check again.`,
    { status: last.status, requestId: job.id, detail: last.detail, retryable: true, cause: last },
  )
}

/**
 * Decide when to ask for a job's status next, or to stop. Pure: the same input gives the same
 * decision (inject `options.random`). Segmind is asked every 2 s; APIXO first once the documented
 * shortest generation time for the input has passed, then every 5 s; failed calls back off
 * exponentially with jitter up to 30 s, and after 5 in a row watching pauses; a rate limit waits
 * for its reset; a terminal phase or an unrepeatable error stops; the deadline stops with a
 * `timeout` error and never marks the job failed.
 */
export function pollingPolicy(state: PollingPolicyInput): PollDecision {
  const { job, now, attempt, last, options = {} } = state
  const deadlineMs = options.deadlineMs ?? DEFAULT_POLL_DEADLINE_MS
  const watched = now - (state.watchStartedAt ?? job.submittedAt)
  // Every provider needs an interval: a new one is a type error here until it has one.
  const intervals = { segmind: options.segmindIntervalMs ?? 2000, apixo: options.apixoIntervalMs ?? 5000 } satisfies Record<Provider, number>
  const interval = intervals[job.provider]
  const error = last && 'error' in last ? last.error : undefined

  if (last && 'snapshot' in last && isTerminalPhase(last.snapshot.phase)) {
    return { action: 'stop', reason: 'terminal' }
  }
  if (error && !error.retryable) return { action: 'stop', reason: 'error', error }
  // The first check always happens, so a job resumed long after its submit is looked at once.
  if (attempt > 0 && watched >= deadlineMs) {
    return { action: 'stop', reason: 'deadline', error: watchDeadlineError(job, deadlineMs) }
  }
  // A rate limit is the provider pacing us, not a failure to read the job: it never pauses a watch.
  const failures = state.failures ?? 1
  if (error && error.kind !== 'rate-limited' && failures >= (options.maxFailures ?? 5)) {
    return { action: 'stop', reason: 'paused', error: watchPausedError(job, failures, error) }
  }

  let delay: number
  if (error) {
    const untilReset = error.kind === 'rate-limited' && error.resetAt ? error.resetAt.getTime() - now : 0
    // "Equal jitter": never less than half the step, so a burst of watchers spreads out without hammering.
    const step = Math.min(options.maxBackoffMs ?? 30_000, interval * 2 ** (failures - 1))
    delay = untilReset > 0 ? untilReset : (step / 2) * (1 + (options.random ?? Math.random)())
  } else {
    // Counted from the submit: a resumed job may be due at once (a negative delay, clamped below).
    const untilFirst = firstCheckMs(job, state.input, interval, options) - (now - job.submittedAt)
    // After a look out of turn (a resumed job is looked at once, to show its phase), still none
    // before the first check is due: no video is ready sooner.
    delay = attempt === 0 ? untilFirst : Math.max(interval, untilFirst)
  }
  // One last look exactly at the deadline rather than overshooting it.
  return { action: 'poll', delayMs: Math.round(Math.max(0, Math.min(delay, deadlineMs - watched))) }
}
