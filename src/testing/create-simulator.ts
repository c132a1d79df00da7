import { toFieldIssues } from '../models/to-field-issues'
import { apixoGenerateTaskBodySchema } from '../models/apixo-ltx-2-19b'
import { safeParseInput } from '../models/parse-input'
import { modelUpstreamFacts } from '../models/model-upstream-facts'
import { getModel, isModelId, type ModelId } from '../models/registry'
import { parseSampleClip, sampleClipFileName, type SampleClip, type SampleVideoName } from './sample-videos'
import { serveSampleVideo } from './serve-sample-video'
import {
  DEFAULT_SIM_SPEED,
  SEGMIND_RETENTION_MS,
  SIM_JOB_COST,
  SIMULATOR_KEYS,
} from './simulator-defaults'
import { parseSimMarkers } from './simulator-markers'
import {
  errorReply,
  faultReply,
  jsonReply,
  methodNotAllowedReply,
  notAcceptableReply,
  rateLimitedReply,
  unauthorizedReply,
} from './simulator-replies'
import type {
  SimCallbackAttempt,
  SimFault,
  SimFaultRule,
  SimJobView,
  SimOutcome,
  SimPhase,
  SimProvider,
  SimRateLimit,
  SimRequestRecord,
  SimRoute,
  Simulator,
  SimulatorOptions,
} from './simulator-types'

interface Job {
  readonly id: string
  readonly provider: SimProvider
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
  readonly remainingCredits: number
  callbackStarted: boolean
}

interface RouteMatch {
  readonly route: SimRoute
  readonly provider: SimProvider | undefined
  readonly method: 'GET' | 'POST'
  readonly model?: string
  readonly id?: string
  readonly video?: string
}

interface FaultSlot {
  readonly fault: SimFault
  readonly route: SimRoute | 'any'
  readonly jobId: string | undefined
  readonly afterCreate: boolean
  remaining: number
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const SEGMIND_ID = /^[A-Za-z0-9_-]{1,128}$/

/** Match a path (mount prefix already removed) to a simulator route. */
function matchRoute(path: string): RouteMatch {
  const parts = path.split('/').slice(1)
  const [a, b, c, d, e] = parts
  const n = parts.length
  if (n === 3 && a === 'sim' && b === 'videos' && c !== undefined && c.endsWith('.mp4')) {
    return { route: 'video', provider: undefined, method: 'GET', video: c }
  }
  if (a === 'v2' && b === 'requests' && c !== undefined && c !== '') {
    if (n === 4 && d === 'status') return { route: 'segmind.status', provider: 'segmind', method: 'GET', id: c }
    if (n === 3) return { route: 'segmind.result', provider: 'segmind', method: 'GET', id: c }
  }
  if (n === 2 && a === 'v2' && b !== undefined && b !== '') {
    return { route: 'segmind.submit', provider: 'segmind', method: 'POST', model: b }
  }
  if (n === 4 && a === 'api' && b === 'v1' && d !== undefined && d !== '' && e === undefined) {
    if (c === 'generateTask') return { route: 'apixo.submit', provider: 'apixo', method: 'POST', model: d }
    if (c === 'statusTask') return { route: 'apixo.status', provider: 'apixo', method: 'GET', model: d }
  }
  return { route: 'unknown', provider: undefined, method: 'GET' }
}

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes))
  return Array.from(values, (v) => v.toString(16).padStart(2, '0')).join('')
}

