'use client'
import { useMemo, useSyncExternalStore } from 'react'
import type { JobRef } from '../core/job'
import { emptyStoredJobs } from '../core/job-store'
import { useLtxContext } from './ltx-context'

/** What {@link useJobHistory} returns. */
export interface UseJobHistoryResult {
  /** Jobs submitted under this key, newest first (empty while rendering on the server). */
  jobs: readonly JobRef[]
  /** The job being watched under this key, if any. */
  active: JobRef | null
  /** Remove one job from the list (it keeps running upstream); pass the job to tell apart equal ids of two providers. */
  forget: (job: string | Pick<JobRef, 'id' | 'provider'>) => void
  /** Remove every stored job under this key. */
  clear: () => void
}

/** The jobs stored under `persistKey` by useVideoJob, kept across reloads (localStorage by default). */
export function useJobHistory(persistKey: string): UseJobHistoryResult {
  const { store } = useLtxContext()
  const stored = useSyncExternalStore(
    store.subscribe,
    () => store.get(persistKey),
    () => emptyStoredJobs,
  )
  const actions = useMemo(
    () => ({
      forget: (job: string | Pick<JobRef, 'id' | 'provider'>) => store.forget(persistKey, job),
      clear: () => store.clear(persistKey),
    }),
    [store, persistKey],
  )
  return { jobs: stored.history, active: stored.active, ...actions }
}
