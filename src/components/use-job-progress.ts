'use client'
import { useCallback, useMemo, useRef, type MouseEvent } from 'react'
import type { JobPhase, JobRef } from '../core/job'
import { useJobStatus, type UseJobStatusResult } from '../hooks/use-job-status'
import { readJobInput } from '../models/model-facts'
import { getter } from './merge-props'
import type { PartProps } from './component-slots'
import { useJobClock, type GenerationEstimate, type JobClockLabels, type JobProgressBarProps } from './use-job-clock'

export type { GenerationEstimate, JobProgressBarProps } from './use-job-clock'

/**
 * What a job progress display shows: the job's phase, or why it is not being watched
 * (`timeout` at the watch deadline, `error` for a status error repeating cannot fix,
 * `stopped` after `stop()`), `pending` before the first answer and `idle` without a job.
 */
export type JobProgressState = 'idle' | 'pending' | JobPhase | 'timeout' | 'error' | 'stopped'

/** Every string a job progress display shows or announces, in English by default. */
export interface JobProgressLabels extends JobClockLabels {
  idle: string
  pending: string
  queued: string
  running: string
  succeeded: string
  failed: string
  expired: string
  timeout: string
  error: string
  stopped: string
  /** Shown under `expired` when the provider gave no message of its own. */
  expiredMessage: string
  /** The documented generation time the estimate comes from. */
  estimateBasis: (minSec: number, maxSec: number) => string
  keepWatching: string
  /** The accessible name of the status region. */
  region: string
  /** Submit the same input again, after a failure that may not repeat. */
  tryAgain: string
  /** Back to the form, with the same values, after a failure. */
  edit: string
}

/** The English labels of {@link JobProgressLabels}. */
export const defaultJobProgressLabels: JobProgressLabels = {
  idle: 'No video requested',
  pending: 'Checking the job',
  queued: 'Queued',
  running: 'Generating the video',
  succeeded: 'Video ready',
  failed: 'Generation failed',
  expired: 'Expired',
  timeout: 'Still not ready',
  error: 'Status unavailable',
  stopped: 'Stopped watching',
  expiredMessage: 'The result is no longer kept by the provider.',
  elapsed: (time) => `Elapsed ${time}`,
  progress: 'Generation progress',
  estimate: (percent) => `about ${percent}% (estimate)`,
  estimateBasis: (min, max) => `Usually takes ${min}–${max} seconds`,
  noEstimate: 'No time estimate for this model',
  overdue: 'Taking longer than usual',
  complete: 'Complete',
  keepWatching: 'Keep watching',
  region: 'Job progress',
  tryAgain: 'Try again',
  edit: 'Edit and retry',
}

/** Options of {@link useJobProgress}. */
export interface UseJobProgressOptions {
  /** The input the job was submitted with: the estimate depends on its resolution, length and mode. */
  input?: unknown
  /** Stop watching after this many milliseconds (default 15 minutes); "Keep watching" starts a fresh one. */
  deadline?: number
  labels?: Partial<JobProgressLabels>
  /** Offered as "Try again" when the job failed with an error that may not repeat (`retryable`). */
  onRetry?: () => void
  /** Offered as "Edit and retry" when the job failed or expired: take the user back to the form. */
  onEdit?: () => void
  /**
   * Tick the elapsed time (and the bar) each second, re-rendering the caller (default true).
   * `false`: the elapsed values are as of the last status change; render `useJobClock` in a
   * child for the ticking ones, so the per-second update touches only that child.
   */
  tick?: boolean
}

/**
 * Props for the element holding the phase: a polite live region, so phase changes are announced,
 * and focusable from script (`tabIndex` -1), so "Keep watching" can hand focus to it as it goes.
 */
export interface JobProgressStatusProps {
  ref: (element: HTMLElement | null) => void
  role: 'status'
  /** `labels.region`, so a page with several live regions can tell this one ("Job progress"). */
  'aria-label': string
  'aria-live': 'polite'
  'aria-atomic': true
  tabIndex: -1
}

