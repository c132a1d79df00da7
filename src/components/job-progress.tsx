'use client'
import type { JobRef } from '../core/job'
import { partClasses } from './part-classes'
import type { ButtonSlot } from './component-slots'
import { useJobClock } from './use-job-clock'
import { useJobProgress, type JobProgressLabels, type UseJobProgressResult } from './use-job-progress'
import { visuallyHidden } from './visually-hidden'

/** Inner parts of {@link JobProgress} a design system can replace with its own. */
export interface JobProgressComponents {
  /** The "Keep watching", "Try again" and "Edit and retry" buttons. */
  Button: ButtonSlot
}

/** Props of {@link JobProgress}. */
export interface JobProgressProps {
  /** The job to follow; nothing is watched while it is `null`. */
  job: JobRef | null | undefined
  /** The input the job was submitted with, for the time estimate. */
  input?: unknown
  /** Stop watching after this many milliseconds (default 15 minutes). */
  deadline?: number
  className?: string
  /** Drop the `ltx-` classes (keeping structure, roles and `data-*`), to style from scratch. */
  unstyled?: boolean
  labels?: Partial<JobProgressLabels>
  components?: Partial<JobProgressComponents>
  /**
   * Show "No video requested" while there is no job. By default nothing shows until there is
   * one: only an empty, visually hidden status region is there, so the first phase is announced.
   */
  placeholder?: boolean
  /** Offer "Try again" after a failure whose error is `retryable`. */
  onRetry?: () => void
  /** Offer "Edit and retry" after a failure: take the user back to the form. */
  onEdit?: () => void
}

/** The bar and the elapsed time of a job in progress, ticking each second while it runs. */
function JobProgressClock({ job, progress, part, basis }: { job: JobRef | null | undefined; progress: UseJobProgressResult; part: (element?: string) => string | undefined; basis: string | undefined }) {
  const clock = useJobClock(job, {
    succeeded: progress.state === 'succeeded',
    running: progress.status.isWatching,
    elapsedMs: progress.status.elapsedMs,
    estimate: progress.estimate,
    labels: progress.labels,
  })
  const { percent } = clock
  return (
    <>
      {progress.showProgress && (
        <div className={part('meter')}>
          <div {...clock.getProgressBarProps({ className: part('bar') })}>
            <div className={part('fill')} style={percent === undefined ? undefined : { width: `${percent}%` }} />
          </div>
          {/* The bar already speaks this text as aria-valuetext. */}
          <span className={part('estimate')} aria-hidden="true">
            {clock.progressText}
          </span>
        </div>
      )}
      <div className={part('details')}>
        {/* Empty until mounted: the server's clock is not the browser's (see elapsedText). */}
        <span className={part('elapsed')}>{clock.elapsedText}</span>
        {/* The basis while the job is in progress (watched, so not yet finished). */}
        {basis !== undefined && <span className={part('basis')}>{basis}</span>}
      </div>
    </>
  )
}

/**
 * A job's phase (announced politely on change), the elapsed time, an estimated progress bar,
 * the error's message when it failed or expired, "Keep watching" after the watch deadline, and
 * "Try again" / "Edit and retry" after a failure when the app offers them. Nothing shows until
 * there is a job (unless `placeholder`).
 */
export function JobProgress({ job, className, unstyled, components, placeholder, ...options }: JobProgressProps) {
  const progress = useJobProgress(job, { ...options, tick: false })
  const Button = components?.Button ?? 'button'
  const part = partClasses(unstyled, 'ltx-job-progress', className)
  const { state, estimate, message, labels } = progress

  if (state === 'idle' && placeholder !== true) {
    return (
      <div {...progress.getRootProps({ style: visuallyHidden })}>
        <div {...progress.getStatusProps()} />
      </div>
    )
  }
  return (
    <div {...progress.getRootProps({ className: part() })}>
      {/* Only the phase and its message live here: the ticking clock stays outside, so it is not read out every second. */}
      <div {...progress.getStatusProps({ className: part('status') })}>
        <span className={part('phase')}>{progress.stateText}</span>
        {message !== undefined && <span className={part('message')}>{message}</span>}
      </div>
      {/* The ticking parts are a child of their own: each second re-renders only them, never the phase, the live region or the buttons. */}
      {state !== 'idle' && (
        <JobProgressClock
          job={job}
          progress={progress}
          part={part}
          basis={progress.status.isWatching && estimate !== undefined ? labels.estimateBasis(estimate.minSec, estimate.maxSec) : undefined}
        />
      )}
      {(progress.canKeepWatching || progress.canRetry || progress.canEdit) && (
        <div className={part('actions')}>
          {progress.canKeepWatching && (
            <Button {...progress.getKeepWatchingButtonProps({ className: part('button'), 'data-action': 'keep-watching' })}>{labels.keepWatching}</Button>
          )}
          {progress.canRetry && <Button {...progress.getRetryButtonProps({ className: part('button'), 'data-action': 'retry' })}>{labels.tryAgain}</Button>}
          {progress.canEdit && <Button {...progress.getEditButtonProps({ className: part('button'), 'data-action': 'edit' })}>{labels.edit}</Button>}
        </div>
      )}
    </div>
  )
}
