'use client'
import { useCallback, useRef, useState } from 'react'
import type { JobRef } from '../core/job'
import { LtxError } from '../models/ltx-error'
import { modelIdOf, providerOf } from '../models/model-catalog'
import type { IdOf, InputOf, ModelRef } from '../models/registry'
import type { JobStore } from '../core/job-store'
import { transportFor, useLtxContext } from './ltx-context'
import { submitVideoOptions } from './submit-video-options'
import { useJobHistory } from './use-job-history'
import { useJobStatus, type UseJobStatusOptions, type UseJobStatusResult } from './use-job-status'
import { useSubmitMutation, type SubmitOptions } from './use-submit-video'
import { intentSlot, withIntent } from './submit-intent'

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

/** Options of one {@link useVideoJob} submit. */
export interface VideoJobSubmitOptions extends SubmitOptions {
  /**
   * Submit although the job shown has not finished. Without it such a submit is refused, unsent,
   * with an `LtxError` whose `needsConfirmation` is `'replace'`. The replaced job keeps running
   * upstream and is billed (the providers have no cancel); it stays in the history.
   */
  replace?: boolean
}

/** What {@link useVideoJob} returns: the job's status plus the submit controls. */
export interface UseVideoJobResult<Input> extends UseJobStatusResult {
  /** Submit, fire-and-forget; refused while the job shown still runs (see `replace`) or may exist (see `confirmResubmit`). */
  submit: (input: Input, options?: VideoJobSubmitOptions) => void
  submitAsync: (input: Input, options?: VideoJobSubmitOptions) => Promise<JobRef>
  /** The job being shown: just submitted, or resumed from storage. */
  job: JobRef | null
  isSubmitting: boolean
  /** A submit that did not create a job (validation, credits, rate limit…), or one the hook refused. */
  submitError: LtxError | null
  /** Clear the view for a new submit; the job stays in the history (useJobHistory). */
  reset: () => void
}

/** The refusal of a submit while `job` still runs. */
function replaceRefusal(job: JobRef): LtxError {
  return new LtxError(
    'validation',
    'Not sent: a video is still being made. Wait for it, or replace it (it keeps running and is billed).',
    { requestId: job.id, retryable: false, needsConfirmation: 'replace' },
  )
}

/**
 * Submit to `model` and follow the job to its video, resumable after a reload with `persistKey`.
 * One job at a time: a submit while the job shown has not finished needs `{ replace: true }`.
 */
export function useVideoJob<M extends ModelRef>({ model, persistKey, ...watch }: UseVideoJobOptions<M>): UseVideoJobResult<InputOf<M>> {
  const context = useLtxContext()
  const { store } = context
  const { active } = useJobHistory(persistKey ?? '')
  // Shown from memory first, so a job is never lost from view if storage fails or is off; kept
  // with its store, so another scope (another user) does not see it.
  const [local, setLocal] = useState<{ store: JobStore; job: JobRef } | null>(null)
  // A ref, not state: submitAsync reads it, and a click may come before React re-renders.
  const running = useRef<JobRef | null>(null)
  const id = modelIdOf(model) as IdOf<M>
  const slot = intentSlot(persistKey, id)
  const submitter = useSubmitMutation<InputOf<M>, VideoJobSubmitOptions>(
    submitVideoOptions(withIntent(transportFor(context, providerOf(id)), store, slot), model),
    (job) => {
      running.current = job
      setLocal({ store, job })
      if (persistKey !== undefined) store.add(persistKey, job)
    },
    ({ replace }) => (running.current && !replace ? replaceRefusal(running.current) : undefined),
    slot,
  )
  // A stored job resumes only under a persist key, and only for the model this hook submits to.
  const job =
    (local?.store === store ? local.job : null) ?? (persistKey !== undefined && active?.model === modelIdOf(model) ? active : null)
  const status = useJobStatus(job, watch)
  running.current = status.isTerminal ? null : job
  const { reset: resetSubmit } = submitter
  const reset = useCallback(() => {
    running.current = null
    resetSubmit()
    setLocal(null)
    if (persistKey !== undefined) store.clearActive(persistKey)
  }, [resetSubmit, persistKey, store])
  // The submitter's fields first: the status's `error` (the job's) wins over the submit's, which
  // is `submitError` here; `job` and `reset` are this hook's own.
  return { ...submitter, ...status, job, submitError: submitter.error, reset }
}
