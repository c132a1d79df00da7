'use client'
import type { JobRef } from '../core/job'
import { classNames } from './class-names'
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
export function JobProgress({ job, input, deadline, className, unstyled, labels, components }: JobProgressProps) {
  const progress = useJobProgress(job, {
    ...(input === undefined ? {} : { input }),
    ...(deadline === undefined ? {} : { deadline }),
    ...(labels === undefined ? {} : { labels }),
  })
  const Button = components?.Button ?? 'button'
  const part = (name: string) => classNames(unstyled, `ltx-job-progress__${name}`)
  const { state, estimate } = progress
  const inProgress = state === 'pending' || state === 'queued' || state === 'running'

  return (
    <div {...progress.getRootProps({ className: classNames(unstyled, 'ltx-job-progress', className) })}>
      {/* Only the phase and its message live here: the ticking clock stays outside, so it is not read out every second. */}
      <div {...progress.getStatusProps({ className: part('status') })}>
        <span className={part('phase')}>{progress.stateText}</span>
        {progress.message === undefined ? null : <span className={part('message')}>{progress.message}</span>}
      </div>
      {progress.showProgress ? (
        <div className={part('meter')}>
          <div {...progress.getProgressBarProps({ className: part('bar') })}>
            <div
              className={part('fill')}
              style={progress.percent === undefined ? undefined : { width: `${progress.percent}%` }}
            />
          </div>
          {/* The bar already speaks this text as aria-valuetext. */}
          <span className={part('estimate')} aria-hidden="true">
            {progress.progressText}
          </span>
        </div>
      ) : null}
      {state === 'idle' ? null : (
        <div className={part('details')}>
          {/* Empty until mounted: the server's clock is not the browser's (see elapsedText). */}
          <span className={part('elapsed')}>{progress.elapsedText}</span>
          {inProgress && estimate !== undefined ? (
            <span className={part('basis')}>{progress.labels.estimateBasis(estimate.minSec, estimate.maxSec)}</span>
          ) : null}
        </div>
      )}
      {progress.canKeepWatching ? (
        <Button {...progress.getKeepWatchingButtonProps({ className: part('button') })}>
          {progress.labels.keepWatching}
        </Button>
      ) : null}
    </div>
  )
}
