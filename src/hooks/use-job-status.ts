'use client'
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { isTerminalPhase, type JobPhase, type JobRef, type JobSnapshot } from '../core/job'
import type { LtxError } from '../core/ltx-error'
import type { PollingOptions } from '../core/polling-policy'
import { JobPoller } from './job-poller'
import { shareSnapshot, type WatchState } from './job-status-options'
import { ltxKeys } from './ltx-keys'
import { transportFor, useLtxContext } from './ltx-context'

const NO_JOB = ['ltx', 'job', 'none'] as const
const NO_WATCH = ['ltx', 'watch', 'none'] as const

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
   * Stop watching in this component. The providers have no cancel: the job keeps running and
   * is billed; its reference is still yours to resume.
   */
  stop: () => void
  /** Watch again after `stop()`, a deadline or an error: a fresh deadline and a check at once. */
  keepWatching: () => void
}

/**
 * Watch a job until it ends. Every component watching the same job shares one poller: three
 * watchers make as many status requests as one. Pauses while offline, slows while the tab is
 * hidden, waits out rate limits, and stops at a terminal phase or the deadline.
 */
export function useJobStatus(job: JobRef | null | undefined, options: UseJobStatusOptions = {}): UseJobStatusResult {
  const context = useLtxContext()
  const client = useQueryClient()
  const transport = job == null ? undefined : transportFor(context, job.provider)
  const [stoppedFor, setStoppedFor] = useState<string | null>(null)
  const jobKey = job == null ? null : `${job.provider}:${job.id}`
  const stopped = jobKey !== null && stoppedFor === jobKey
  const active = job != null && transport !== undefined && options.enabled !== false && !stopped

  // Observers only (no query function): the shared poller sends every request.
  const status = useQuery<JobSnapshot, LtxError, JobSnapshot, readonly unknown[]>({
    queryKey: job == null ? NO_JOB : ltxKeys.job(job.provider, job.id),
    queryFn: skipToken,
    gcTime: 60 * 60 * 1000,
    structuralSharing: shareSnapshot,
  })
  const watch = useQuery<WatchState | null, LtxError, WatchState | null, readonly unknown[]>({
    queryKey: job == null ? NO_WATCH : ltxKeys.watch(job.provider, job.id),
    queryFn: skipToken,
    gcTime: 60 * 60 * 1000,
  })

  const { deadline } = options
  // The provider's defaults, then this watcher's own. Keyed by content: an inline
  // `{ polling: { … } }` or inline transports make new objects each render, and restarting the
  // watch on each would reset its deadline and attempts.
  const merged = options.polling === undefined ? context.polling : { ...context.polling, ...options.polling }
  const pollingKey = JSON.stringify(merged ?? null)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const polling = useMemo(() => merged, [pollingKey])
  const latest = useRef({ transport, job })
  latest.current = { transport, job }
  const provider = job?.provider
  useEffect(() => {
    const { transport: current, job: watched } = latest.current
    if (!active || watched == null || current === undefined) return
    return JobPoller.for(client, current, watched, { deadlineMs: deadline, polling }).subscribe()
  }, [active, client, provider, jobKey, deadline, polling])

  const stop = useCallback(() => setStoppedFor(jobKey), [jobKey])
  const keepWatching = useCallback(() => {
    setStoppedFor(null)
    if (job != null) JobPoller.find(client, job)?.restart()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, jobKey])

  const snapshot = job == null ? undefined : status.data
  const phase = snapshot?.phase ?? null
  const isTerminal = phase !== null && isTerminalPhase(phase)
  const watchState = job == null ? null : (watch.data ?? null)
  const error = watchState?.error ?? snapshot?.error ?? (job == null ? null : status.error) ?? null
  const end = isTerminal ? (snapshot?.timings?.completedAt ?? snapshot?.checkedAt) : undefined
  const elapsedMs = job == null ? 0 : Math.max(0, (end ?? Date.now()) - job.submittedAt)
  return {
    phase,
    snapshot,
    video: snapshot?.phase === 'succeeded' ? snapshot.output?.videoUrl : undefined,
    error,
    elapsedMs,
    isTerminal,
    isWatching: active && !isTerminal && watchState === null,
    stop,
    keepWatching,
  }
}
