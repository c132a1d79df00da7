import type { ModelId } from '../models/model-catalog'
import type { Provider } from '../models/provider'
import type { SampleClip } from './sample-videos'
import { sampleClipFileName } from './sample-videos'
import { SEGMIND_RETENTION_MS } from './simulator-defaults'
import type { SimCallbackFault, SimFault, SimJobView, SimOutcome, SimPhase } from './simulator-types'

/** A simulated job, as the simulator keeps it. */
export interface SimJob {
  readonly id: string
  readonly provider: Provider
  readonly model: ModelId
  readonly input: unknown
  readonly createdAt: number
  queueMs: number
  runMs: number
  outcome: SimOutcome
  readonly clip: SampleClip
  readonly mount: string
  readonly requestType: 'async' | 'callback'
  readonly callbackUrl: string | undefined
  readonly statusFaults: SimFault[]
  readonly callbackFault: SimCallbackFault | undefined
  readonly remainingCredits: number
}

/** How long a provider keeps an ended job before it answers 404; undefined: for good. */
const RETENTION_MS = {
  segmind: SEGMIND_RETENTION_MS,
  apixo: undefined,
} as const satisfies Record<Provider, number | undefined>

/** Every job of a simulator, and what each looks like at a given time. */
export interface JobTable {
  get(id: string): SimJob | undefined
  all(): IterableIterator<SimJob>
  add(job: SimJob): void
  endsAt(job: SimJob): number
  phaseOf(job: SimJob, t: number): SimPhase
  outputUrl(job: SimJob): string
  view(job: SimJob): SimJobView
  /** End job `id` now (if it has not ended), with `outcome` when given. */
  finish(id: string, outcome: SimOutcome | undefined): void
}

/** A job table on clock `now`; output videos are served from `videoBaseUrl` or the job's mount. */
export function createJobTable(now: () => number, videoBaseUrl: string | undefined): JobTable {
  const jobs = new Map<string, SimJob>()
  const endsAt = (job: SimJob) => job.createdAt + job.queueMs + job.runMs
  const expiresAt = (job: SimJob) => {
    const retention = RETENTION_MS[job.provider]
    return retention === undefined ? undefined : endsAt(job) + retention
  }

  function phaseOf(job: SimJob, t: number): SimPhase {
    if (t < job.createdAt + job.queueMs) return 'queued'
    if (t < endsAt(job)) return 'running'
    const expiry = expiresAt(job)
    if (expiry !== undefined && t >= expiry) return 'expired'
    return job.outcome === 'success' ? 'succeeded' : 'failed'
  }

  const outputUrl = (job: SimJob) => `${videoBaseUrl ?? job.mount}/sim/videos/${sampleClipFileName(job.clip)}`

  return {
    get: (id) => jobs.get(id),
    all: () => jobs.values(),
    add: (job) => void jobs.set(job.id, job),
    endsAt,
    phaseOf,
    outputUrl,
    view: (job) => ({
      id: job.id,
      provider: job.provider,
      model: job.model,
      phase: phaseOf(job, now()),
      outcome: job.outcome,
      input: job.input,
      createdAt: job.createdAt,
      startedAt: job.createdAt + job.queueMs,
      endsAt: endsAt(job),
      expiresAt: expiresAt(job),
      video: job.clip.name,
      clip: job.clip,
      outputUrl: outputUrl(job),
      requestType: job.requestType,
      callbackUrl: job.callbackUrl,
    }),
    finish(id, outcome) {
      const job = jobs.get(id)
      if (job === undefined) throw new Error(`finish: no job with id "${id}".`)
      const t = now()
      if (t < endsAt(job)) {
        job.queueMs = Math.min(job.queueMs, t - job.createdAt)
        job.runMs = t - job.createdAt - job.queueMs
      }
      if (outcome !== undefined) job.outcome = outcome
    },
  }
}
