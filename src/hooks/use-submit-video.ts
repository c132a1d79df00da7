'use client'
import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query'
import { useCallback, useRef } from 'react'
import type { JobRef, JobSnapshot } from '../core/job'
import type { LtxError } from '../core/ltx-error'
import { modelIdOf, modelProviders } from '../models/model-catalog'
import type { IdOf, InputOf, ModelRef } from '../models/registry'
import { rememberJobInput } from './job-poller'
import { transportFor, useLtxContext } from './ltx-context'
import { ltxKeys } from './ltx-keys'
import { submitVideoOptions } from './submit-video-options'

/** Options of {@link useSubmitVideo}. */
export interface UseSubmitVideoOptions<M extends ModelRef> {
  /**
   * Which model to submit to; the input type follows it. Give its definition (`ltx2FastModel`)
   * to validate input in the browser before sending, or its id (`'ltx-2-fast'`) to leave that
   * to the proxy (a smaller bundle; the same `validation` error comes back after one request).
   */
  model: M
  /** Called once with the new job (store its reference: it is the only way back to the video). */
  onSubmitted?: (job: JobRef) => void
}

/** What {@link useSubmitVideo} returns. */
export interface UseSubmitVideoResult<Input> {
  /** Submit, fire-and-forget; errors land in `error`. A second call while one is in flight is ignored. */
  submit: (input: Input) => void
  /** Submit and await the job; a second call while one is in flight returns the same promise. */
  submitAsync: (input: Input) => Promise<JobRef>
  /** The submitted job, once the provider answered; `null` before (as in useVideoJob). */
  job: JobRef | null
  error: LtxError | null
  isSubmitting: boolean
  /** Forget the last submit's result and error (the job itself keeps running upstream). */
  reset: () => void
}

/** Put a just-submitted job in the cache so watchers start from "queued" without a request. */
export function seedSubmittedJob(client: ReturnType<typeof useQueryClient>, job: JobRef, input: unknown): void {
  rememberJobInput(client, job, input)
  client.setQueryData<JobSnapshot>(ltxKeys.job(job.provider, job.id), {
    job,
    phase: 'queued',
    providerStatus: 'submitted',
    checkedAt: job.submittedAt,
  } satisfies JobSnapshot)
}

/**
 * The submit mutation shared by useSubmitVideo and useRetake: the new job is seeded into the
 * cache and handed to `onSubmitted`, and a second call while one is in flight gets its promise.
 */
export function useSubmitMutation<Input>(
  options: UseMutationOptions<JobRef, LtxError, Input>,
  onSubmitted: ((job: JobRef) => void) | undefined,
): UseSubmitVideoResult<Input> {
  const client = useQueryClient()
  const mutation = useMutation({
    ...options,
    onSuccess: (job, input) => {
      seedSubmittedJob(client, job, input)
      onSubmitted?.(job)
    },
  })
  // mutateAsync is bound once by TanStack's observer, so the callbacks below are stable.
  const { mutateAsync } = mutation
  // A ref, not state: a double click or StrictMode's double effect arrives before React re-renders.
  // While a submit is in flight, every call gets its promise; no other write happens meanwhile,
  // so the promise that clears the ref is always the one in it.
  const inFlight = useRef<Promise<JobRef> | null>(null)
  const submitAsync = useCallback(
    (input: Input) =>
      (inFlight.current ??= mutateAsync(input).finally(() => {
        inFlight.current = null
      })),
    [mutateAsync],
  )
  const submit = useCallback(
    (input: Input) => {
      submitAsync(input).catch(() => undefined)
    },
    [submitAsync],
  )
  return { submit, submitAsync, job: mutation.data ?? null, error: mutation.error, isSubmitting: mutation.isPending, reset: mutation.reset }
}

/**
 * Submit one job to `model`, typed per model: a wrong field is a compile error, an invalid
 * value comes back as field issues without a request, and a second submit while one is in
 * flight is refused, so a double click makes exactly one billed job.
 */
export function useSubmitVideo<M extends ModelRef>({ model, onSubmitted }: UseSubmitVideoOptions<M>): UseSubmitVideoResult<InputOf<M>> {
  const transport = transportFor(useLtxContext(), modelProviders[modelIdOf(model) as IdOf<M>])
  return useSubmitMutation(submitVideoOptions(transport, model), onSubmitted)
}
