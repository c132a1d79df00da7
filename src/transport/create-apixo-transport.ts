import { APIXO_ID_KEY, apixoPaths, apixoSubmitBody } from '../providers/apixo'
import { parseBodyDetail } from '../providers/error-from-response'
import { defined } from '../models/defined'
import { isRecord } from '../models/is-record'
import { LtxError } from '../models/ltx-error'
import { isWebUrl } from '../models/safe-url'
import { sendRequest, type Call, type Reply } from './send-request'
import { sendSubmit } from './send-submit'
import { expiredSnapshot, httpTransport, isVideoUrl, readReply, snapshot } from './http-transport'
import type { HttpTransportOptions, VideoTransport } from './video-transport'

/** Options of {@link createApixoTransport}: the HTTP options plus APIXO's routing fields. */
export interface ApixoTransportOptions extends HttpTransportOptions {
  /** `async` (poll, the default) or `callback` (APIXO also POSTs the result to `callbackUrl`). */
  readonly requestType?: 'async' | 'callback'
  /** Public https URL that receives the result; required when `requestType` is `callback`. */
  readonly callbackUrl?: string
  /** APIXO's routing strategy, sent as `provider`. Default `auto`. */
  readonly routing?: 'auto' | 'value' | 'official'
}

// The replies are read with plain checks, not schemas (issue 17): each reader returns the
// documented shape, or undefined for a reply that is not it (readReply makes that an LtxError).

const isNullishText = (value: unknown): value is string | null | undefined => value == null || typeof value === 'string'

// An integer, or digits standing for one.
function readCode(value: unknown): number | undefined {
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value)
  return Number.isSafeInteger(value) ? (value as number) : undefined
}

/** APIXO's envelope around every reply: `{ code, message, data }`; `code` 200 means success. */
export interface ApixoEnvelope {
  readonly code: number
  readonly message?: string | null | undefined
  readonly data?: unknown
}

/** {@link ApixoEnvelope} out of a reply body; undefined when it is not one. */
export function readApixoEnvelope(value: unknown): ApixoEnvelope | undefined {
  if (!isRecord(value)) return undefined
  const { code, message, data } = value
  const number = readCode(code)
  return number !== undefined && isNullishText(message) ? { code: number, message, data } : undefined
}

/** `data` of a successful generate-task reply: the task id, as text. */
export function readApixoGenerateTaskData(value: unknown): { readonly [APIXO_ID_KEY]: string } | undefined {
  const id = isRecord(value) ? value[APIXO_ID_KEY] : undefined
  if (typeof id === 'string' && id !== '') return { [APIXO_ID_KEY]: id }
  return Number.isSafeInteger(id) ? { [APIXO_ID_KEY]: String(id) } : undefined
}

const APIXO_STATES = ['pending', 'processing', 'success', 'failed'] as const
/** APIXO task states: pending, processing, success, failed. */
export type ApixoState = (typeof APIXO_STATES)[number]

/** An APIXO task state in any case, lower-cased; undefined for anything else. */
export function readApixoState(value: unknown): ApixoState | undefined {
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined
  return APIXO_STATES.find((state) => state === lower)
}

// Timings are a bonus: an odd one (or a 0 or null, APIXO's "not yet") is dropped rather than failing the whole reply.
const readTime = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined

/** `data` of a status-task reply. `resultJson` is a JSON string holding `{ resultUrls }`. */
export interface ApixoStatusTaskData {
  readonly state: ApixoState
  readonly resultJson?: string | Record<string, unknown> | null | undefined
  readonly failCode?: string | null | undefined
  readonly failMsg?: string | null | undefined
  readonly createTime?: number | undefined
  readonly completeTime?: number | undefined
  readonly costTime?: number | undefined
}

/** {@link ApixoStatusTaskData} out of a status-task reply's `data`; undefined when it is not that. */
export function readApixoStatusTaskData(value: unknown): ApixoStatusTaskData | undefined {
  if (!isRecord(value)) return undefined
  const { taskId, resultJson, failCode, failMsg } = value
  const state = readApixoState(value['state'])
  const valid =
    state !== undefined &&
    (taskId == null || typeof taskId === 'string' || (typeof taskId === 'number' && Number.isFinite(taskId))) &&
    // Documented as a JSON string; an object of the same shape is taken as that string already parsed,
    // since it can mean nothing else.
    (isNullishText(resultJson) || isRecord(resultJson)) &&
    isNullishText(failCode) &&
    isNullishText(failMsg)
  if (!valid) return undefined
  const [createTime, completeTime, costTime] = [value['createTime'], value['completeTime'], value['costTime']].map(readTime)
  return { state, resultJson, failCode, failMsg, createTime, completeTime, costTime }
}

