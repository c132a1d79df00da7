import { useJobProgress, type JobRef } from 'ltx-react'

// Headless: the hook gives state and prop getters (roles, ARIA, live region, focus); the
// markup and styling are your design system's. Your own handlers and classes merge in.
export function MyJobProgress({ job }: { job: JobRef | null }) {
  const progress = useJobProgress(job)
  return (
    <div {...progress.getRootProps({ className: 'my-card' })}>
      <p {...progress.getStatusProps({ className: 'my-title' })}>{progress.stateText}</p>
      {progress.showProgress && (
        <div {...progress.getProgressBarProps({ className: 'my-bar' })}>
          <div className="my-bar-fill" style={{ width: `${progress.percent ?? 100}%` }} />
        </div>
      )}
      <small>{progress.elapsedText}</small>
      {progress.message && <p role="alert">{progress.message}</p>}
      {progress.canKeepWatching && <button {...progress.getKeepWatchingButtonProps()}>Keep watching</button>}
    </div>
  )
}
