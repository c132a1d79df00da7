import type { LtxError } from '../models/ltx-error'
import { isModelId, type ModelId } from '../models/model-catalog'
import { isRecord } from '../models/is-record'
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

// Read by hand, not with a schema: the transports, the job store and the hooks check every
// reference, and a schema library would be paid for by every app (issue 17). `jobRefSchema`
// (./job-ref-schema) says the same in zod for apps that want one; a test holds the two alike.
const JOB_KEYS = ['id', 'model', 'provider', 'submittedAt', 'parent']
const PARENT_KEYS = ['videoUrl', 'start', 'duration', 'job']
const PARENT_JOB_KEYS = ['id', 'provider', 'model']

const isNonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== ''
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
const isProvider = (value: unknown): value is Provider => PROVIDERS.some((name) => name === value)
// An object holding only these keys (own enumerable ones, as JSON has).
const isRecordOf = (value: unknown, keys: readonly string[]): value is Record<string, unknown> =>
  isRecord(value) && Object.keys(value).every((key) => keys.includes(key))

function isParentJob(value: unknown): boolean {
  if (value === undefined) return true
  return isRecordOf(value, PARENT_JOB_KEYS) && isNonEmpty(value['id']) && isProvider(value['provider']) && isModelId(value['model'])
}

function isParent(value: unknown): boolean {
  if (value === undefined) return true
  if (!isRecordOf(value, PARENT_KEYS)) return false
  const { videoUrl, start, duration, job } = value
  return isNonEmpty(videoUrl) && isNumber(start) && start >= 0 && isNumber(duration) && duration > 0 && isParentJob(job)
}

// For code that imports the schema from here: it lives in its own module, which only the code
// that uses it pays for (zod with it).
export { jobRefSchema } from './job-ref-schema'

/**
 * `value` as a {@link JobRef} (a copy), or undefined when it is not one, e.g. one read back from
 * `localStorage` before resuming. Keys it does not know make it no JobRef, unless `extraKeys` is
 * `keep` (a reference written by a newer release): then they are kept, as the parent's never are.
 */
export function readJobRef(value: unknown, extraKeys: 'refuse' | 'keep' = 'refuse'): JobRef | undefined {
  if (!isRecord(value) || (extraKeys === 'refuse' && !isRecordOf(value, JOB_KEYS))) return undefined
  const { id, model, provider, submittedAt, parent } = value
  const valid = isNonEmpty(id) && isModelId(model) && isProvider(provider) && isNumber(submittedAt) && submittedAt >= 0 && isParent(parent)
  if (!valid) return undefined
  // A copy, as a schema's parse gives: the caller may change its object without changing a snapshot.
  if (!isRecord(parent)) return { ...value } as unknown as JobRef
  const job = parent['job']
  return { ...value, parent: isRecord(job) ? { ...parent, job: { ...job } } : { ...parent } } as unknown as JobRef
}

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