/** What `resultJson` holds once the task succeeded: a non-empty list of video URLs. */
export function readApixoResultJson(value: unknown): { readonly resultUrls: readonly string[] } | undefined {
  const urls = isRecord(value) ? value['resultUrls'] : undefined
  return Array.isArray(urls) && urls.length > 0 && urls.every(isVideoUrl) ? { resultUrls: urls } : undefined
}

// What to do next for each documented fail code; anything else falls back to APIXO's own text.
// A Map, not an object: a code such as "constructor" must not find Object's own members.
const FAIL_ADVICE = new Map([
  ['CONTENT_VIOLATION', 'The prompt or image breaks the content safety rules. Change it and submit again.'],
  ['INVALID_IMAGE_URL', 'APIXO could not download the image. Use a public JPG, PNG or WebP URL (10 MB at most).'],
  ['INVALID_LORA_URL', 'APIXO could not download a LoRA. Use a public download link (e.g. ?download=true) to video-trained weights.'],
])

/**
 * A transport for APIXO's task API behind your proxy: `POST {baseUrl}/api/v1/generateTask/{model}`
 * and `GET {baseUrl}/api/v1/statusTask/{model}?taskId=…`, unwrapping the `{ code, message, data }`
 * envelope (which may carry an error inside an HTTP 200) and the `resultJson` string.
 */
export function createApixoTransport(options: ApixoTransportOptions): VideoTransport {
  const { requestType = 'async', callbackUrl, routing = 'auto' } = options
  // Checked here, not at the first billed submit. requestType and routing are left to the types
  // and to the proxy, which refuses a bad body with field issues (an LtxError of kind 'validation').
  if ((requestType === 'callback' || callbackUrl !== undefined) && !isWebUrl(callbackUrl, { httpLoopback: true })) {
    throw new LtxError('validation', 'createApixoTransport: callbackUrl must be an https:// URL (required when requestType is "callback").')
  }

  // APIXO also fails inside an HTTP 200: the envelope's code then stands in for the HTTP status.
  async function send(call: Call, path: string, payload?: unknown): Promise<Reply & { data?: unknown }> {
    const reply = await (call.operation === 'submit' ? sendSubmit : sendRequest)(options, call, path, payload)
    if (!reply.ok) return reply
    const { code, data } = readReply(reply, readApixoEnvelope, 'not a { code, message, data } envelope')
    return { ...reply, status: code, ok: code === 200, data }
  }

  return httpTransport(
    'apixo',
    async (call, id, params) => {
      const body = apixoSubmitBody(params, { requestType, callbackUrl, routing })
      const reply = await send(call, apixoPaths.submit(encodeURIComponent(id)), body)
      return readReply(reply, readApixoGenerateTaskData, `no ${APIXO_ID_KEY}`, reply.data)[APIXO_ID_KEY]
    },
    async (call, job) => {
      const reply = await send(call, apixoPaths.status(encodeURIComponent(job.id), encodeURIComponent(job.model)))
      const expired = expiredSnapshot(job, reply)
      if (expired !== undefined) return expired
      const data = readReply(reply, readApixoStatusTaskData, 'unexpected task status', reply.data)
      const { state, failCode, failMsg } = data
      const timings = defined({ createdAt: data.createTime, completedAt: data.completeTime, durationMs: data.costTime })
      if (state === 'failed') {
        const reason = failMsg?.trim()
        const error = new LtxError(
          'generation-failed',
          FAIL_ADVICE.get(failCode ?? '') ??
            `APIXO could not make this video${reason ? `: ${reason.replace(/[.!]+$/, '')}` : ''}. Change the input or try again later.`,
          { requestId: job.id, failCode: failCode ?? undefined, detail: parseBodyDetail(reply.body) },
        )
        return snapshot(job, 'failed', state, { timings, error })
      }
      if (state !== 'success') return snapshot(job, state === 'pending' ? 'queued' : 'running', state, { timings })
      // resultJson is a string holding { resultUrls } (or, from a lenient gateway, that object).
      const { resultJson } = data
      const { resultUrls: urls } = readReply(
        reply,
        readApixoResultJson,
        'success without usable resultUrls in resultJson',
        typeof resultJson === 'object' ? resultJson : parseBodyDetail(resultJson ?? ''),
      )
      return snapshot(job, 'succeeded', state, { timings, output: { videoUrl: urls[0] ?? '', urls } })
    },
  )
}
