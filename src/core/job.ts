import { z } from 'zod'
import type { LtxError } from '../models/ltx-error'
import { isModelId, type ModelId } from '../models/model-catalog'
import { PROVIDERS, type Provider } from '../models/provider'

/** Where a job stands, the same five words for every provider. */
export type JobPhase = 'queued' | 'running' | 'succeeded' | 'failed' | 'expired'

/** Every {@link JobPhase}, in the order a job moves through them. */
export const jobPhases = ['queued', 'running', 'succeeded', 'failed', 'expired'] as const satisfies readonly JobPhase[]

/** True when a job in `phase` will never change again, so watching it can stop. */
export function isTerminalPhase(phase: JobPhase): boolean {
  // Only queued and running jobs still move; every other phase is an end state.
  return phase !== 'queued' && phase !== 'running'
}

/** A submitted job as plain JSON: store it (e.g. in `localStorage`) and resume watching later. */
export interface JobRef {
  /** The provider's id: Segmind's `request_id` or APIXO's `taskId`. */
  readonly id: string
  readonly model: ModelId
  readonly provider: Provider
  /** When the submit was answered, in Unix milliseconds. */
  readonly submittedAt: number
  /** For a retake: the video it edits and the segment, so a UI can show lineage. */
  readonly parent?: JobParent | undefined
}

/** Where a retake job came from: the source video, the segment regenerated, and the source's job. */
export interface JobParent {
  readonly videoUrl: string
  /** Segment start, in seconds. */
  readonly start: number
  /** Segment length, in seconds. */
  readonly duration: number
  /** The job that made the source video, when it came from one. */
  readonly job?: { readonly id: string; readonly provider: Provider; readonly model: ModelId } | undefined
}

// Pieces used both for the job and for a retake's parent job.
const nonEmpty = z.string().min(1)
const provider = z.enum(PROVIDERS)
const modelId = z.custom<ModelId>(isModelId, { error: 'Unknown model id.' })
const nonnegative = z.number().nonnegative()

/** Validates a stored {@link JobRef}, e.g. one read back from `localStorage` before resuming. */
export const jobRefSchema = z.strictObject({
  id: nonEmpty,
  model: modelId,
  provider,
  submittedAt: nonnegative,
  parent: z
    .strictObject({
      videoUrl: nonEmpty,
      start: nonnegative,
      duration: z.number().positive(),
      job: z.strictObject({ id: nonEmpty, provider, model: modelId }).optional(),
    })
    .optional(),
})

/** The finished video: the first URL to play, and every URL the provider returned. */
export interface JobOutput {
  readonly videoUrl: string
  readonly urls: readonly string[]
}

/** Provider timings, in Unix milliseconds (`createdAt`, `completedAt`) and milliseconds (`durationMs`). */
export interface JobTimings {
  readonly createdAt?: number
  readonly completedAt?: number
  readonly durationMs?: number
}

/** Billing and timing figures exactly as the provider reports them (Segmind's `metrics`). */
export interface JobMetrics {
  readonly cost?: number
  readonly remainingCredits?: number
  readonly queueTime?: number
  readonly inferenceTime?: number
  readonly totalTime?: number
  readonly retryCount?: number
}

/** One look at a job, in the same shape for every provider. */
export interface JobSnapshot {
  readonly job: JobRef
  readonly phase: JobPhase
  /** The provider's own word for the state (`PROCESSING`, `pending`, …), for logs and support. */
  readonly providerStatus: string
  /** Present exactly when `phase` is `succeeded`. */
  readonly output?: JobOutput
  /** Present when `phase` is `failed` (kind `generation-failed`) or `expired` (kind `expired`). */
  readonly error?: LtxError
  readonly timings?: JobTimings
  readonly metrics?: JobMetrics
  /** When this snapshot was taken, in Unix milliseconds. */
  readonly checkedAt: number
}
