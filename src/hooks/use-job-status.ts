'use client'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useState } from 'react'
import { isTerminalPhase, type JobPhase, type JobRef, type JobSnapshot } from '../core/job'
import type { LtxError } from '../models/ltx-error'
import { PROVIDERS } from '../models/provider'
import type { PollingOptions } from '../core/polling-policy'
import { restartWatch, watchJob } from './job-poller'
import { jobStatusOptions, watchStateOptions } from './job-status-options'
import { transportFor, useLtxContext } from './ltx-context'

// Without a job, the hook observes a key no job has (provider ids are never empty); the other
// fields are never read.
const NO_JOB = { provider: PROVIDERS[0], id: '' } as JobRef

/** Options of {@link useJobStatus}. */
export interface UseJobStatusOptions {
  /** Set to false to stop watching here (default true). */
  enabled?: boolean
  /** Stop watching after this many milliseconds (default 15 minutes); the job keeps running upstream. */
  deadline?: number
  /** Intervals, backoff and jitter of the polling policy. */
  polling?: PollingOptions
}

/** What {@link useJobStatus} returns. */
export interface UseJobStatusResult {
  /** The job's phase; `null` before the first answer (or without a job). */
  phase: JobPhase | null
  /** The latest answer, in one shape for every provider. */
  snapshot: JobSnapshot | undefined
  /** The video URL, once the job succeeded. */
  video: string | undefined
  /** Why there is no video: a failed generation, an expired job, a status error, or the watch deadline. */
  error: LtxError | null
  /** Milliseconds since the submit, as of this render (to the end, once finished). */
  elapsedMs: number
  isTerminal: boolean
  /** True while this component is watching and the job is not finished. */
  isWatching: boolean
  /**
   * True whenever the job is not finished and not being watched here: after `stop()`, the
   * deadline, a pause after repeated failed checks, or an error repeating cannot fix (the error
   * says which). Offer `keepWatching()` then: a running job is never left without a way back.
   */
  canKeepWatching: boolean
  /**
   * Stop watching in this component. The providers have no cancel: the job keeps running and
   * is billed; its reference is still yours to resume.
   */
  stop: () => void
  /** Watch again after `stop()`, a deadline, a pause or an error: a fresh deadline and failure count, and a check at once. */
  keepWatching: () => void
}

/**
 * Watch a job until it ends. Every component watching the same job shares one poller: three
 * watchers make as many status requests as one. Pauses while offline, slows while the tab is
 * hidden, waits out rate limits, retries unreadable replies with backoff, and stops at a terminal
 * phase, the deadline, 5 failed checks in a row or an error repeating cannot fix; in each of the
 * last cases `canKeepWatching` is true.
 */
export function useJobStatus(job: JobRef | null | undefined, options: UseJobStatusOptions = {}): UseJobStatusResult {
  const context = useLtxContext()
  const client = useQueryClient()
  const [stoppedFor, setStoppedFor] = useState<string | null>(null)
  const jobKey = job == null ? null : `${job.provider}:${job.id}`
  const active = job != null && options.enabled !== false && stoppedFor !== jobKey

  // Observers only (disabled): the shared poller sends every request. Without a job there is
  // no transport to give, and none is needed: nothing ever calls that query's queryFn.
  const query = jobStatusOptions(job == null ? (undefined as never) : transportFor(context, job.provider), job ?? NO_JOB)
  const status = useQuery({ ...query, enabled: false })
  const watch = useQuery(watchStateOptions(job ?? NO_JOB))

  const { deadline } = options
  // The provider's defaults, then this watcher's own.
  const polling = options.polling === undefined ? context.polling : { ...context.polling, ...options.polling }
  const pollingKey = JSON.stringify(polling)
  useEffect(
    () => (active ? watchJob(client, query, job, { deadlineMs: deadline, polling, push: context.push }) : undefined),
    // Keyed by content: jobs read back from storage, inline `{ polling: { … } }` and inline
    // transports are new objects each render, and restarting the watch on each would reset its
    // deadline and attempts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [active, client, jobKey, deadline, pollingKey, context.push],
  )

  const stop = useCallback(() => setStoppedFor(jobKey), [jobKey])
  const keepWatching = useCallback(() => {
    setStoppedFor(null)
    if (job != null) restartWatch(client, job)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, jobKey])

  const snapshot = status.data
  const isTerminal = snapshot !== undefined && isTerminalPhase(snapshot.phase)
  const watchState = watch.data ?? null
  const end = isTerminal ? (snapshot.timings?.completedAt ?? snapshot.checkedAt) : Date.now()
  const isWatching = active && !isTerminal && watchState === null
  return {
    phase: snapshot?.phase ?? null,
    snapshot,
    video: snapshot?.phase === 'succeeded' ? snapshot.output?.videoUrl : undefined,
    error: watchState?.error ?? snapshot?.error ?? status.error,
    elapsedMs: job == null ? 0 : Math.max(0, end - job.submittedAt),
    isTerminal,
    isWatching,
    canKeepWatching: job != null && options.enabled !== false && !isTerminal && !isWatching,
    stop,
    keepWatching,
  }
}
