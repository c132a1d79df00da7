import { modelUpstreamFacts } from '../models/model-upstream-facts'
import { PROVIDERS, type Provider } from '../models/provider'
import type { DialectMatch } from '../providers/dialect'
import { apixoSimulator } from './apixo-simulator'
import { clipFor } from './clip-for'
import { createCallbackSender } from './create-callback-sender'
import { createFaultQueue } from './create-fault-queue'
import { createJobTable, type SimJob } from './create-job-table'
import { createRateLimiter } from './create-rate-limiter'
import { createSimClock } from './create-sim-clock'
import { isAuthorized } from './is-authorized'
import { newJobId } from './new-job-id'
import type { ProviderSimulators, RouteCall, SimContext } from './provider-simulator'
import { parseSampleClip } from './sample-videos'
import { segmindSimulator } from './segmind-simulator'
import { simDialects } from './sim-dialects'
import { serveSampleVideo } from './serve-sample-video'
import { DEFAULT_SIM_SPEED, SIMULATOR_KEYS } from './simulator-defaults'
import { errorReply, faultReply, methodNotAllowedReply, rateLimitedReply, unauthorizedReply } from './simulator-replies'
import type { SimRequestRecord, SimRoute, Simulator, SimulatorOptions } from './simulator-types'
import { wait } from './wait'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type RouteHandler = (call: RouteCall) => Promise<Response> | Response

/** A request's place: a provider route (the dialect's match), a sample video, or nothing. */
type Located =
  | { readonly kind: 'provider'; readonly provider: Provider; readonly match: DialectMatch }
  | { readonly kind: 'video'; readonly file: string }
  | { readonly kind: 'unknown'; readonly provider: Provider }

const VIDEO = /^\/sim\/videos\/([^/]+\.mp4)$/

/** Find what `path` names: under `/{via}` only that provider's dialect, otherwise a video or the first dialect that matches. */
function locate(method: string, path: string, search: URLSearchParams, via: Provider | undefined): Located {
  const video = via === undefined ? VIDEO.exec(path) : null
  if (video?.[1] !== undefined) return { kind: 'video', file: video[1] }
  for (const provider of via === undefined ? PROVIDERS : [via]) {
    const match = simDialects[provider].matchRoute(method, path, search) as DialectMatch | undefined
    if (match !== undefined) return { kind: 'provider', provider, match }
  }
  return { kind: 'unknown', provider: via ?? 'segmind' }
}

function assertPositive(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`createSimulator: ${name} must be a positive finite number, got ${String(value)}.`)
  }
}

