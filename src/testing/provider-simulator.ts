import { isRecord } from '../models/is-record'
import { isModelId, providerOf, type ModelId } from '../models/model-catalog'
import type { Provider } from '../models/provider'
import type { ModelIdOf } from '../models/registry'
import type { DialectRoute } from '../providers/index'
import type { JobTable, SimJob } from './create-job-table'
import { simDialects } from './sim-dialects'
import type { RateLimiter } from './create-rate-limiter'
import type { SimMarkers } from './simulator-markers'
import type { SimFault, SimulatorOptions } from './simulator-types'

/** A job about to be created: what the submit carried, checked. */
export interface NewJob<P extends Provider = Provider> {
  readonly provider: P
  readonly model: ModelId
  /** The model input as sent, for the script. */
  readonly rawInput: unknown
  /** The model input as parsed, with defaults. */
  readonly input: unknown
  readonly mount: string
  readonly markers: SimMarkers
  readonly requestType: 'async' | 'callback'
  readonly callbackUrl: string | undefined
}

/** What a provider's routes may use of the simulator they run in. */
export interface SimContext {
  readonly options: SimulatorOptions
  readonly now: () => number
  readonly jobs: JobTable
  readonly limits: RateLimiter
  /** Segmind credits left; each job costs `SIM_JOB_COST`. */
  readonly credits: { value: number }
  createJob(job: NewJob): SimJob
  /** A submit fault from a prompt marker: a reply to send instead, or undefined to go on (after the delay of `slow`). */
  submitFault(fault: SimFault | undefined, provider: Provider, signal: AbortSignal): Promise<Response | undefined>
  /** Start the callbacks that became due. */
  settle(): void
}

/** One matched request, as a route handler sees it. */
export interface RouteCall {
  readonly request: Request
  readonly url: URL
  /** The model and job id the path (or query) named, raw: the handler checks them. */
  readonly model: string | undefined
  readonly id: string | undefined
  /** Where the simulator is mounted (origin and base path): output videos are served there. */
  readonly mount: string
  /** Where reply links lead: the mount, or the provider's proxy path under it. */
  readonly links: string
  /** True when the request came in under `/{provider}`, standing in for ltx-react/server. */
  readonly viaProxy: boolean
  readonly signal: AbortSignal
}

/** A provider's simulated routes (one handler per route of its dialect) and its callback body. */
export interface ProviderSimulator<P extends Provider> {
  readonly routes: { readonly [R in DialectRoute<P>]: (call: RouteCall) => Promise<Response> | Response }
  /** The body its callbacks carry; undefined for a provider without callbacks. */
  readonly callbackBody: ((job: SimJob) => unknown) | undefined
}

/** Every provider's simulator: a provider added to PROVIDERS is a type error until it has one. */
export type ProviderSimulators = { readonly [P in Provider]: ProviderSimulator<P> }

/** `raw` as a model of `provider`, or undefined. */
export function modelOf<P extends Provider>(provider: P, raw: string | undefined): ModelIdOf<P> | undefined {
  return isModelId(raw) && providerOf(raw) === provider ? (raw as ModelIdOf<P>) : undefined
}

/** Where a submit body holds the model input, by the provider's dialect (`inputPath`). */
export function inputOf(provider: Provider, body: unknown): unknown {
  let value = body
  for (const key of simDialects[provider].inputPath) value = isRecord(value) ? value[key] : undefined
  return value
}

/** The request's JSON body, or `{ ok: false }` when it is not JSON. */
export async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: JSON.parse(await request.text()) as unknown }
  } catch {
    return { ok: false }
  }
}