/** What {@link useJobProgress} returns: state, texts and prop getters for each part. */
export interface UseJobProgressResult {
  state: JobProgressState
  /** The job's phase, `null` before the first answer. */
  phase: JobPhase | null
  /** The underlying watch, for anything not covered here. */
  status: UseJobStatusResult
  /** The label of `state`: what the live region says. */
  stateText: string
  /** The error's message for `failed`, `expired`, `timeout` and `error`. */
  message: string | undefined
  /**
   * Time since the job was submitted; 0 until the component has mounted (and in server
   * rendering), since the clock differs between server and browser and would break hydration.
   */
  elapsedMs: number
  /** `labels.elapsed` applied to the elapsed clock, `''` until mounted; keep it outside the live region. */
  elapsedText: string
  /** The documented generation time for this input, when the model publishes one. */
  estimate: GenerationEstimate | undefined
  /** Whether a progress bar belongs on screen in this state. */
  showProgress: boolean
  /** 0–100, or `undefined` when there is no basis for an estimate. */
  percent: number | undefined
  /** What the bar says: the estimated percentage, or why there is none. */
  progressText: string
  /** Whether "Keep watching" can do something now. */
  canKeepWatching: boolean
  /** Whether "Try again" belongs on screen: an `onRetry`, and a failure whose error is `retryable`. */
  canRetry: boolean
  /** Whether "Edit and retry" belongs on screen: an `onEdit`, and a failed or expired job. */
  canEdit: boolean
  keepWatching: () => void
  stop: () => void
  labels: JobProgressLabels
  /** Each getter merges the caller's `props` over its own (see {@link PartProps}): handlers chained, classes joined. */
  getRootProps: (props?: PartProps<'div'>) => PartProps<'div'> & { 'data-state': JobProgressState; 'data-phase'?: JobPhase }
  getStatusProps: (props?: PartProps<'div'>) => PartProps<'div'> & JobProgressStatusProps
  getProgressBarProps: (props?: PartProps<'div'>) => PartProps<'div'> & JobProgressBarProps
  /** "Keep watching": watches again and moves focus to the status, since the button then goes away. */
  getKeepWatchingButtonProps: (
    props?: PartProps<'button'>,
  ) => PartProps<'button'> & { type: 'button'; onClick: (event: MouseEvent<HTMLButtonElement>) => void }
  /** "Try again": calls `onRetry`. */
  getRetryButtonProps: (props?: PartProps<'button'>) => PartProps<'button'> & { type: 'button'; onClick: (event: MouseEvent<HTMLButtonElement>) => void }
  /** "Edit and retry": calls `onEdit` (which should move focus to the form). */
  getEditButtonProps: (props?: PartProps<'button'>) => PartProps<'button'> & { type: 'button'; onClick: (event: MouseEvent<HTMLButtonElement>) => void }
}

/**
 * Headless progress of one job: its phase for a polite live region, the elapsed time ticking
 * each second while it runs, and a bar estimated from the model's documented generation time
 * for the given input (indeterminate when the model documents none, e.g. Segmind's).
 */
export function useJobProgress(job: JobRef | null | undefined, options: UseJobProgressOptions = {}): UseJobProgressResult {
  const { input, deadline, onRetry, onEdit } = options
  const status = useJobStatus(job, deadline === undefined ? {} : { deadline })
  const labels = useMemo(() => ({ ...defaultJobProgressLabels, ...options.labels }), [options.labels])
  const estimate = useMemo(() => {
    const read = job && readJobInput(job.model, input)
    const range = read?.facts.generationSec?.(read.values)
    return range && { minSec: range.min, maxSec: range.max }
  }, [job, input])
  const { phase, error, keepWatching, stop } = status
  const state: JobProgressState =
    job == null
      ? 'idle'
      : status.isTerminal
        ? // A finished job has answered, so it has a phase.
          (phase as JobPhase)
        : status.isWatching
          ? // While still watching, an error is a blip the poller retries: the phase stands.
            (phase ?? 'pending')
          : error === null
            ? 'stopped'
            : error.kind === 'timeout'
              ? 'timeout'
              : 'error'

  // Watching means in progress: `pending`, `queued` or `running` (the state above); `isWatching` is
  // false once the job has finished. With `tick: false` the hook does not tick: the caller puts
  // the clock in a child of its own (`useJobClock`), as JobProgress does.
  const inProgress = status.isWatching
  const { elapsedMs, elapsedText, percent, progressText, getProgressBarProps } = useJobClock(job, {
    succeeded: state === 'succeeded',
    running: inProgress && options.tick !== false,
    elapsedMs: status.elapsedMs,
    estimate,
    labels,
  })

  const finishedBadly = state === 'failed' || state === 'expired'
  const statusRef = useRef<HTMLElement | null>(null)
  const setStatusElement = useCallback((element: HTMLElement | null) => {
    statusRef.current = element
  }, [])

  return {
    state,
    phase,
    status,
    stateText: labels[state],
    // The error speaks for the states it explains; while in progress it is a blip being retried.
    message:
      state === 'expired'
        ? (error?.message ?? labels.expiredMessage)
        : state === 'failed' || state === 'timeout' || state === 'error'
          ? error?.message
          : undefined,
    elapsedMs,
    elapsedText,
    estimate,
    showProgress: inProgress || state === 'succeeded',
    percent,
    progressText,
    canKeepWatching: status.canKeepWatching,
    canRetry: onRetry !== undefined && finishedBadly && error?.retryable === true,
    canEdit: onEdit !== undefined && finishedBadly,
    keepWatching,
    stop,
    labels,
    getRootProps: getter({ 'data-state': state, ...(phase !== null && { 'data-phase': phase }) }),
    getStatusProps: getter({
      ref: setStatusElement,
      role: 'status',
      'aria-label': labels.region,
      'aria-live': 'polite',
      'aria-atomic': true,
      tabIndex: -1,
    } as const),
    getProgressBarProps,
    getKeepWatchingButtonProps: getter({
      type: 'button',
      // The button unmounts once watching resumes; focus would fall to <body>, so it goes to the
      // status, which then announces the outcome.
      onClick: () => {
        keepWatching()
        statusRef.current?.focus()
      },
    } as const),
    getRetryButtonProps: getter({ type: 'button', onClick: () => onRetry?.() } as const),
    getEditButtonProps: getter({ type: 'button', onClick: () => onEdit?.() } as const),
  }
}
