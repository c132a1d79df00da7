import type { Provider } from '../models/define-model'
import { apixoGenerationSec } from '../models/model-catalog'
import { isTerminalPhase, type JobRef, type JobSnapshot } from './job'
import { LtxError } from './ltx-error'

/** Knobs of {@link pollingPolicy}; every one has a default taken from the provider pages. */
export interface PollingOptions {
  /** How long to keep watching, from the start of this watch. Default 15 minutes. */
  readonly deadlineMs?: number
  /** Segmind status interval. Default 2 s (its SDK's `interval=2.0`). */
  readonly segmindIntervalMs?: number
  /** APIXO status interval after the first check. Default 5 s (its page: "poll every 5 seconds"). */
  readonly apixoIntervalMs?: number
  /** Share of the documented shortest generation time to wait before APIXO's first check. Default 0.75. */
  readonly apixoFirstCheckShare?: number
  /** Longest wait after a failed status call. Default 30 s. */
  readonly maxBackoffMs?: number
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
  readonly options?: PollingOptions
}

/** Why watching ended: the job finished, an error that repeating cannot fix, or the deadline. */
export type PollStopReason = 'terminal' | 'error' | 'deadline'

/** Poll again after `delayMs`, or stop (with the error to show, if any). */
export type PollDecision =
  | { readonly action: 'poll'; readonly delayMs: number }
  | { readonly action: 'stop'; readonly reason: PollStopReason; readonly error?: LtxError }

/** The default watch deadline: 15 minutes, the Segmind SDK's `timeout=900`. */
export const DEFAULT_POLL_DEADLINE_MS = 15 * 60 * 1000
// "Submit task, wait 60 seconds, then poll every 5 seconds" (APIXO page), for inputs we cannot read.
const APIXO_ADVISED_WAIT_MS = 60_000

function intervalFor(provider: Provider, options: PollingOptions): number {
  switch (provider) {
    case 'segmind':
      return options.segmindIntervalMs ?? 2000
    case 'apixo':
      return options.apixoIntervalMs ?? 5000
    default:
      return provider satisfies never
  }
}

/** The resolution (default 720p, as the schema) and mode of an APIXO input, when it has them. */
function readApixoInput(input: unknown): { resolution: '480p' | '720p' | '1080p'; mode: string } | undefined {
  if (typeof input !== 'object' || input === null) return undefined
  const { mode, resolution } = input as { mode?: unknown; resolution?: unknown }
  if (typeof mode !== 'string') return undefined
  if (resolution === undefined) return { mode, resolution: '720p' }
  return resolution === '480p' || resolution === '720p' || resolution === '1080p' ? { mode, resolution } : undefined
}

function firstCheckAt(job: JobRef, input: unknown, options: PollingOptions): number {
  switch (job.provider) {
    case 'segmind':
      return intervalFor('segmind', options)
    case 'apixo': {
      const share = options.apixoFirstCheckShare ?? 0.75
      const readable = readApixoInput(input)
      // Read without the schema, so watching a job never loads the model schemas.
      return share * (readable === undefined ? APIXO_ADVISED_WAIT_MS : apixoGenerationSec(readable).min * 1000)
    }
    default:
      return job.provider satisfies never
  }
}

function backoff(base: number, failures: number, options: PollingOptions): number {
  const cap = options.maxBackoffMs ?? 30_000
  const random = options.random ?? Math.random
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, failures - 1))
  // "Equal jitter": never less than half the step, so a burst of watchers spreads out without hammering.
  const r = Math.min(Math.max(random(), 0), 1)
  return ceiling / 2 + (ceiling / 2) * r
}

/** The error that ends a watch at its deadline: the job keeps running, so it carries the `JobRef` to resume. */
export function watchDeadlineError(job: JobRef, deadlineMs: number): LtxError {
  const minutes = Math.round(deadlineMs / 60_000)
  const span = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(deadlineMs / 1000)} seconds`
  return new LtxError(
    'timeout',
    `The video is still not ready after ${span}, so watching stopped. The job may still finish: keep its reference and check again later.`,
    { requestId: job.id, retryable: true, detail: { job } },
  )
}

/**
 * Decide when to ask for a job's status next, or to stop. Pure: the same input gives the same
 * decision (inject `options.random`). Segmind is asked every 2 s; APIXO first after a share of the
 * documented generation time for the input's resolution, then every 5 s; failed calls back off
 * exponentially with jitter up to 30 s; a rate limit waits for its reset; a terminal phase or an
 * unrepeatable error stops; the deadline stops with a `timeout` error and never marks the job failed.
 */
export function pollingPolicy(state: PollingPolicyInput): PollDecision {
  const options = state.options ?? {}
  const { job, now, attempt, last } = state
  const deadlineMs = options.deadlineMs ?? DEFAULT_POLL_DEADLINE_MS
  const watchStartedAt = state.watchStartedAt ?? job.submittedAt
  const interval = intervalFor(job.provider, options)

  if (last !== undefined && 'snapshot' in last && isTerminalPhase(last.snapshot.phase)) {
    return { action: 'stop', reason: 'terminal' }
  }
  if (last !== undefined && 'error' in last && !last.error.retryable) {
    return { action: 'stop', reason: 'error', error: last.error }
  }
  const watched = now - watchStartedAt
  // The first check always happens, so a job resumed long after its submit is looked at once.
  if (attempt > 0 && watched >= deadlineMs) {
    return { action: 'stop', reason: 'deadline', error: watchDeadlineError(job, deadlineMs) }
  }

  let delay: number
  if (last !== undefined && 'error' in last) {
    const resetAt = last.error.kind === 'rate-limited' ? last.error.resetAt?.getTime() : undefined
    delay =
      resetAt !== undefined && resetAt > now ? resetAt - now : backoff(interval, state.failures ?? 1, options)
  } else if (attempt === 0) {
    delay = Math.max(0, firstCheckAt(job, state.input, options) - (now - job.submittedAt))
  } else {
    delay = interval
  }
  // One last look exactly at the deadline rather than overshooting it.
  delay = Math.min(delay, Math.max(0, deadlineMs - watched))
  return { action: 'poll', delayMs: Math.round(delay) }
}
