import type { Decorator } from '@storybook/react-vite'
import { QueryClient } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { LtxError, LtxProvider, type JobPhase, type JobRef, type JobSnapshot, type ModelId, type VideoTransport } from '../src/index'

/** Which provider hosts a model; APIXO has one. */
type Provider = JobRef['provider']

/**
 * Story-local stand-ins for fixed states: a transport whose `status()` always gives the same
 * answer, so a story shows one phase at once, with no clock to wait for. The live flows run on
 * the playground simulator instead.
 */
export type StatusAnswer = (job: JobRef) => JobSnapshot | Promise<JobSnapshot>

/** A transport that never submits and answers every status check with `answer(job)`. */
export function fixedTransport(provider: Provider, answer: StatusAnswer): VideoTransport {
  return {
    provider,
    submit: () => Promise.reject(new LtxError('validation', 'This story only watches a job; it never submits one.')),
    status: async (job) => answer(job),
  }
}

/** A status check that never answers: the job stays "Checking the job". */
export const neverAnswers: StatusAnswer = () => new Promise<JobSnapshot>(() => undefined)

/** A status check that fails with `error` (a non-retryable one stops the watch). */
export function failsWith(error: LtxError): StatusAnswer {
  return () => Promise.reject(error)
}

/** A snapshot of `job` in `phase`, as a transport would map it. */
export function snapshotOf(job: JobRef, phase: JobPhase, extra: Partial<JobSnapshot> = {}): JobSnapshot {
  return { job, phase, providerStatus: phase.toUpperCase(), checkedAt: Date.now(), ...extra }
}

/** Answer every check with `phase`. */
export function answersWith(phase: JobPhase, extra: Partial<JobSnapshot> = {}): StatusAnswer {
  return (job) => snapshotOf(job, phase, extra)
}

let jobCount = 0

/** A job submitted `secondsAgo` seconds ago, with an id of its own (so no two stories share a cache entry). */
export function jobSubmitted(model: ModelId, provider: Provider, secondsAgo = 0): JobRef {
  jobCount += 1
  const id = provider === 'segmind' ? `story-req-${jobCount}` : `story-task-${jobCount}`
  return { id, model, provider, submittedAt: Date.now() - secondsAgo * 1000 }
}

/** The URL of one of the simulator's sample clips (4 s, 320×180), as a finished job returns it. */
export function sampleVideoUrl(name: 'with-audio' | 'silent'): string {
  return new URL(`/api/ltx/sim/videos/${name}.mp4`, window.location.origin).href
}

/** A succeeded snapshot whose output is `videoUrl`. */
export function succeededWith(job: JobRef, videoUrl: string, extra: Partial<JobSnapshot> = {}): JobSnapshot {
  return snapshotOf(job, 'succeeded', { output: { videoUrl, urls: [videoUrl] }, ...extra })
}

/** A fresh QueryClient and an `LtxProvider` per mount, keeping nothing in localStorage. */
export function StoryLtx({ transports, children }: { transports: Partial<Record<Provider, VideoTransport>>; children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }))
  return (
    <LtxProvider queryClient={client} transports={transports} persist={false}>
      {children}
    </LtxProvider>
  )
}

/**
 * Watch one fixed-answer job: the job is made on mount (so "submitted 45 s ago" is measured
 * from when the story renders) and handed to `children`.
 */
export function FixedJob({
  model,
  provider,
  secondsAgo = 30,
  answer,
  children,
}: {
  model: ModelId
  provider: Provider
  secondsAgo?: number
  answer: StatusAnswer
  children: (job: JobRef) => ReactNode
}) {
  const [job] = useState(() => jobSubmitted(model, provider, secondsAgo))
  const [transports] = useState(() => ({ [provider]: fixedTransport(provider, answer) }))
  return <StoryLtx transports={transports}>{children(job)}</StoryLtx>
}

/**
 * Paint the canvas with the theme's own background and text colour, so a story reads the same
 * whether the tokens are light or dark (prefers-color-scheme), as it would on an app's page.
 */
export const themedCanvas: Decorator = (Story) => (
  <div style={{ background: 'var(--ltx-color-bg)', color: 'var(--ltx-color-fg)', padding: 16, borderRadius: 8 }}>
    <Story />
  </div>
)
