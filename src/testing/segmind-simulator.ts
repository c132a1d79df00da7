import { isRecord } from '../models/is-record'
import { safeParseInput } from '../models/parse-input'
import { segmindPaths } from '../providers/segmind'
import type { SimJob } from './create-job-table'
import { FAIL_DETAILS } from './fail-details'
import { inputOf, modelOf, readJson, type ProviderSimulator, type RouteCall, type SimContext } from './provider-simulator'
import { SIM_JOB_COST } from './simulator-defaults'
import { parseSimMarkers } from './simulator-markers'
import { errorReply, jsonReply, notAcceptableReply, unknownJobReply } from './simulator-replies'
import type { SimPhase } from './simulator-types'

const SEGMIND_ID = /^[A-Za-z0-9_-]{1,128}$/

/** Segmind's async v2 API: submit (billed in credits), then status and result reads; FAILED is HTTP 422. */
export function segmindSimulator(ctx: SimContext): ProviderSimulator<'segmind'> {
  function metrics(job: SimJob, full: boolean, viaProxy = false) {
    const seconds = (ms: number) => Math.round(ms) / 1000
    const t = Math.min(ctx.now(), ctx.jobs.endsAt(job))
    const queue = Math.min(t - job.createdAt, job.queueMs)
    const inference = Math.max(0, t - job.createdAt - job.queueMs)
    const timing = { queue_time: seconds(queue), inference_time: seconds(inference), total_time: seconds(queue + inference) }
    // ltx-react/server never lets the operator's remaining credits reach a browser.
    const credits = viaProxy ? {} : { remaining_credits: job.remainingCredits }
    return full ? { cost: SIM_JOB_COST, ...credits, ...timing, retry_count: 0 } : timing
  }

  /** The reply to a status (`full` false) or result read, by the job's phase. */
  const replies = {
    expired: (job) => unknownJobReply(job.provider),
    queued: (job) => jsonReply(200, { request_id: job.id, status: 'QUEUED', metrics: metrics(job, false) }),
    running: (job) => jsonReply(200, { request_id: job.id, status: 'PROCESSING', metrics: metrics(job, false) }),
    succeeded: (job, full, viaProxy) =>
      jsonReply(
        200,
        full
          ? { request_id: job.id, status: 'COMPLETED', output: ctx.jobs.outputUrl(job), metrics: metrics(job, true, viaProxy) }
          : { request_id: job.id, status: 'COMPLETED', metrics: metrics(job, false) },
      ),
    failed: (job, _full, viaProxy) => {
      const detail = job.outcome === 'success' ? FAIL_DETAILS['generation-failed'] : FAIL_DETAILS[job.outcome]
      // Segmind serves a FAILED request as HTTP 422; the body still carries the detail.
      return jsonReply(422, { request_id: job.id, status: 'FAILED', error: detail.segmind, metrics: metrics(job, true, viaProxy) })
    },
  } as const satisfies Record<SimPhase, (job: SimJob, full: boolean, viaProxy: boolean) => Response>

  function read(call: RouteCall, full: boolean): Response {
    const id = call.id ?? ''
    const job = SEGMIND_ID.test(id) ? ctx.jobs.get(id) : undefined
    if (job === undefined || job.provider !== 'segmind') return unknownJobReply('segmind')
    return replies[ctx.jobs.phaseOf(job, ctx.now())](job, full, call.viaProxy)
  }

  async function submit({ request, model: raw, mount, links, signal }: RouteCall): Promise<Response> {
    const model = modelOf('segmind', raw)
    if (model === undefined) return errorReply('segmind', 404, `Model not found: ${raw ?? ''}`)
    if (!(request.headers.get('content-type') ?? '').toLowerCase().includes('application/json')) {
      return notAcceptableReply('Missing or unsupported Content-Type header: send application/json.')
    }
    const body = await readJson(request)
    if (!body.ok) return errorReply('segmind', 400, 'Invalid parameters or request format: the body is not valid JSON.')
    const rawInput = inputOf('segmind', body.value)
    const markers = parseSimMarkers(isRecord(rawInput) ? rawInput.prompt : undefined)
    const parsed = safeParseInput(model, rawInput)
    if (!parsed.success) {
      return errorReply('segmind', 400, `Invalid parameters or request format: ${parsed.issues.map((i) => i.message).join(' ')}`)
    }
    const early = await ctx.submitFault(markers.submitFault, 'segmind', signal)
    if (early !== undefined) return early
    if (ctx.credits.value < SIM_JOB_COST) return notAcceptableReply('Insufficient credits. Please add credits to your account to continue.')
    ctx.credits.value = Math.round((ctx.credits.value - SIM_JOB_COST) * 1000) / 1000
    const job = ctx.createJob({
      provider: 'segmind',
      model,
      rawInput,
      input: parsed.data,
      mount,
      markers,
      requestType: 'async',
      callbackUrl: undefined,
    })
    return jsonReply(200, {
      request_id: job.id,
      status_url: `${links}/${segmindPaths.status(job.id)}`,
      response_url: `${links}/${segmindPaths.result(job.id)}`,
    })
  }

  return {
    routes: {
      submit,
      status: (call) => read(call, false),
      result: (call) => read(call, true),
    },
    callbackBody: undefined,
  }
}