/**
 * An in-memory model of Segmind's async v2 API and APIXO's task API, as the providers
 * document them and as their dialects in `src/providers` spell them: jobs advance on a clock,
 * keys and inputs are checked, Segmind records expire an hour after they end, failures and faults
 * can be scripted, APIXO callbacks are delivered (and can be dropped, delayed or repeated).
 * Serve it with `simulatorHandlers` (ltx-react/testing/msw) or `startSimulatorServer` (a real HTTP server).
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  assertPositive('speed', options.speed)
  const speed = options.speed ?? DEFAULT_SIM_SPEED
  const clock = createSimClock(options.now)
  const now = clock.now
  const keys = {
    segmind: options.keys?.segmind ?? SIMULATOR_KEYS.segmind,
    apixo: options.keys?.apixo ?? SIMULATOR_KEYS.apixo,
  } as const satisfies Record<Provider, string>
  const limits = createRateLimiter(
    { segmind: options.rateLimits?.segmind, apixo: options.rateLimits?.apixo ?? { requests: 10_000, windowMs: 60_000 } },
    now,
  )
  const slowMs = options.slowMs ?? 60_000
  const jobs = createJobTable(now, options.videoBaseUrl)
  const faults = createFaultQueue(jobs)
  const requests: SimRequestRecord[] = []
  const disposed = new AbortController()
  let jobIndex = 0

  for (const rule of options.script?.faults ?? []) faults.add(rule)
  for (const rule of options.script?.callbackFaults ?? []) faults.add(rule)

  const ctx: SimContext = {
    options,
    now,
    jobs,
    limits,
    credits: { value: options.credits ?? 1000 },
    createJob({ provider, model, rawInput, input, mount, markers, requestType, callbackUrl }) {
      const plan = options.script?.job?.({ provider, model, input: rawInput, index: jobIndex }) ?? {}
      jobIndex += 1
      const seconds = modelUpstreamFacts[model].simulatedSec(input as Readonly<Record<string, unknown>>)
      const job: SimJob = {
        id: newJobId(provider),
        provider,
        model,
        input,
        createdAt: now(),
        queueMs: (plan.queueMs ?? seconds.queue * 1000) / speed,
        runMs: (plan.runMs ?? seconds.run * 1000) / speed,
        outcome: plan.outcome ?? markers.outcome ?? 'success',
        clip: clipFor(model, input),
        mount,
        requestType,
        callbackUrl,
        statusFaults: [...(plan.statusFaults ?? []), ...markers.statusFaults],
        callbackFault: plan.callbackFault,
        remainingCredits: ctx.credits.value,
      }
      jobs.add(job)
      return job
    },
    async submitFault(fault, provider, signal) {
      if (fault === undefined) return undefined
      if (fault === 'slow') {
        await wait(slowMs, signal)
        return undefined
      }
      return faultReply(fault, provider, limits.resetAt(provider))
    },
    settle: () => sender.settle(),
  }

  const sims = {
    segmind: segmindSimulator(ctx),
    apixo: apixoSimulator(ctx, options.maxConcurrentTasks ?? 1000),
  } as const satisfies ProviderSimulators

  const sender = createCallbackSender({
    clock,
    jobs,
    faults,
    bodyOf: (job) => sims[job.provider].callbackBody?.(job),
    delivery: {
      timeoutMs: options.callbacks?.timeoutMs ?? 30_000,
      retryDelayMs: options.callbacks?.retryDelayMs ?? 1000,
      retries: options.callbacks?.retries ?? 3,
      fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
    },
  })

  async function answer(request: Request, basePath: string, record: Mutable<SimRequestRecord>): Promise<Response> {
    const url = new URL(request.url)
    let path = url.pathname
    if (basePath !== '') {
      if (!path.startsWith(`${basePath}/`)) return errorReply('segmind', 404, 'Not found')
      path = path.slice(basePath.length)
    }
    const mount = `${url.origin}${basePath}`
    // Under /segmind and /apixo the simulator stands in for ltx-react/server's proxy, which holds the key.
    const via = PROVIDERS.find((provider) => path.startsWith(`/${provider}/`))
    if (via !== undefined) path = path.slice(via.length + 1)
    const located = locate(request.method, path, url.searchParams, via)
    record.viaProxy = via !== undefined
    if (located.kind === 'unknown') return errorReply(located.provider, 404, 'Not found')
    const signal = AbortSignal.any([request.signal, disposed.signal])

    if (located.kind === 'video') {
      record.route = 'video'
      if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowedReply()
      const clip = parseSampleClip(located.file)
      if (clip === undefined) return errorReply('segmind', 404, 'Not found')
      return serveSampleVideo(clip, request)
    }

    const { provider, match } = located
    const route = `${provider}.${match.route}` as SimRoute
    record.route = route
    const id = match.kind === 'route' ? match.id : undefined
    const fault = faults.takeReplyFault(route, id)
    if (fault === 'slow') await wait(slowMs, signal)
    else if (fault !== undefined) return faultReply(fault, provider, limits.resetAt(provider))

    // Both providers sit behind nginx-style front ends: a wrong method gets an HTML page.
    if (match.kind === 'wrong-method') return methodNotAllowedReply()
    if (via === undefined && !isAuthorized(provider, request.headers, keys[provider])) return unauthorizedReply(provider)
    if (limits.over(provider)) return rateLimitedReply(provider, limits.resetAt(provider))

    // Behind a proxy the links lead back through it, as ltx-react/server rewrites them.
    const links = via === undefined ? mount : `${mount}/${provider}`
    const handler = (sims[provider].routes as Readonly<Record<string, RouteHandler>>)[match.route]
    if (handler === undefined) return errorReply(provider, 404, 'Not found')
    const reply = await handler({ request, url, model: match.model, id, mount, links, viaProxy: via !== undefined, signal })
    if (match.route !== 'submit' || !reply.ok) return reply
    // A provider that fails after it accepted: the job exists (and is billed), the client sees an error.
    const late = faults.takeReplyFault(route, undefined, true)
    if (late === undefined) return reply
    if (late === 'slow') {
      await wait(slowMs, signal)
      return reply
    }
    return faultReply(late, provider, limits.resetAt(provider))
  }

  async function handle(request: Request, handleOptions: { readonly basePath?: string } = {}): Promise<Response> {
    sender.settle()
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
    sender.settle()
    return response
  }

  return {
    fetch: handle,
    keys,
    now,
    advance(ms: number) {
      clock.advance(ms)
      sender.settle()
    },
    jobs: () => [...jobs.all()].map(jobs.view),
    job(id: string) {
      const job = jobs.get(id)
      return job === undefined ? undefined : jobs.view(job)
    },
    finish(id, outcome) {
      jobs.finish(id, outcome)
      sender.settle()
    },
    inject: (rule) => faults.add(rule),
    requests,
    count: (route?: SimRoute) => (route === undefined ? requests.length : requests.filter((r) => r.route === route).length),
    callbacks: sender.attempts,
    flushCallbacks: () => sender.flush(),
    clearLog() {
      requests.length = 0
    },
    dispose() {
      disposed.abort()
      sender.dispose()
    },
  }
}
