'use client'
import { useEffect, useReducer, useSyncExternalStore } from 'react'
import type { JobRef } from '../core/job'
import { formatClock } from './format-time'
import { getter } from './merge-props'
import type { PartProps } from './component-slots'

/** The documented generation time of a job's input, in seconds. */
export interface GenerationEstimate {
  readonly minSec: number
  readonly maxSec: number
}

/** Props for the progress bar; no `aria-valuenow` while indeterminate. */
export interface JobProgressBarProps {
  role: 'progressbar'
  'aria-label': string
  'aria-valuemin': number
  'aria-valuemax': number
  'aria-valuenow'?: number
  'aria-valuetext': string
  'data-indeterminate'?: ''
}

/** The words of the clock and the bar (part of `JobProgressLabels`). */
export interface JobClockLabels {
  /** The elapsed time beside the bar; `time` is a clock such as `1:05`. */
  elapsed: (time: string) => string
  /** The accessible name of the progress bar. */
  progress: string
  /** The bar's value, which is only ever an estimate from the documented generation time. */
  estimate: (percent: number) => string
  /** The bar's text when the model documents no generation time. */
  noEstimate: string
  /** The bar's text once the documented longest time has passed. */
  overdue: string
  /** The bar's text once the video is ready. */
  complete: string
}

/** What the elapsed clock shows: the time, and the bar estimated from it. */
export interface JobClock {
  /** Time since the job was submitted; 0 until mounted (the server's clock is not the browser's). */
  readonly elapsedMs: number
  /** `labels.elapsed` applied to the clock, `''` until mounted. */
  readonly elapsedText: string
  /** 0–100, or `undefined` when there is no basis for an estimate. */
  readonly percent: number | undefined
  /** What the bar says: the estimated percentage, or why there is none. */
  readonly progressText: string
  /** The progress bar's props from this clock's value; merges the caller's `props` over its own. */
  readonly getProgressBarProps: (props?: PartProps<'div'>) => PartProps<'div'> & JobProgressBarProps
}

/** Options of {@link useJobClock}: what {@link useJobProgress} knows about the job. */
export interface UseJobClockOptions {
  /** Whether the video is ready (the bar then says so at 100%). */
  readonly succeeded: boolean
  /** Whether the job may still change: only then does the clock tick. */
  readonly running: boolean
  /** The elapsed time as of the last render of the job's status (final once it has finished). */
  readonly elapsedMs: number
  readonly estimate: GenerationEstimate | undefined
  readonly labels: JobClockLabels
}

const subscribeToNothing = () => () => {}

/** The bar for `elapsedMs` into a job in `state`: a percentage of the documented longest time, or why there is none. */
export function progressOf(succeeded: boolean, estimate: GenerationEstimate | undefined, elapsedMs: number, labels: JobClockLabels): Pick<JobClock, 'percent' | 'progressText'> {
  if (succeeded) return { percent: 100, progressText: labels.complete }
  if (estimate === undefined) return { percent: undefined, progressText: labels.noEstimate }
  // Past the documented longest time a percentage would be a guess dressed as a fact.
  if (elapsedMs > estimate.maxSec * 1000) return { percent: undefined, progressText: labels.overdue }
  // Measured against the longest documented time, so the bar never claims 100% early.
  const percent = Math.min(99, Math.floor((elapsedMs / (estimate.maxSec * 1000)) * 100))
  return { percent, progressText: labels.estimate(percent) }
}

/**
 * The elapsed clock of one job, ticking each second while `running`. Call it in a small child
 * of whatever shows the job (JobProgress does), so the tick re-renders only the clock and the
 * bar, never the phase, the live region or the buttons.
 */
export function useJobClock(job: JobRef | null | undefined, { succeeded, running, elapsedMs, estimate, labels }: UseJobClockOptions): JobClock {
  const [, tick] = useReducer((count: number) => count + 1, 0)
  useEffect(() => {
    if (!running) return
    const timer = setInterval(tick, 1000)
    return () => clearInterval(timer)
  }, [running])
  // Date.now() differs between the server's render and hydration: until mounted (false while
  // hydrating server HTML, and on the server), the clock reads 0 and its text is empty.
  const isClient = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  )
  const live = running && job != null ? Math.max(0, Date.now() - job.submittedAt) : elapsedMs
  const ms = isClient ? live : 0
  const { percent, progressText } = progressOf(succeeded, estimate, ms, labels)
  return {
    elapsedMs: ms,
    elapsedText: isClient ? labels.elapsed(formatClock(Math.floor(ms / 1000))) : '',
    percent,
    progressText,
    getProgressBarProps: getter<JobProgressBarProps>({
      role: 'progressbar',
      'aria-label': labels.progress,
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      ...(percent === undefined ? { 'data-indeterminate': '' } : { 'aria-valuenow': percent }),
      'aria-valuetext': progressText,
    }),
  }
}
