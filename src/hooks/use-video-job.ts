'use client'
import { useCallback, useState } from 'react'
import type { JobRef } from '../core/job'
import type { LtxError } from '../core/ltx-error'
import { modelIdOf } from '../models/model-catalog'
import type { InputOf, ModelRef } from '../models/registry'
import { useLtxContext } from './ltx-context'
import { useJobHistory } from './use-job-history'
import { useJobStatus, type UseJobStatusOptions, type UseJobStatusResult } from './use-job-status'
import { useSubmitVideo } from './use-submit-video'

/** Options of {@link useVideoJob}. */
export interface UseVideoJobOptions<M extends ModelRef> extends Omit<UseJobStatusOptions, 'enabled'> {
  /** The model's definition (validates input in the browser) or its id (the proxy validates). */
  model: M
  /**
   * Keep the job's reference under this key (localStorage by default) and resume watching it
   * after a reload. Without it, the job lives as long as the component.
   */
  persistKey?: string
}

/** What {@link useVideoJob} returns: the job's status plus the submit controls. */
export interface UseVideoJobResult<Input> extends UseJobStatusResult {
  submit: (input: Input) => void
  submitAsync: (input: Input) => Promise<JobRef>
  /** The job being shown: just submitted, or resumed from storage. */
  job: JobRef | null
  isSubmitting: boolean
  /** A submit that did not create a job (validation, credits, rate limit…). */
  submitError: LtxError | null
  /** Clear the view for a new submit; the job stays in the history (useJobHistory). */
  reset: () => void
}

/** Submit to `model` and follow the job to its video, resumable after a reload with `persistKey`. */
export function useVideoJob<M extends ModelRef>({ model, persistKey, ...watch }: UseVideoJobOptions<M>): UseVideoJobResult<InputOf<M>> {
  const { store } = useLtxContext()
  const { active } = useJobHistory(persistKey ?? '')
  const [local, setLocal] = useState<JobRef | null>(null)
  const submitter = useSubmitVideo({
    model,
    onSubmitted: (job) => {
      // Shown from memory first, so a job is never lost from view if storage fails or is off.
      setLocal(job)
      if (persistKey !== undefined) store.add(persistKey, job)
    },
  })
  // A stored job resumes only under a persist key, and only for the model this hook submits to.
  const job = local ?? (persistKey !== undefined && active?.model === modelIdOf(model) ? active : null)
  const status = useJobStatus(job, watch)
  const { reset: resetSubmit } = submitter
  const reset = useCallback(() => {
    resetSubmit()
    setLocal(null)
    if (persistKey !== undefined) store.clearActive(persistKey)
  }, [resetSubmit, persistKey, store])
  // The submitter's fields first: the status's `error` (the job's) wins over the submit's, which
  // is `submitError` here; `job` and `reset` are this hook's own.
  return { ...submitter, ...status, job, submitError: submitter.error, reset }
}
