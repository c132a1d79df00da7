import { z } from 'zod'
import { errorFromResponse, isProxyAnswer, parseBodyDetail, upstreamMessage } from '../core/error-from-response'
import type { JobMetrics, JobOutput, JobPhase, JobRef, JobSnapshot } from '../core/job'
import { LtxError } from '../core/ltx-error'
import { joinUrl, readJson, sendRequest, type RawResponse } from './send-request'
import {
  malformedResponse,
  parseReply,
  onlyLtxErrors,
  requireJob,
  prepareSubmit,
  throwUnlessOk,
  videoUrlSchema,
} from './transport-guards'
import type { HttpTransportOptions, TransportCallOptions, VideoTransport } from './video-transport'

/** Options of {@link createSegmindTransport}. */
export type SegmindTransportOptions = HttpTransportOptions

/** Segmind's request states (its docs: QUEUED, PROCESSING, COMPLETED, FAILED). */
export const segmindStateSchema = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED']))

// Metrics are a bonus: an odd one is dropped rather than failing the whole reply.
const metricsSchema = z.record(z.string(), z.unknown()).optional().catch(undefined)

/** `POST /v2/{model}` → the ids of the new request. */
export const segmindSubmitResponseSchema = z.looseObject({
  request_id: z.string().min(1),
  status_url: z.string().optional(),
  response_url: z.string().optional(),
})

/** `GET /v2/requests/{id}/status` → a light body with the state. */
export const segmindStatusResponseSchema = z.looseObject({
  status: segmindStateSchema,
  metrics: metricsSchema,
})

/** `GET /v2/requests/{id}` → the full result; `output` is the video URL (or a list of them). */
export const segmindResultResponseSchema = z.looseObject({
  status: segmindStateSchema.optional(),
  output: z.unknown().optional(),
  metrics: metricsSchema,
})

const outputSchema = z.union([videoUrlSchema.transform((url) => [url]), z.array(videoUrlSchema).min(1)])

const PHASES = {
  QUEUED: 'queued',
  PROCESSING: 'running',
  COMPLETED: 'succeeded',
  FAILED: 'failed',
} as const satisfies Record<z.output<typeof segmindStateSchema>, JobPhase>

// Results are kept upstream for an hour; a page rarely watches more than a handful of jobs.
const MAX_CACHED_RESULTS = 100

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

function toMetrics(raw: Record<string, unknown> | undefined): JobMetrics | undefined {
  if (raw === undefined) return undefined
  const pairs = [
    ['cost', toNumber(raw['cost'])],
    ['remainingCredits', toNumber(raw['remaining_credits'])],
    ['queueTime', toNumber(raw['queue_time'])],
    ['inferenceTime', toNumber(raw['inference_time'])],
    ['totalTime', toNumber(raw['total_time'])],
    ['retryCount', toNumber(raw['retry_count'])],
  ] as const
  const metrics = Object.fromEntries(pairs.filter(([, value]) => value !== undefined)) as JobMetrics
  return Object.keys(metrics).length === 0 ? undefined : metrics
}

function snapshot(
  job: JobRef,
  phase: JobPhase,
  providerStatus: string,
  extra: { output?: JobOutput; error?: LtxError; metrics?: JobMetrics | undefined } = {},
): JobSnapshot {
  return {
    job,
    phase,
    providerStatus,
    ...(extra.output === undefined ? {} : { output: extra.output }),
    ...(extra.error === undefined ? {} : { error: extra.error }),
    ...(extra.metrics === undefined ? {} : { metrics: extra.metrics }),
    checkedAt: Date.now(),
  }
}

function expiredSnapshot(job: JobRef, response: RawResponse): JobSnapshot {
  const error = errorFromResponse({
    provider: 'segmind',
    operation: 'status',
    status: response.status,
    headers: response.headers,
    body: response.text,
    requestId: job.id,
  })
  return snapshot(job, 'expired', `HTTP ${response.status}`, { error })
}

function failedSnapshot(job: JobRef, status: number | undefined, detail: unknown): JobSnapshot {
  const parsed = z.looseObject({ metrics: metricsSchema }).safeParse(detail)
  const reason = upstreamMessage(detail)
  const error = new LtxError(
    'generation-failed',
    `Segmind could not make this video${reason === undefined ? '' : `: ${reason.replace(/[.!]+$/, '')}`}. Change the prompt or settings and submit again.`,
    { status, requestId: job.id, retryable: false, detail },
  )
  return snapshot(job, 'failed', 'FAILED', { error, metrics: toMetrics(parsed.success ? parsed.data.metrics : undefined) })
}

