import { jobRefSchema, type JobRef, type RetakeHandoff } from 'ltx-react'

// What the demo keeps beside ltx-react's own job store (which holds only the JobRef): the
// input each job was sent with (for the time estimate and the result's details after a
// reload), and the retake under way, so a reload in the middle of either picks it up again.

const INPUTS_KEY = 'ltx-demo:inputs'
const RETAKE_KEY = 'ltx-demo:retake'
const MODEL_KEY = 'ltx-demo:model'
const MAX_INPUTS = 20

function read(key: string): unknown {
  try {
    const text = localStorage.getItem(key)
    return text === null ? undefined : (JSON.parse(text) as unknown)
  } catch {
    return undefined
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key)
    else localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Private mode or a full quota: the demo still works, it just forgets on reload.
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function loadInput(jobId: string | undefined): unknown {
  if (jobId === undefined) return undefined
  const all = read(INPUTS_KEY)
  return isRecord(all) ? all[jobId] : undefined
}

export function saveInput(jobId: string, input: unknown): void {
  const all = read(INPUTS_KEY)
  const entries = Object.entries(isRecord(all) ? all : {}).filter(([id]) => id !== jobId)
  write(INPUTS_KEY, Object.fromEntries([...entries.slice(-(MAX_INPUTS - 1)), [jobId, input]]))
}

export function loadModel(): string | undefined {
  const value = read(MODEL_KEY)
  return typeof value === 'string' ? value : undefined
}

export function saveModel(model: string): void {
  write(MODEL_KEY, model)
}

/** A retake in progress: the video it edits, the job, and what it was sent with. */
export interface SavedRetake {
  /** The id of the job whose video is retaken. */
  readonly sourceJobId: string
  readonly source: RetakeHandoff
  readonly job: JobRef | null
  readonly input: unknown
}

function readJob(value: unknown): JobRef | null {
  const parsed = jobRefSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}

export function loadRetake(sourceJobId: string): SavedRetake | undefined {
  const value = read(RETAKE_KEY)
  if (!isRecord(value) || value.sourceJobId !== sourceJobId || !isRecord(value.source)) return undefined
  const { url, durationSec } = value.source
  if (typeof url !== 'string' || typeof durationSec !== 'number') return undefined
  return { sourceJobId, source: { url, durationSec }, job: readJob(value.job), input: value.input }
}

export function saveRetake(retake: SavedRetake | undefined): void {
  write(RETAKE_KEY, retake)
}
