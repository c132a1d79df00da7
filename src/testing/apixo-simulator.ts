import type { z } from 'zod'
import { apixoGenerateTaskBodySchema } from '../models/apixo-ltx-2-19b'
import { apixoLtx219bEntry } from '../models/apixo-ltx-2-19b.facts'
import type { ModelIdOf } from '../models/registry'
import { isRecord } from '../models/is-record'
import { toFieldIssues } from '../models/to-field-issues'
import { APIXO_ID_KEY } from '../providers/apixo'
import { apixoWire } from '../providers/apixo-dialect'
import type { SimJob } from './create-job-table'
import { FAIL_DETAILS } from './fail-details'
import { inputOf, modelOf, readJson, type ProviderSimulator, type RouteCall, type SimContext } from './provider-simulator'
import { parseSimMarkers } from './simulator-markers'
import { errorReply, jsonReply, rateLimitedReply, unknownJobReply } from './simulator-replies'
import type { SimPhase } from './simulator-types'

/** A generateTask body as parsed: the routing envelope around the model input. */
type GenerateTaskBody = { readonly request_type: 'async' | 'callback'; readonly callback_url?: string | undefined; readonly input: unknown }

/** Each APIXO model's generateTask body schema (envelope and input); a new APIXO model is a type error here until it has one. */
const SUBMIT_BODIES = {
  [apixoLtx219bEntry.id]: apixoGenerateTaskBodySchema,
} as const satisfies Record<ModelIdOf<'apixo'>, z.ZodType<GenerateTaskBody>>

type ApixoState = 'pending' | 'processing' | 'success' | 'failed'

/** APIXO's word for each phase. */
const STATES = {
  queued: 'pending',
  running: 'processing',
  succeeded: 'success',
  failed: 'failed',
  expired: 'failed',
} as const satisfies Record<SimPhase, ApixoState>

/** APIXO's task API: generateTask (async or callback, up to `maxConcurrentTasks` active), statusTask, callbacks. */
export function apixoSimulator(ctx: SimContext, maxConcurrentTasks: number): ProviderSimulator<'apixo'> {
  /** The status envelope, as statusTask answers and as a callback carries it. */
  function envelope(job: SimJob) {
    const state = STATES[ctx.jobs.phaseOf(job, ctx.now())]
    const done = state === 'success' || state === 'failed'
    const fail = job.outcome === 'success' ? undefined : FAIL_DETAILS[job.outcome].apixo
    return {
      code: 200,
      message: 'success',
      data: {
        [APIXO_ID_KEY]: job.id,
        state,
        // A JSON string, not an object, as APIXO documents it.
        resultJson: state === 'success' ? JSON.stringify({ resultUrls: [ctx.jobs.outputUrl(job)] }) : null,
        failCode: state === 'failed' ? (fail?.code ?? null) : null,
        failMsg: state === 'failed' ? (fail?.message ?? null) : null,
        createTime: job.createdAt,
        completeTime: done ? ctx.jobs.endsAt(job) : null,
        costTime: done ? job.runMs : null,
      },
    }
  }

  async function submit({ request, model: raw, mount, viaProxy, signal }: RouteCall): Promise<Response> {
    const model = modelOf('apixo', raw)
    if (model === undefined) return errorReply('apixo', 404, `Model not found: ${raw ?? ''}`)
    const body = await readJson(request)
    if (!body.ok) return errorReply('apixo', 400, 'Invalid parameters: the body is not valid JSON.')
    const rawInput = inputOf('apixo', body.value)
    const markers = parseSimMarkers(isRecord(rawInput) ? rawInput.prompt : undefined)
    const schema: z.ZodType<GenerateTaskBody> = SUBMIT_BODIES[model]
    const parsed = schema.safeParse(body.value)
    if (!parsed.success) {
      const issues = toFieldIssues(schema, body.value, parsed.error.issues)
      return errorReply('apixo', 400, `Invalid parameters: ${issues.map((i) => i.message).join(' ')}`)
    }
    if (viaProxy && parsed.data.request_type === 'callback' && ctx.options.proxyAllowsCallbacks !== true) {
      // As ltx-react/server does by default: a client may not point the provider's webhooks anywhere.
      return errorReply('apixo', 400, 'Callback mode is not allowed through this proxy (set apixo.allowCallbackUrl on the server).')
    }
    const early = await ctx.submitFault(markers.submitFault, 'apixo', signal)
    if (early !== undefined) return early
    const active = [...ctx.jobs.all()].filter((job) => {
      if (job.provider !== 'apixo') return false
      const phase = ctx.jobs.phaseOf(job, ctx.now())
      return phase === 'queued' || phase === 'running'
    }).length
    if (active >= maxConcurrentTasks) return rateLimitedReply('apixo', ctx.limits.resetAt('apixo'))
    const job = ctx.createJob({
      provider: 'apixo',
      model,
      rawInput,
      input: parsed.data.input,
      mount,
      markers,
      requestType: parsed.data.request_type,
      callbackUrl: parsed.data.callback_url,
    })
    ctx.settle()
    return jsonReply(200, { code: 200, message: 'success', data: { [APIXO_ID_KEY]: job.id } })
  }

  function status({ model: raw, id }: RouteCall): Response {
    if (modelOf('apixo', raw) === undefined) return errorReply('apixo', 404, `Model not found: ${raw ?? ''}`)
    if (id === undefined) return errorReply('apixo', 400, `Invalid parameters: ${apixoWire.routes.status.idInQuery.missing}`)
    const job = ctx.jobs.get(id)
    if (job === undefined || job.provider !== 'apixo') return unknownJobReply('apixo')
    return jsonReply(200, envelope(job))
  }

  return { routes: { submit, status }, callbackBody: envelope }
}
