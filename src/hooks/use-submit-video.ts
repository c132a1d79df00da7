'use client'
import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { JobRef, JobSnapshot } from '../core/job'
import { WHERE_JOB_IS } from '../providers/error-from-response'
import { LtxError } from '../models/ltx-error'
import { modelIdOf, providerOf } from '../models/model-catalog'
import type { IdOf, InputOf, ModelRef } from '../models/registry'
import { rememberJobInput } from './job-poller'
import { transportFor, useLtxContext } from './ltx-context'
import { ltxKeys } from './ltx-keys'
import { submitVideoOptions } from './submit-video-options'
import { intentSlot, withIntent } from './submit-intent'

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

/** Options of one submit call. */
export interface SubmitOptions {
  /**
   * Send it even though the last submit failed in a way that may have created (and billed) a job
   * (`error.jobMayExist`: a timeout, a lost connection, a 5xx or an unreadable reply). Without
   * it such a submit is refused, unsent, with an `LtxError` whose `needsConfirmation` is
   * `'confirmResubmit'`: ask the user first, since the job may already exist.
   */
  confirmResubmit?: boolean
}

/** What {@link useSubmitVideo} returns. */
export interface UseSubmitVideoResult<Input, Options extends SubmitOptions = SubmitOptions> {
  /**
   * Submit, fire-and-forget; errors land in `error`. A second call while one is in flight is
   * ignored; after a submit that may have made a job, one without `confirmResubmit` is refused.
   */
  submit: (input: Input, options?: Options) => void
  /** Submit and await the job; a second call while one is in flight returns the same promise. */
  submitAsync: (input: Input, options?: Options) => Promise<JobRef>
  /** The submitted job, once the provider answered; `null` before (as in useVideoJob). */
  job: JobRef | null
  error: LtxError | null
  isSubmitting: boolean
  /**
   * Forget the last submit's result and error (the job itself keeps running upstream). A job that
   * may exist from a failed submit is not forgotten: the next submit still needs `confirmResubmit`.
   */
  reset: () => void
}

/** The refusal of a second plain submit after `error`, which may have created a job. */
function resubmitRefusal(error: LtxError | undefined): LtxError {
  return new LtxError('validation', `Not sent: the last submit may have created (and billed) a job already. ${WHERE_JOB_IS} Confirm to submit again anyway.`, {
    retryable: false,
    needsConfirmation: 'confirmResubmit',
    cause: error,
  })
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
 * The submit mutation shared by useSubmitVideo, useRetake and useVideoJob: the new job is seeded
 * into the cache and handed to `onSubmitted`, a second call while one is in flight gets its
 * promise, and after a submit that may have made a job a plain one is refused (so is one that
 * `refuse`, checked first, refuses). A change of the provider's job store (another user's scope)
 * forgets all of it. With a `slot`, the intent pending there (see `withIntent`) also counts after a
 * reload: one whose last try may have made a job refuses a plain submit too.
 */
export function useSubmitMutation<Input, Options extends SubmitOptions = SubmitOptions>(
  options: UseMutationOptions<JobRef, LtxError, Input>,
  onSubmitted: ((job: JobRef) => void) | undefined,
  refuse?: (options: Options) => LtxError | undefined,
  slot?: string,
): UseSubmitVideoResult<Input, Options> {
  const client = useQueryClient()
  const { store } = useLtxContext()
  // Refs, not state: read by submitAsync, which a double click calls before React re-renders.
  // `mayExist` holds the last submit's error while its job may exist, until one is confirmed.
  const mayExist = useRef<LtxError | null>(null)
  const refuseRef = useRef(refuse)
  refuseRef.current = refuse
  const [refusal, setRefusal] = useState<LtxError | null>(null)
  const mutation = useMutation({
    ...options,
    onSuccess: (job, input) => {
      mayExist.current = null
      seedSubmittedJob(client, job, input)
      onSubmitted?.(job)
    },
    onError: (error) => {
      if (error instanceof LtxError && error.jobMayExist) mayExist.current = error
    },
  })
  // mutateAsync and reset are bound once by TanStack's observer, so the callbacks below are stable.
  const { mutateAsync, reset: resetMutation } = mutation
  // While a submit is in flight, every call gets its promise; no other write happens meanwhile,
  // so the promise that clears the ref is always the one in it.
  const inFlight = useRef<Promise<JobRef> | null>(null)
  const submitAsync = useCallback(
    (input: Input, callOptions = {} as Options) => {
      if (inFlight.current) return inFlight.current
      // A reload forgets the ref, not the stored intent of a submit that may have made a job.
      const mayHaveMade = mayExist.current !== null || (slot !== undefined && store.get(slot).pending?.mayExist === true)
      const refused =
        refuseRef.current?.(callOptions) ??
        (mayHaveMade && !callOptions.confirmResubmit ? resubmitRefusal(mayExist.current ?? undefined) : undefined)
      setRefusal(refused ?? null)
      if (refused) return Promise.reject(refused)
      return (inFlight.current = mutateAsync(input).finally(() => {
        inFlight.current = null
      }))
    },
    [mutateAsync, store, slot],
  )
  const submit = useCallback(
    (input: Input, callOptions?: Options) => {
      submitAsync(input, callOptions).catch(() => undefined)
    },
    [submitAsync],
  )
  const reset = useCallback(() => {
    setRefusal(null)
    resetMutation()
  }, [resetMutation])
  // Another scope is another person: nothing of the last one's submit is shown or held against them.
  const storeSeen = useRef(store)
  useEffect(() => {
    if (storeSeen.current === store) return
    storeSeen.current = store
    mayExist.current = null
    reset()
  }, [store, reset])
  return {
    submit,
    submitAsync,
    job: mutation.data ?? null,
    error: refusal ?? mutation.error,
    isSubmitting: mutation.isPending,
    reset,
  }
}

/**
 * Submit one job to `model`, typed per model: a wrong field is a compile error, an invalid
 * value comes back as field issues without a request, a second submit while one is in flight
 * is refused, so a double click makes exactly one billed job, and after a submit that may have
 * made a job (a timeout, say) the next needs `{ confirmResubmit: true }`.
 */
export function useSubmitVideo<M extends ModelRef>({ model, onSubmitted }: UseSubmitVideoOptions<M>): UseSubmitVideoResult<InputOf<M>> {
  const context = useLtxContext()
  const id = modelIdOf(model) as IdOf<M>
  const slot = intentSlot(undefined, id)
  return useSubmitMutation(submitVideoOptions(withIntent(transportFor(context, providerOf(id)), context.store, slot), model), onSubmitted, undefined, slot)
}