function uuid(): string {
  // randomUUID is missing in insecure browser contexts (plain http on a LAN address).
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const h = randomHex(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function unrefTimer(timer: ReturnType<typeof setTimeout>): void {
  // Node timers keep the process alive; a demo or test should be free to exit.
  if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') timer.unref()
}

/** Resolve after `ms` real milliseconds, or at once when `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

/** The frame rate of a clip whose model has no fps field: what LTX models render at. */
const CLIP_FPS = 24

function clipName(model: ModelId, input: unknown, source: SampleClip | undefined): SampleVideoName {
  const audio = getModel(model).output.audio
  switch (audio) {
    case 'always':
      return 'with-audio'
    case 'source':
      return source?.name ?? 'with-audio'
    case 'never':
      return 'silent'
    case 'input':
      return isRecord(input) && input.generate_audio === false ? 'silent' : 'with-audio'
    default:
      audio satisfies never
      return 'with-audio'
  }
}

/**
 * The clip a job returns, as long as the input asks: the model's own `durationSec` (a t2v job
 * gets exactly `num_frames` frames at `fps`, ltx-video `length` frames at 24 fps, the others
 * `duration` s at 24 fps). A retake returns its source's length when the source is one of the
 * simulator's clips; for any other source, whose length it cannot know, the clip ends where the
 * retaken segment does.
 */
function clipFor(model: ModelId, input: unknown): SampleClip {
  const fields = isRecord(input) ? input : {}
  const source = typeof fields.video_uri === 'string' ? parseSampleClip(fields.video_uri) : undefined
  const name = clipName(model, input, source)
  if (source !== undefined) return { ...source, name }
  const fps = typeof fields.fps === 'number' && Number.isInteger(fields.fps) && fields.fps >= 1 ? fields.fps : CLIP_FPS
  const output = getModel(model).output as { durationSec?: (input: never) => number | undefined }
  const retakeEnd = Number(fields.start_time ?? 0) + Number(fields.duration ?? 0)
  const seconds = output.durationSec?.(input as never) ?? retakeEnd
  const frames = Number.isFinite(seconds) && seconds > 0 ? Math.max(1, Math.round(seconds * fps)) : 4 * fps
  return { name, frames, fps }
}

const FAIL_DETAIL: Readonly<Record<Exclude<SimOutcome, 'success'>, { code: string; message: string; segmind: string }>> = {
  'content-violation': {
    code: 'CONTENT_VIOLATION',
    message: 'Content violates safety guidelines',
    segmind: 'Content flagged by the safety filter: the prompt or the output violates the content policy.',
  },
  'generation-failed': {
    // APIXO documents no code for a plain generation failure; this one is the simulator's.
    code: 'GENERATION_FAILED',
    message: 'Video generation failed, please try again',
    segmind: 'Generation failed: the model could not produce a video. Please try again.',
  },
  'invalid-image-url': {
    code: 'INVALID_IMAGE_URL',
    message: 'Cannot access provided image URL',
    segmind: 'Could not download the input image.',
  },
  'invalid-lora-url': {
    code: 'INVALID_LORA_URL',
    message: 'Cannot download LoRA model',
    segmind: 'Could not download the LoRA weights.',
  },
}

function assertPositive(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`createSimulator: ${name} must be a positive finite number, got ${String(value)}.`)
  }
}

