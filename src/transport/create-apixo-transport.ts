import { z } from 'zod'
import { APIXO_ID_KEY, apixoPaths, apixoSubmitBody } from '../providers/apixo'
import { parseBodyDetail } from '../providers/error-from-response'
import { defined } from '../models/defined'
import { LtxError } from '../models/ltx-error'
import { isWebUrl } from '../models/safe-url'
import { sendRequest, type Call, type Reply } from './send-request'
import { sendSubmit } from './send-submit'
import { expiredSnapshot, httpTransport, readReply, snapshot, videoUrlSchema } from './http-transport'
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

const codeSchema = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])

/** APIXO's envelope around every reply: `{ code, message, data }`; `code` 200 means success. */
export const apixoEnvelopeSchema = z.looseObject({
  code: codeSchema,
  message: z.string().nullish(),
  data: z.unknown().optional(),
})

/** `data` of a successful generate-task reply. */
export const apixoGenerateTaskDataSchema = z.looseObject({
  [APIXO_ID_KEY]: z.union([z.string().min(1), z.number().int().transform(String)]),
})

/** APIXO task states: pending, processing, success, failed. */
export const apixoStateSchema = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(['pending', 'processing', 'success', 'failed']))

// Timings are a bonus: an odd one (or a 0 or null, APIXO's "not yet") is dropped rather than failing the whole reply.
const timeSchema = z.number().positive().optional().catch(undefined)

/** `data` of a status-task reply. `resultJson` is a JSON string holding `{ resultUrls }`. */
export const apixoStatusTaskDataSchema = z.looseObject({
  taskId: z.union([z.string(), z.number()]).nullish(),
  state: apixoStateSchema,
  // Documented as a JSON string; an object of the same shape is taken as that string already parsed,
  // since it can mean nothing else.
  resultJson: z.union([z.string(), z.looseObject({})]).nullish(),
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
    const { code, data } = readReply(reply, apixoEnvelopeSchema, 'not a { code, message, data } envelope')
    return { ...reply, status: code, ok: code === 200, data }
  }

  return httpTransport(
    'apixo',
    async (call, id, params) => {
      const body = apixoSubmitBody(params, { requestType, callbackUrl, routing })
      const reply = await send(call, apixoPaths.submit(encodeURIComponent(id)), body)
      return readReply(reply, apixoGenerateTaskDataSchema, `no ${APIXO_ID_KEY}`, reply.data)[APIXO_ID_KEY]
    },
    async (call, job) => {
      const reply = await send(call, apixoPaths.status(encodeURIComponent(job.id), encodeURIComponent(job.model)))
      const expired = expiredSnapshot(job, reply)
      if (expired !== undefined) return expired
      const data = readReply(reply, apixoStatusTaskDataSchema, 'unexpected task status', reply.data)
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
        apixoResultJsonSchema,
        'success without usable resultUrls in resultJson',
        typeof resultJson === 'object' ? resultJson : parseBodyDetail(resultJson ?? ''),
      )
      return snapshot(job, 'succeeded', state, { timings, output: { videoUrl: urls[0] ?? '', urls } })
    },
  )
}
