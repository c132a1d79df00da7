'use client'
import type { JobRef } from '../core/job'
import { partClasses } from './class-names'
import type { ButtonSlot } from './component-slots'
import { useJobProgress, type JobProgressLabels } from './use-job-progress'

/** Inner parts of {@link JobProgress} a design system can replace with its own. */
export interface JobProgressComponents {
  /** The "Keep watching" button. */
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
}

/**
 * A job's phase (announced politely on change), the elapsed time, an estimated progress bar,
 * the error's message when it failed or expired, and "Keep watching" after the watch deadline.
 */
export function JobProgress({ job, className, unstyled, components, ...options }: JobProgressProps) {
  const progress = useJobProgress(job, options)
  const Button = components?.Button ?? 'button'
  const part = partClasses(unstyled, 'ltx-job-progress', className)
  const { state, estimate, message, percent, labels } = progress

  return (
    <div {...progress.getRootProps({ className: part() })}>
      {/* Only the phase and its message live here: the ticking clock stays outside, so it is not read out every second. */}
      <div {...progress.getStatusProps({ className: part('status') })}>
        <span className={part('phase')}>{progress.stateText}</span>
        {message !== undefined && <span className={part('message')}>{message}</span>}
      </div>
      {progress.showProgress && (
        <div className={part('meter')}>
          <div {...progress.getProgressBarProps({ className: part('bar') })}>
            <div className={part('fill')} style={percent === undefined ? undefined : { width: `${percent}%` }} />
          </div>
          {/* The bar already speaks this text as aria-valuetext. */}
          <span className={part('estimate')} aria-hidden="true">
            {progress.progressText}
          </span>
        </div>
      )}
      {state !== 'idle' && (
        <div className={part('details')}>
          {/* Empty until mounted: the server's clock is not the browser's (see elapsedText). */}
          <span className={part('elapsed')}>{progress.elapsedText}</span>
          {/* The basis while the job is in progress (watched, so not yet finished). */}
          {progress.status.isWatching && estimate !== undefined && (
            <span className={part('basis')}>{labels.estimateBasis(estimate.minSec, estimate.maxSec)}</span>
          )}
        </div>
      )}
      {progress.canKeepWatching && (
        <Button {...progress.getKeepWatchingButtonProps({ className: part('button') })}>{labels.keepWatching}</Button>
      )}
    </div>
  )
}
