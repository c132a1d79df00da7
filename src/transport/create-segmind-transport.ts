import { parseBodyDetail, upstreamMessage } from '../providers/error-from-response'
import { SEGMIND_ID_KEY, segmindNumber, segmindPaths } from '../providers/segmind'
import type { JobMetrics, JobRef, JobSnapshot } from '../core/job'
import { defined } from '../models/defined'
import { isRecord } from '../models/is-record'
import { LtxError } from '../models/ltx-error'
import { sendRequest, type Call, type Reply } from './send-request'
import { sendSubmit } from './send-submit'
import { expiredSnapshot, httpTransport, isVideoUrl, pathSegment, readReply, snapshot } from './http-transport'
import type { HttpTransportOptions, VideoTransport } from './video-transport'

/** Options of {@link createSegmindTransport}. */
export type SegmindTransportOptions = HttpTransportOptions

// The replies are read with plain checks, not schemas (issue 17): each reader returns the
// documented shape, or undefined for a reply that is not it (readReply makes that an LtxError).

const SEGMIND_STATES = ['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED'] as const
/** Segmind's request states (its docs: QUEUED, PROCESSING, COMPLETED, FAILED). */
export type SegmindState = (typeof SEGMIND_STATES)[number]

/** A Segmind request state in any case, upper-cased; undefined for anything else. */
export function readSegmindState(value: unknown): SegmindState | undefined {
  const upper = typeof value === 'string' ? value.toUpperCase() : undefined
  return SEGMIND_STATES.find((state) => state === upper)
}

// Metrics are a bonus: an odd one is dropped rather than failing the whole reply.
const readMetrics = (value: unknown): Record<string, unknown> | undefined => (isRecord(value) ? value : undefined)
const isOptionalText = (value: unknown): boolean => value === undefined || typeof value === 'string'

/** `POST /v2/{model}` → the ids of the new request. */
export function readSegmindSubmitReply(value: unknown): { readonly [SEGMIND_ID_KEY]: string } | undefined {
  if (!isRecord(value) || !isOptionalText(value['status_url']) || !isOptionalText(value['response_url'])) return undefined
  const id = value[SEGMIND_ID_KEY]
  return typeof id === 'string' && id !== '' ? { [SEGMIND_ID_KEY]: id } : undefined
}

/** What a status or result reply says; `output` (the result's) is the video URL or a list of them. */
export interface SegmindReply<State extends SegmindState | undefined> {
  readonly status: State
  readonly output?: unknown
  readonly metrics?: Record<string, unknown> | undefined
}

/** `GET /v2/requests/{id}/status` → a light body with the state. */
export function readSegmindStatusReply(value: unknown): SegmindReply<SegmindState> | undefined {
  const status = isRecord(value) ? readSegmindState(value['status']) : undefined
  return isRecord(value) && status !== undefined ? { status, metrics: readMetrics(value['metrics']) } : undefined
}

/** `GET /v2/requests/{id}` → the full result, its state optional. */
export function readSegmindResultReply(value: unknown): SegmindReply<SegmindState | undefined> | undefined {
  if (!isRecord(value)) return undefined
  const status = readSegmindState(value['status'])
  if (value['status'] !== undefined && status === undefined) return undefined
  return { status, output: value['output'], metrics: readMetrics(value['metrics']) }
}

// The video URL, or a non-empty list of them.
const readOutput = (value: unknown): string | string[] | undefined =>
  isVideoUrl(value) || (Array.isArray(value) && value.length > 0 && value.every(isVideoUrl)) ? value : undefined

// Our names for Segmind's metrics, which are the same in snake_case.
const METRICS = ['cost', 'remainingCredits', 'queueTime', 'inferenceTime', 'totalTime', 'retryCount']

// Results are kept upstream for an hour; a page rarely watches more than a handful of jobs.
const MAX_CACHED_RESULTS = 100

function toMetrics(raw: Record<string, unknown> = {}): JobMetrics | undefined {
  return defined(
    Object.fromEntries(METRICS.map((name) => [name, segmindNumber(raw[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)])])),
  )
}

