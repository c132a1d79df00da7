import { z } from 'zod'
import { errorFromResponse, isProxyAnswer, parseBodyDetail } from '../core/error-from-response'
import type { JobPhase, JobRef, JobSnapshot, JobTimings } from '../core/job'
import { LtxError } from '../core/ltx-error'
import { isSafeUrl } from '../core/safe-url'
import { joinUrl, readJson, sendRequest, type RawResponse } from './send-request'
import {
  describeIssues,
  malformedResponse,
  throwUnlessOk,
  onlyLtxErrors,
  requireJob,
  prepareSubmit,
  videoUrlSchema,
} from './transport-guards'
import type { HttpTransportOptions, TransportCallOptions, VideoTransport } from './video-transport'

/** Options of {@link createApixoTransport}: the HTTP options plus APIXO's routing fields. */
export interface ApixoTransportOptions extends HttpTransportOptions {
  /** `async` (poll, the default) or `callback` (APIXO also POSTs the result to `callbackUrl`). */
  readonly requestType?: 'async' | 'callback'
  /** Public https URL that receives the result; required when `requestType` is `callback`. */
  readonly callbackUrl?: string
  /** APIXO's routing strategy, sent as `provider`. Default `auto`. */
  readonly routing?: 'auto' | 'value' | 'official'
}

const codeSchema = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])

/** APIXO's envelope around every reply: `{ code, message, data }`; `code` 200 means success. */
export const apixoEnvelopeSchema = z.looseObject({
  code: codeSchema,
  message: z.string().nullish(),
  data: z.unknown().optional(),
})

/** `data` of a successful generate-task reply. */
export const apixoGenerateTaskDataSchema = z.looseObject({
  taskId: z.union([z.string().min(1), z.number().int().transform(String)]),
})

/** APIXO task states: pending, processing, success, failed. */
export const apixoStateSchema = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(['pending', 'processing', 'success', 'failed']))

// Timings are a bonus: an odd one is dropped rather than failing the whole reply.
const timeSchema = z.number().nullish().catch(undefined)

/** `data` of a status-task reply. `resultJson` is a JSON string holding `{ resultUrls }`. */
export const apixoStatusTaskDataSchema = z.looseObject({
  taskId: z.union([z.string(), z.number()]).nullish(),
  state: apixoStateSchema,
  resultJson: z.string().nullish(),
  failCode: z.string().nullish(),
  failMsg: z.string().nullish(),
  createTime: timeSchema,
  completeTime: timeSchema,
  costTime: timeSchema,
})

/** What `resultJson` holds once the task succeeded. */
export const apixoResultJsonSchema = z.looseObject({
  resultUrls: z.array(videoUrlSchema).min(1),
})

const PHASES = {
  pending: 'queued',
  processing: 'running',
  success: 'succeeded',
  failed: 'failed',
} as const satisfies Record<z.output<typeof apixoStateSchema>, JobPhase>

// What to do next for each documented fail code; anything else falls back to APIXO's own text.
const FAIL_ADVICE: Record<string, string> = {
  CONTENT_VIOLATION: 'The prompt or image breaks the content safety rules. Change it and submit again.',
  INVALID_IMAGE_URL:
    'APIXO could not download the image. Use a publicly reachable JPG, PNG or WebP URL of at most 10 MB.',
  INVALID_LORA_URL:
    'APIXO could not download a LoRA. Use a public download link (e.g. with ?download=true) to video-trained weights.',
}

function timings(data: z.output<typeof apixoStatusTaskDataSchema>): JobTimings | undefined {
  const positive = (value: number | null | undefined): value is number => typeof value === 'number' && value > 0
  const result: { createdAt?: number; completedAt?: number; durationMs?: number } = {}
  if (positive(data.createTime)) result.createdAt = data.createTime
  if (positive(data.completeTime)) result.completedAt = data.completeTime
  if (positive(data.costTime)) result.durationMs = data.costTime
  return Object.keys(result).length === 0 ? undefined : result
}

function failedError(job: JobRef, data: z.output<typeof apixoStatusTaskDataSchema>, detail: unknown): LtxError {
  const failCode = data.failCode ?? undefined
  const failMsg = data.failMsg?.trim() || undefined
  const advice =
    (failCode === undefined ? undefined : FAIL_ADVICE[failCode]) ??
    `APIXO could not make this video${failMsg === undefined ? '' : `: ${failMsg.replace(/[.!]+$/, '')}`}. Change the input or try again later.`
  return new LtxError('generation-failed', advice, { requestId: job.id, retryable: false, failCode, detail })
}

/**
 * A transport for APIXO's task API behind your proxy: `POST {baseUrl}/api/v1/generateTask/{model}`
 * and `GET {baseUrl}/api/v1/statusTask/{model}?taskId=…`, unwrapping the `{ code, message, data }`
 * envelope (which may carry an error inside an HTTP 200) and the `resultJson` string.
 */