/** Read a 422 FAILED reply, which Segmind uses for failed requests on its status and result routes. */
function failedFromResponse(job: JobRef, response: RawResponse, operation: 'status' | 'result'): JobSnapshot {
  const json = readJson(response.text)
  if (!json.ok || typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) {
    throw malformedResponse('segmind', operation, 'a failed request (HTTP 422) without its JSON detail', parseBodyDetail(response.text), job.id)
  }
  return failedSnapshot(job, response.status, json.value)
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, requestId: string): Promise<T> {
  if (signal === undefined) return promise
  const aborted = (): LtxError => new LtxError('aborted', 'The request was cancelled.', { requestId, retryable: false })
  if (signal.aborted) return Promise.reject(aborted())
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted())
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
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

  async function fetchResult(job: JobRef): Promise<JobSnapshot> {
    const response = await sendRequest(options, {
      provider: 'segmind',
      operation: 'result',
      method: 'GET',
      url: joinUrl(options.baseUrl, `v2/requests/${encodeURIComponent(job.id)}`),
      requestId: job.id,
    })
    if (response.status === 404 && !isProxyAnswer(response.headers)) return expiredSnapshot(job, response)
    if (response.status === 422) return failedFromResponse(job, response, 'result')
    throwUnlessOk(response, 'segmind', 'result', job.id)
    const { data, json } = parseReply(response, segmindResultResponseSchema, {
      provider: 'segmind',
      operation: 'result',
      what: 'the result',
      shape: 'has an unexpected shape',
      requestId: job.id,
    })
    if (data.status === 'FAILED') return failedSnapshot(job, response.status, json)
    const output = outputSchema.safeParse(data.output)
    if (!output.success) {
      throw malformedResponse('segmind', 'result', 'the result has no video URL in `output`', json, job.id)
    }
    const [videoUrl = ''] = output.data
    return snapshot(job, 'succeeded', 'COMPLETED', {
      output: { videoUrl, urls: output.data },
      metrics: toMetrics(data.metrics),
    })
  }

  function resultOnce(job: JobRef, signal: AbortSignal | undefined): Promise<JobSnapshot> {
    let pending = finished.get(job.id)
    if (pending === undefined) {
      // Not tied to one caller's signal: the fetch is shared, and a cancelled watcher must not spoil it.
      const started = fetchResult(job)
      pending = started
      finished.set(job.id, started)
      started.catch(() => {
        if (finished.get(job.id) === started) finished.delete(job.id)
      })
      if (finished.size > MAX_CACHED_RESULTS) {
        const oldest = finished.keys().next()
        if (oldest.done !== true) finished.delete(oldest.value)
      }
    }
    return raceAbort(pending, signal, job.id).then((seen) => ({ ...seen, checkedAt: Date.now() }))
  }

  return {
    provider: 'segmind',

    submit(model, input, callOptions: TransportCallOptions = {}) {
      return onlyLtxErrors('segmind', 'submit', undefined, async () => {
        const { id, params } = prepareSubmit('segmind', model, input)
        const response = await sendRequest(options, {
          provider: 'segmind',
          operation: 'submit',
          method: 'POST',
          url: joinUrl(options.baseUrl, `v2/${encodeURIComponent(id)}`),
          body: params,
          signal: callOptions.signal,
        })
        throwUnlessOk(response, 'segmind', 'submit')
        const { data } = parseReply(response, segmindSubmitResponseSchema, {
          provider: 'segmind',
          operation: 'submit',
          what: 'the submit reply',
          shape: 'has no request id',
        })
        return { id: data.request_id, model: id, provider: 'segmind', submittedAt: Date.now() }
      })
    },

    status(jobRef, callOptions: TransportCallOptions = {}) {
      const requestId = typeof jobRef?.id === 'string' ? jobRef.id : undefined
      return onlyLtxErrors('segmind', 'status', requestId, async () => {
        const job = requireJob('segmind', jobRef)
        if (finished.has(job.id)) return resultOnce(job, callOptions.signal)

        const response = await sendRequest(options, {
          provider: 'segmind',
          operation: 'status',
          method: 'GET',
          url: joinUrl(options.baseUrl, `v2/requests/${encodeURIComponent(job.id)}/status`),
          signal: callOptions.signal,
          requestId: job.id,
        })
        if (response.status === 404 && !isProxyAnswer(response.headers)) return expiredSnapshot(job, response)
        if (response.status === 422) return failedFromResponse(job, response, 'status')
        throwUnlessOk(response, 'segmind', 'status', job.id)
        const { data, json } = parseReply(response, segmindStatusResponseSchema, {
          provider: 'segmind',
          operation: 'status',
          what: 'the status reply',
          shape: 'has an unexpected shape',
          requestId: job.id,
        })
        const state = data.status
        switch (state) {
          case 'QUEUED':
          case 'PROCESSING':
            return snapshot(job, PHASES[state], state, { metrics: toMetrics(data.metrics) })
          case 'FAILED':
            return failedSnapshot(job, response.status, json)
          case 'COMPLETED':
            return resultOnce(job, callOptions.signal)
          default:
            return state satisfies never
        }
      })
    },
  }
}