/**
 * An in-memory model of Segmind's async v2 API and APIXO's task API, as the providers
 * document them: jobs advance on a clock, keys and inputs are checked, Segmind records expire
 * an hour after they end, failures and faults can be scripted, APIXO callbacks are delivered.
 * Serve it with `simulatorHandlers` (ltx-react/testing/msw) or `startSimulatorServer` (a real HTTP server).
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  assertPositive('speed', options.speed)
  const speed = options.speed ?? DEFAULT_SIM_SPEED
  // Looked up per call, so fake timers installed after creation (vi.useFakeTimers) drive it too.
  const baseClock = options.now ?? (() => Date.now())
  let offset = 0
  const now = () => baseClock() + offset
  const keys = {
    segmind: options.keys?.segmind ?? SIMULATOR_KEYS.segmind,
    apixo: options.keys?.apixo ?? SIMULATOR_KEYS.apixo,
  }
  const rateLimits: Record<SimProvider, SimRateLimit | undefined> = {
    segmind: options.rateLimits?.segmind,
    apixo: options.rateLimits?.apixo ?? { requests: 10_000, windowMs: 60_000 },
  }
  const maxConcurrentTasks = options.maxConcurrentTasks ?? 1000
  const slowMs = options.slowMs ?? 60_000
  const callbackTimeoutMs = options.callbacks?.timeoutMs ?? 30_000
  const callbackRetryDelayMs = options.callbacks?.retryDelayMs ?? 1000
  const callbackRetries = options.callbacks?.retries ?? 3
  const callbackFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))
  let credits = options.credits ?? 1000

  const jobs = new Map<string, Job>()
  const requests: SimRequestRecord[] = []
  const callbacks: SimCallbackAttempt[] = []
  const inflight = new Set<Promise<void>>()
  const faults: FaultSlot[] = []
  const windows: Record<SimProvider, { start: number; count: number }> = {
    segmind: { start: 0, count: 0 },
    apixo: { start: 0, count: 0 },
  }
  const disposed = new AbortController()
  let hurry = new AbortController()
  let jobIndex = 0
  let settleTimer: ReturnType<typeof setTimeout> | undefined

  for (const rule of options.script?.faults ?? []) addFault(rule)

  function addFault(rule: SimFaultRule): void {
    faults.push({
      fault: rule.fault,
      route: rule.route ?? 'any',
      jobId: rule.jobId,
      afterCreate: rule.afterCreate === true,
      remaining: rule.times ?? 1,
    })
  }

  function endsAt(job: Job): number {
    return job.createdAt + job.queueMs + job.runMs
  }

  function phaseOf(job: Job, t: number): SimPhase {
    if (t < job.createdAt + job.queueMs) return 'queued'
    if (t < endsAt(job)) return 'running'
    if (job.provider === 'segmind' && t >= endsAt(job) + SEGMIND_RETENTION_MS) return 'expired'
    return job.outcome === 'success' ? 'succeeded' : 'failed'
  }

  function outputUrl(job: Job): string {
    return `${options.videoBaseUrl ?? job.mount}/sim/videos/${sampleClipFileName(job.clip)}`
  }

  function view(job: Job): SimJobView {
    return {
      id: job.id,
      provider: job.provider,
      model: job.model,
      phase: phaseOf(job, now()),
      outcome: job.outcome,
      input: job.input,
      createdAt: job.createdAt,
      startedAt: job.createdAt + job.queueMs,
      endsAt: endsAt(job),
      expiresAt: job.provider === 'segmind' ? endsAt(job) + SEGMIND_RETENTION_MS : undefined,
      video: job.clip.name,
      clip: job.clip,
      outputUrl: outputUrl(job),
      requestType: job.requestType,
      callbackUrl: job.callbackUrl,
    }
  }

  // ---- callbacks -------------------------------------------------------------------------

  /** Start the callbacks that became due and arm a timer for the next one (real clock only). */
  function settle(): void {
    if (disposed.signal.aborted) return
    const t = now()
    let next = Number.POSITIVE_INFINITY
    for (const job of jobs.values()) {
      if (job.requestType !== 'callback' || job.callbackStarted) continue
      if (t >= endsAt(job)) {
        job.callbackStarted = true
        const delivery = deliver(job).finally(() => inflight.delete(delivery))
        inflight.add(delivery)
      } else {
        next = Math.min(next, endsAt(job))
      }
    }
    if (settleTimer !== undefined) clearTimeout(settleTimer)
    settleTimer = undefined
    // With an injected clock, time moves only when the test says so (advance or its own clock).
    if (options.now === undefined && Number.isFinite(next)) {
      settleTimer = setTimeout(settle, Math.max(0, next - t) + 5)
      unrefTimer(settleTimer)
    }
  }

  async function deliver(job: Job): Promise<void> {
    const url = job.callbackUrl
    if (url === undefined) return
    const body = JSON.stringify(apixoEnvelope(job))
    for (let attempt = 1; attempt <= 1 + callbackRetries; attempt++) {
      if (disposed.signal.aborted) return
      let status: number | undefined
      let error: string | undefined
      try {
        const response = await callbackFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.any([disposed.signal, AbortSignal.timeout(callbackTimeoutMs)]),
        })
        status = response.status
        await response.body?.cancel()
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause)
      }
      const delivered = status === 200
      callbacks.push({ taskId: job.id, url, attempt, status, error, delivered })
      if (delivered) return
      // flushCallbacks cuts retry pauses short, so it also finishes under fake timers.
      if (attempt <= callbackRetries) await wait(callbackRetryDelayMs, AbortSignal.any([disposed.signal, hurry.signal]))
    }
  }

  // ---- replies ---------------------------------------------------------------------------

  function apixoState(phase: SimPhase): 'pending' | 'processing' | 'success' | 'failed' {
    switch (phase) {
      case 'queued':
        return 'pending'
      case 'running':
        return 'processing'
      case 'succeeded':
        return 'success'
      case 'failed':
      case 'expired':
        return 'failed'
      default:
        phase satisfies never
        return 'failed'
    }
  }

  function apixoEnvelope(job: Job) {
    const phase = phaseOf(job, now())
    const state = apixoState(phase)
    const done = state === 'success' || state === 'failed'
    const fail = job.outcome === 'success' ? undefined : FAIL_DETAIL[job.outcome]
    return {
      code: 200,
      message: 'success',
      data: {
        taskId: job.id,
        state,
        // A JSON string, not an object, as APIXO documents it.
        resultJson: state === 'success' ? JSON.stringify({ resultUrls: [outputUrl(job)] }) : null,
        failCode: state === 'failed' ? (fail?.code ?? null) : null,
        failMsg: state === 'failed' ? (fail?.message ?? null) : null,
        createTime: job.createdAt,
        completeTime: done ? endsAt(job) : null,
        costTime: done ? job.runMs : null,
      },
    }
  }

  function segmindMetrics(job: Job, full: boolean, viaProxy = false) {
    const seconds = (ms: number) => Math.round(ms) / 1000
    const t = Math.min(now(), endsAt(job))
    const queue = Math.min(t - job.createdAt, job.queueMs)
    const inference = Math.max(0, t - job.createdAt - job.queueMs)
    const timing = { queue_time: seconds(queue), inference_time: seconds(inference), total_time: seconds(queue + inference) }
    // ltx-react/server never lets the operator's remaining credits reach a browser.
    const credits = viaProxy ? {} : { remaining_credits: job.remainingCredits }
    return full ? { cost: SIM_JOB_COST, ...credits, ...timing, retry_count: 0 } : timing
  }

  function segmindJobReply(job: Job, full: boolean, viaProxy: boolean): Response {
    const phase = phaseOf(job, now())
    switch (phase) {
      case 'expired':
        return errorReply('segmind', 404, 'Request not found or expired.')
      case 'queued':
        return jsonReply(200, { request_id: job.id, status: 'QUEUED', metrics: segmindMetrics(job, false) })
      case 'running':
        return jsonReply(200, { request_id: job.id, status: 'PROCESSING', metrics: segmindMetrics(job, false) })
      case 'succeeded':
        return jsonReply(
          200,
          full
            ? { request_id: job.id, status: 'COMPLETED', output: outputUrl(job), metrics: segmindMetrics(job, true, viaProxy) }
            : { request_id: job.id, status: 'COMPLETED', metrics: segmindMetrics(job, false) },
        )
      case 'failed': {
        const detail = job.outcome === 'success' ? FAIL_DETAIL['generation-failed'] : FAIL_DETAIL[job.outcome]
        // Segmind serves a FAILED request as HTTP 422; the body still carries the detail.
        return jsonReply(422, { request_id: job.id, status: 'FAILED', error: detail.segmind, metrics: segmindMetrics(job, true, viaProxy) })
      }
      default:
        phase satisfies never
        throw new Error('unreachable')
    }
  }

  // ---- the request pipeline -------------------------------------------------------------

  function takeFault(route: SimRoute, jobId: string | undefined, afterCreate = false): SimFault | undefined {
    if (route === 'video' || route === 'unknown') return undefined
    const index = faults.findIndex(
      (slot) =>
        slot.remaining > 0 &&
        slot.afterCreate === afterCreate &&
        (slot.route === 'any' || slot.route === route) &&
        (slot.jobId === undefined || slot.jobId === jobId),
    )
    if (index >= 0) {
      const slot = faults[index] as FaultSlot
      slot.remaining -= 1
      if (slot.remaining <= 0) faults.splice(index, 1)
      return slot.fault
    }
    if (afterCreate) return undefined
    if ((route === 'segmind.status' || route === 'segmind.result' || route === 'apixo.status') && jobId !== undefined) {
      return jobs.get(jobId)?.statusFaults.shift()
    }
    return undefined
  }

  function windowReset(provider: SimProvider): number {
    const limit = rateLimits[provider]
    const windowMs = limit?.windowMs ?? 60_000
    return Math.floor(now() / windowMs) * windowMs + windowMs
  }

  /** Count the request against the provider's window; true when it is over the limit. */
  function overRateLimit(provider: SimProvider): boolean {
    const limit = rateLimits[provider]
    if (limit === undefined) return false
    const start = Math.floor(now() / limit.windowMs) * limit.windowMs
    const window = windows[provider]
    if (window.start !== start) {
      window.start = start
      window.count = 0
    }
    window.count += 1
    return window.count > limit.requests
  }

  function authorized(provider: SimProvider, headers: Headers): boolean {
    switch (provider) {
      case 'segmind':
        // Segmind wants x-api-key; a bearer token alone is rejected.
        return headers.get('x-api-key') === keys.segmind
      case 'apixo':
        return headers.get('authorization') === `Bearer ${keys.apixo}`
      default:
        provider satisfies never
        return false
    }
  }

  async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
    try {
      return { ok: true, value: JSON.parse(await request.text()) as unknown }
    } catch {
      return { ok: false }
    }
  }

  function createJob(
    provider: SimProvider,
    model: ModelId,
    rawInput: unknown,
    input: unknown,
    mount: string,
    markers: ReturnType<typeof parseSimMarkers>,
    callback: { requestType: 'async' | 'callback'; callbackUrl: string | undefined },
  ): Job {
    const plan = options.script?.job?.({ provider, model, input: rawInput, index: jobIndex }) ?? {}
    jobIndex += 1
    const seconds = modelUpstreamFacts[model].simulatedSec(input as Readonly<Record<string, unknown>>)
    const job: Job = {
      id: provider === 'segmind' ? uuid() : randomHex(16),
      provider,
      model,
      input,
      createdAt: now(),
      queueMs: (plan.queueMs ?? seconds.queue * 1000) / speed,
      runMs: (plan.runMs ?? seconds.run * 1000) / speed,
      outcome: plan.outcome ?? markers.outcome ?? 'success',
      clip: clipFor(model, input),
      mount,
      requestType: callback.requestType,
      callbackUrl: callback.callbackUrl,
      statusFaults: [...(plan.statusFaults ?? []), ...markers.statusFaults],
      remainingCredits: credits,
      callbackStarted: false,
    }
    jobs.set(job.id, job)
    return job
  }

  async function segmindSubmit(request: Request, model: string, mount: string, links: string, signal: AbortSignal): Promise<Response> {
    if (!isModelId(model) || getModel(model).provider !== 'segmind') {
      return errorReply('segmind', 404, `Model not found: ${model}`)
    }
    if (!(request.headers.get('content-type') ?? '').toLowerCase().includes('application/json')) {
      return notAcceptableReply('Missing or unsupported Content-Type header: send application/json.')
    }
    const body = await readJson(request)
    if (!body.ok) return errorReply('segmind', 400, 'Invalid parameters or request format: the body is not valid JSON.')
    const markers = parseSimMarkers(isRecord(body.value) ? body.value.prompt : undefined)
    const parsed = safeParseInput(model, body.value)
    if (!parsed.success) {
      return errorReply('segmind', 400, `Invalid parameters or request format: ${parsed.issues.map((i) => i.message).join(' ')}`)
    }
    const early = await submitFault(markers.submitFault, 'segmind', signal)
    if (early !== undefined) return early
    if (credits < SIM_JOB_COST) return notAcceptableReply('Insufficient credits. Please add credits to your account to continue.')
    credits = Math.round((credits - SIM_JOB_COST) * 1000) / 1000
    const job = createJob('segmind', model, body.value, parsed.data, mount, markers, { requestType: 'async', callbackUrl: undefined })
    return jsonReply(200, {
      request_id: job.id,
      status_url: `${links}/v2/requests/${job.id}/status`,
      response_url: `${links}/v2/requests/${job.id}`,
    })
  }

  async function apixoSubmit(request: Request, model: string, mount: string, viaProxy: boolean, signal: AbortSignal): Promise<Response> {
    if (model !== 'ltx-2-19b') return errorReply('apixo', 404, `Model not found: ${model}`)
    const body = await readJson(request)
    if (!body.ok) return errorReply('apixo', 400, 'Invalid parameters: the body is not valid JSON.')
    const rawInput = isRecord(body.value) ? body.value.input : undefined
    const markers = parseSimMarkers(isRecord(rawInput) ? rawInput.prompt : undefined)
    const parsed = apixoGenerateTaskBodySchema.safeParse(body.value)
    if (!parsed.success) {
      const issues = toFieldIssues(apixoGenerateTaskBodySchema, body.value, parsed.error.issues)
      return errorReply('apixo', 400, `Invalid parameters: ${issues.map((i) => i.message).join(' ')}`)
    }
    if (viaProxy && parsed.data.request_type === 'callback' && options.proxyAllowsCallbacks !== true) {
      // As ltx-react/server does by default: a client may not point the provider's webhooks anywhere.
      return errorReply('apixo', 400, 'Callback mode is not allowed through this proxy (set apixo.allowCallbackUrl on the server).')
    }
    const early = await submitFault(markers.submitFault, 'apixo', signal)
    if (early !== undefined) return early
    const active = [...jobs.values()].filter((job) => {
      if (job.provider !== 'apixo') return false
      const phase = phaseOf(job, now())
      return phase === 'queued' || phase === 'running'
    }).length
    if (active >= maxConcurrentTasks) return rateLimitedReply('apixo', windowReset('apixo'))
    const job = createJob('apixo', 'ltx-2-19b', rawInput, parsed.data.input, mount, markers, {
      requestType: parsed.data.request_type,
      callbackUrl: parsed.data.callback_url,
    })
    settle()
    return jsonReply(200, { code: 200, message: 'success', data: { taskId: job.id } })
  }

  /** A submit fault from a prompt marker: a reply to send instead, or undefined to go on (after the delay of `slow`). */
  async function submitFault(fault: SimFault | undefined, provider: SimProvider, signal: AbortSignal): Promise<Response | undefined> {
    if (fault === undefined) return undefined
    if (fault === 'slow') {
      await wait(slowMs, signal)
      return undefined
    }
    return faultReply(fault, provider, windowReset(provider))
  }

  function apixoStatus(url: URL, model: string): Response {
    if (model !== 'ltx-2-19b') return errorReply('apixo', 404, `Model not found: ${model}`)
    const taskId = url.searchParams.get('taskId')
    if (taskId === null || taskId === '') return errorReply('apixo', 400, 'Invalid parameters: taskId is required.')
    const job = jobs.get(taskId)
    if (job === undefined || job.provider !== 'apixo') return errorReply('apixo', 404, 'Task not found')
    return jsonReply(200, apixoEnvelope(job))
  }

  async function answer(request: Request, basePath: string, record: { route: SimRoute; viaProxy: boolean }): Promise<Response> {
    const url = new URL(request.url)
    let path = url.pathname
    if (basePath !== '') {
      if (!path.startsWith(`${basePath}/`)) return errorReply('segmind', 404, 'Not found')
      path = path.slice(basePath.length)
    }
    const mount = `${url.origin}${basePath}`
    // Under /segmind and /apixo the simulator stands in for ltx-react/server's proxy, which holds the key.
    let via: SimProvider | undefined
    if (path.startsWith('/segmind/')) via = 'segmind'
    else if (path.startsWith('/apixo/')) via = 'apixo'
    if (via !== undefined) path = path.slice(via.length + 1)
    const match = matchRoute(path)
    const provider = match.provider ?? 'segmind'
    if (via !== undefined && match.provider !== via) {
      return errorReply(via, 404, 'Not found')
    }
    record.route = match.route
    record.viaProxy = via !== undefined
    if (match.route === 'unknown') return errorReply(provider, 404, 'Not found')
    const jobId = match.id ?? (match.route === 'apixo.status' ? (url.searchParams.get('taskId') ?? undefined) : undefined)

    const fault = takeFault(match.route, jobId)
    const signal = AbortSignal.any([request.signal, disposed.signal])
    if (fault === 'slow') await wait(slowMs, signal)
    else if (fault !== undefined) return faultReply(fault, provider, windowReset(provider))

    if (match.route === 'video') {
      if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowedReply()
      const clip = parseSampleClip(match.video ?? '')
      if (clip === undefined) return errorReply('segmind', 404, 'Not found')
      return serveSampleVideo(clip, request)
    }
    // Both providers sit behind nginx-style front ends: a wrong method gets an HTML page.
    if (request.method !== match.method) return methodNotAllowedReply()
    if (via === undefined && !authorized(provider, request.headers)) return unauthorizedReply(provider)
    if (overRateLimit(provider)) return rateLimitedReply(provider, windowReset(provider))

    if (match.route === 'segmind.submit' || match.route === 'apixo.submit') {
      const reply = await submitReply()
      // A provider that fails after it accepted: the job exists (and is billed), the client sees an error.
      const late = reply.ok ? takeFault(match.route, undefined, true) : undefined
      if (late === undefined) return reply
      if (late === 'slow') {
        await wait(slowMs, signal)
        return reply
      }
      return faultReply(late, provider, windowReset(provider))
    }

    async function submitReply(): Promise<Response> {
      // Behind a proxy the links lead back through it, as ltx-react/server rewrites them.
      return match.route === 'segmind.submit'
        ? segmindSubmit(request, match.model ?? '', mount, via === undefined ? mount : `${mount}/segmind`, signal)
        : apixoSubmit(request, match.model ?? '', mount, via !== undefined, signal)
    }

    switch (match.route) {
      case 'segmind.status':
      case 'segmind.result': {
        const id = match.id ?? ''
        const job = SEGMIND_ID.test(id) ? jobs.get(id) : undefined
        if (job === undefined || job.provider !== 'segmind') return errorReply('segmind', 404, 'Request not found or expired.')
        return segmindJobReply(job, match.route === 'segmind.result', via !== undefined)
      }
      case 'apixo.status':
        return apixoStatus(url, match.model ?? '')
      default:
        match.route satisfies never
        throw new Error('unreachable')
    }
  }

  async function handle(request: Request, handleOptions: { readonly basePath?: string } = {}): Promise<Response> {
    settle()
    const basePath = (handleOptions.basePath ?? '').replace(/\/+$/, '')
    const record: Mutable<SimRequestRecord> = {
      at: now(),
      method: request.method,
      url: request.url,
      route: 'unknown',
      viaProxy: false,
      headers: Object.fromEntries(request.headers),
      status: 0,
    }
    requests.push(record)
    let response: Response
    try {
      response = await answer(request, basePath, record)
    } catch (cause) {
      // A bug in the simulator should look like a provider's 500, not hang the caller.
      response = errorReply('segmind', 500, `Simulator error: ${cause instanceof Error ? cause.message : String(cause)}`)
    }
    record.status = response.status
    settle()
    return response
  }

  return {
    fetch: handle,
    keys,
    now,
    advance(ms: number) {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`advance: ms must be a finite number ≥ 0, got ${String(ms)}.`)
      offset += ms
      settle()
    },
    jobs: () => [...jobs.values()].map(view),
    job(id: string) {
      const job = jobs.get(id)
      return job === undefined ? undefined : view(job)
    },
    finish(id: string, outcome?: SimOutcome) {
      const job = jobs.get(id)
      if (job === undefined) throw new Error(`finish: no job with id "${id}".`)
      const t = now()
      if (t < endsAt(job)) {
        job.queueMs = Math.min(job.queueMs, t - job.createdAt)
        job.runMs = t - job.createdAt - job.queueMs
      }
      if (outcome !== undefined) job.outcome = outcome
      settle()
    },
    inject: addFault,
    requests,
    count: (route?: SimRoute) => (route === undefined ? requests.length : requests.filter((r) => r.route === route).length),
    callbacks,
    async flushCallbacks() {
      // Retries go out at once while flushing; deliveries may start while we wait (settle can).
      hurry.abort()
      try {
        for (let round = 0; round < 100 && inflight.size > 0; round++) await Promise.allSettled([...inflight])
      } finally {
        hurry = new AbortController()
      }
    },
    clearLog() {
      requests.length = 0
    },
    dispose() {
      disposed.abort()
      if (settleTimer !== undefined) clearTimeout(settleTimer)
      settleTimer = undefined
    },
  }
}