export function createApixoTransport(options: ApixoTransportOptions): VideoTransport {
  const requestType = options.requestType ?? 'async'
  const routing = options.routing ?? 'auto'
  const invalid = (message: string): LtxError => new LtxError('validation', `createApixoTransport: ${message}`, { retryable: false })
  if (requestType !== 'async' && requestType !== 'callback') throw invalid('requestType must be "async" or "callback".')
  if (requestType === 'callback' && options.callbackUrl === undefined) {
    throw invalid('callbackUrl is required when requestType is "callback".')
  }
  if (options.callbackUrl !== undefined && !isSafeUrl(options.callbackUrl, { https: true, httpLoopback: true })) {
    throw invalid('callbackUrl must be a public https:// URL.')
  }
  if (routing !== 'auto' && routing !== 'value' && routing !== 'official') {
    throw invalid('routing must be "auto", "value" or "official".')
  }

  /** Unwrap the envelope of an HTTP-level success; an envelope code other than 200 is an error. */
  function unwrap(response: RawResponse, operation: 'submit' | 'status', requestId: string | undefined): unknown {
    const json = readJson(response.text)
    if (!json.ok) throw malformedResponse('apixo', operation, 'the reply is not JSON', response.text, requestId)
    const envelope = apixoEnvelopeSchema.safeParse(json.value)
    if (!envelope.success) {
      throw malformedResponse('apixo', operation, `the reply is not a { code, message, data } envelope (${describeIssues(envelope.error)})`, json.value, requestId)
    }
    if (envelope.data.code !== 200) {
      throw errorFromResponse({
        provider: 'apixo',
        operation,
        status: envelope.data.code,
        headers: response.headers,
        body: response.text,
        requestId,
      })
    }
    return envelope.data.data
  }

  function expired(job: JobRef, status: number, response: RawResponse): JobSnapshot {
    const error = errorFromResponse({
      provider: 'apixo',
      operation: 'status',
      status,
      headers: response.headers,
      body: response.text,
      requestId: job.id,
    })
    return { job, phase: 'expired', providerStatus: `HTTP ${status}`, error, checkedAt: Date.now() }
  }

  return {
    provider: 'apixo',

    submit(model, input, callOptions: TransportCallOptions = {}) {
      return onlyLtxErrors('apixo', 'submit', undefined, async () => {
        const { id, params } = prepareSubmit('apixo', model, input)
        const body = {
          request_type: requestType,
          ...(options.callbackUrl === undefined ? {} : { callback_url: options.callbackUrl }),
          provider: routing,
          input: params,
        }
        const response = await sendRequest(options, {
          provider: 'apixo',
          operation: 'submit',
          method: 'POST',
          url: joinUrl(options.baseUrl, `api/v1/generateTask/${encodeURIComponent(id)}`),
          body,
          signal: callOptions.signal,
        })
        throwUnlessOk(response, 'apixo', 'submit')
        const data = apixoGenerateTaskDataSchema.safeParse(unwrap(response, 'submit', undefined))
        if (!data.success) {
          throw malformedResponse('apixo', 'submit', `the reply has no taskId (${describeIssues(data.error)})`, parseBodyDetail(response.text))
        }
        return { id: data.data.taskId, model: id, provider: 'apixo', submittedAt: Date.now() }
      })
    },

    status(jobRef, callOptions: TransportCallOptions = {}) {
      const requestId = typeof jobRef?.id === 'string' ? jobRef.id : undefined
      return onlyLtxErrors('apixo', 'status', requestId, async () => {
        const job = requireJob('apixo', jobRef)
        const response = await sendRequest(options, {
          provider: 'apixo',
          operation: 'status',
          method: 'GET',
          url: joinUrl(
            options.baseUrl,
            `api/v1/statusTask/${encodeURIComponent(job.model)}?taskId=${encodeURIComponent(job.id)}`,
          ),
          signal: callOptions.signal,
          requestId: job.id,
        })
        if (response.status === 404 && !isProxyAnswer(response.headers)) return expired(job, 404, response)
        throwUnlessOk(response, 'apixo', 'status', job.id)
        let payload: unknown
        try {
          payload = unwrap(response, 'status', job.id)
        } catch (error) {
          if (error instanceof LtxError && error.kind === 'expired') return expired(job, error.status ?? 404, response)
          throw error
        }
        const detail = parseBodyDetail(response.text)
        const data = apixoStatusTaskDataSchema.safeParse(payload)
        if (!data.success) {
          throw malformedResponse('apixo', 'status', `the task status has an unexpected shape (${describeIssues(data.error)})`, detail, job.id)
        }
        const state = data.data.state
        const taken = timings(data.data)
        const base: JobSnapshot = {
          job,
          phase: PHASES[state],
          providerStatus: state,
          ...(taken === undefined ? {} : { timings: taken }),
          checkedAt: Date.now(),
        }
        switch (state) {
          case 'pending':
          case 'processing':
            return base
          case 'failed':
            return { ...base, error: failedError(job, data.data, detail) }
          case 'success': {
            const raw = data.data.resultJson
            const parsedJson = typeof raw === 'string' ? readJson(raw) : ({ ok: false } as const)
            if (!parsedJson.ok) {
              throw malformedResponse('apixo', 'status', 'the task succeeded but its resultJson is not a JSON string', detail, job.id)
            }
            const result = apixoResultJsonSchema.safeParse(parsedJson.value)
            if (!result.success) {
              throw malformedResponse('apixo', 'status', `the task succeeded but resultJson has no usable resultUrls (${describeIssues(result.error)})`, detail, job.id)
            }
            const urls = result.data.resultUrls
            return { ...base, output: { videoUrl: urls[0] ?? '', urls } }
          }
          default:
            return state satisfies never
        }
      })
    },
  }
}