function failed(job: JobRef, reply: Reply): JobSnapshot {
  const detail = parseBodyDetail(reply.body)
  // A 422 is Segmind's answer for a failed request whatever its body says: an empty or plain-text
  // one (a gateway's) still means the job failed, only without metrics; its text is the reason.
  const metrics = isRecord(detail) ? readMetrics(detail['metrics']) : undefined
  const reason = upstreamMessage(detail)
  const error = new LtxError(
    'generation-failed',
    `Segmind could not make this video${reason === undefined ? '' : `: ${reason.replace(/[.!]+$/, '')}`}. Change the input and submit again.`,
    { status: reply.status, requestId: job.id, detail },
  )
  return snapshot(job, 'failed', 'FAILED', { error, metrics: toMetrics(metrics) })
}

// A caller's signal stops only its own wait: the shared result fetch goes on for the others.
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, requestId: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = (): void => reject(new LtxError('aborted', 'The request was cancelled.', { requestId }))
    if (signal?.aborted) stop()
    signal?.addEventListener('abort', stop)
    void promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', stop))
  })
}

/**
 * A transport for Segmind's async v2 API behind your proxy: `POST {baseUrl}/v2/{model}`, then
 * `GET {baseUrl}/v2/requests/{id}/status`, and once COMPLETED a single `GET {baseUrl}/v2/requests/{id}`
 * for the video and metrics, kept in memory for every later status call.
 */
export function createSegmindTransport(options: SegmindTransportOptions): VideoTransport {
  // Finished jobs (and result fetches in flight), so the result is fetched once per job.
  const finished = new Map<string, Promise<JobSnapshot>>()

  // Both job routes end a job early the same ways: a 404 (expired), a 422 or a FAILED state (failed).
  async function look(call: Call, job: JobRef): Promise<JobSnapshot> {
    const status = call.operation === 'status'
    const reply = await sendRequest(options, call, segmindPaths[status ? 'status' : 'result'](pathSegment(job.id)))
    const expired = expiredSnapshot(job, reply)
    if (expired !== undefined) return expired
    if (reply.status === 422) return failed(job, reply)
    if (status) {
      const { status: state, metrics } = readReply(reply, readSegmindStatusReply, 'not the documented status')
      if (state === 'FAILED') return failed(job, reply)
      // COMPLETED only says the video is ready: it comes from the result route, fetched once.
      if (state === 'COMPLETED') return resultOnce(job, call.signal)
      return snapshot(job, state === 'QUEUED' ? 'queued' : 'running', state, { metrics: toMetrics(metrics) })
    }
    const data = readReply(reply, readSegmindResultReply, 'not the documented result')
    if (data.status === 'FAILED') return failed(job, reply)
    const urls = [readReply(reply, readOutput, 'no video URL in `output`', data.output)].flat()
    return snapshot(job, 'succeeded', 'COMPLETED', { output: { videoUrl: urls[0] ?? '', urls }, metrics: toMetrics(data.metrics) })
  }

  function resultOnce(job: JobRef, signal: AbortSignal | undefined): Promise<JobSnapshot> {
    let pending = finished.get(job.id)
    if (pending === undefined) {
      // Not tied to one caller's signal: the fetch is shared, and a cancelled watcher must not spoil it.
      const started = look({ provider: 'segmind', operation: 'result', requestId: job.id }, job)
      pending = started
      finished.set(job.id, started)
      // A failed fetch is forgotten, so the next status call tries again.
      started.catch(() => finished.get(job.id) === started && finished.delete(job.id))
      if (finished.size > MAX_CACHED_RESULTS) {
        const [oldest = ''] = finished.keys()
        finished.delete(oldest)
      }
    }
    return raceAbort(pending, signal, job.id).then((seen) => ({ ...seen, checkedAt: Date.now() }))
  }

  return httpTransport(
    'segmind',
    async (call, id, params) =>
      readReply(await sendSubmit(options, call, segmindPaths.submit(encodeURIComponent(id)), params), readSegmindSubmitReply, `no ${SEGMIND_ID_KEY}`)[
        SEGMIND_ID_KEY
      ],
    (call, job) => (finished.has(job.id) ? resultOnce(job, call.signal) : look(call, job)),
  )
}
