import { queryOptions, skipToken } from '@tanstack/react-query'
import { isTerminalPhase, type JobRef, type JobSnapshot } from '../core/job'
import type { LtxError } from '../models/ltx-error'
import type { PollStopReason } from '../core/polling-policy'
import type { VideoTransport } from '../transport/video-transport'
import { ltxKeys } from './ltx-keys'

// Results expire upstream after an hour (Segmind); keep what we know as long as that.
const HOUR = 60 * 60 * 1000

function fingerprint(snapshot: JobSnapshot): string {
  const { checkedAt: _checkedAt, error, metrics, timings, ...rest } = snapshot
  // While a job runs, its timing metrics tick up on every answer; they are news only once it ends.
  return JSON.stringify([rest, isTerminalPhase(snapshot.phase) && [metrics, timings], error && [error.kind, error.message, error.failCode]])
}

/**
 * Keep the previous snapshot when a new answer says nothing new (the same phase and status;
 * only `checkedAt` or a running job's timing metrics moved), so a poll that finds the job
 * still running re-renders no watcher.
 */
function shareSnapshot(previous: unknown, next: unknown): unknown {
  return previous !== undefined && fingerprint(previous as JobSnapshot) === fingerprint(next as JobSnapshot) ? previous : next
}

/**
 * Query options for one job's status, for `useQuery`, `prefetchQuery` or `getQueryData` with
 * full types. Status never goes stale by time: the job poller decides when to ask again, so
 * mounting another watcher never adds a request.
 */
export function jobStatusOptions(transport: VideoTransport, job: JobRef) {
  return queryOptions<JobSnapshot, LtxError, JobSnapshot, ReturnType<typeof ltxKeys.job>>({
    queryKey: ltxKeys.job(job.provider, job.id),
    queryFn: ({ signal }) => transport.status(job, { signal }),
    staleTime: Infinity,
    gcTime: HOUR,
    retry: false,
    refetchOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retryOnMount: false,
    structuralSharing: shareSnapshot,
  })
}

/**
 * Why watching a job stopped before it finished: the deadline, an error repeating cannot fix, or
 * a run of failed checks (`paused`). In each case the job may still be running: keep watching.
 */
export interface WatchState {
  readonly stopped: Exclude<PollStopReason, 'terminal'>
  readonly error: LtxError
}

/** Query options for a job's watch state, written by the poller and read by every watcher. */
export function watchStateOptions(job: Pick<JobRef, 'provider' | 'id'>) {
  return queryOptions<WatchState | null, LtxError, WatchState | null, ReturnType<typeof ltxKeys.watch>>({
    queryKey: ltxKeys.watch(job.provider, job.id),
    queryFn: skipToken,
    staleTime: Infinity,
    gcTime: HOUR,
  })
}
