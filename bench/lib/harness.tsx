import { QueryClient } from '@tanstack/react-query'
import { act } from '@testing-library/react'
import { setupServer } from 'msw/node'
import type { ReactNode } from 'react'
import { vi } from 'vitest'
import { isTerminalPhase, type JobPhase, type JobRef } from '../../src/core/job'
import { LtxProvider } from '../../src/hooks/ltx-provider'
import type { ModelId } from '../../src/models/registry'
import { createSimulator } from '../../src/testing/create-simulator'
import { exampleInputs } from '../../src/testing/example-inputs'
import { simulatorHandlers } from '../../src/testing/simulator-handlers'
import type { SimProvider, SimulatorOptions } from '../../src/testing/simulator-types'
import { createApixoTransport } from '../../src/transport/create-apixo-transport'
import { createSegmindTransport } from '../../src/transport/create-segmind-transport'
import type { VideoTransport } from '../../src/transport/video-transport'

// The same edges as test/hooks/harness.tsx: the simulator answers through msw, everything above
// it is real (transports, poller, TanStack Query, hooks); time is fake and driven by advance().

export const server = setupServer()

/** The timers the hook tests fake (test/hooks); React's scheduler and performance.now stay real. */
export const FAKE_TIMERS: NonNullable<Parameters<typeof vi.useFakeTimers>[0]> = { toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }

/** A job of a given length, as the benchmarks use it. */
export interface JobScenario {
  readonly name: string
  readonly provider: SimProvider
  readonly model: ModelId
  readonly input: unknown
  readonly queueMs: number
  readonly runMs: number
}

/** A simulated 60 s Segmind job (ltx-2-fast): 5 s queued, 55 s generating. */
export const SEGMIND_60S: JobScenario = {
  name: 'Segmind ltx-2-fast, 60 s',
  provider: 'segmind',
  model: 'ltx-2-fast',
  input: exampleInputs['ltx-2-fast'],
  queueMs: 5_000,
  runMs: 55_000,
}

/** A simulated 90 s APIXO job (ltx-2-19b, its example input): 10 s pending, 80 s processing. */
export const APIXO_90S: JobScenario = {
  name: 'APIXO ltx-2-19b, 90 s',
  provider: 'apixo',
  model: 'ltx-2-19b',
  input: exampleInputs['ltx-2-19b'],
  queueMs: 10_000,
  runMs: 80_000,
}

export function newClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
}

/** A simulator on msw whose every job follows `scenario`'s plan, transports, a fresh QueryClient. */
export function setup(scenario: Pick<JobScenario, 'queueMs' | 'runMs'>, options: SimulatorOptions = {}) {
  const sim = createSimulator({
    speed: 1,
    script: { job: () => ({ queueMs: scenario.queueMs, runMs: scenario.runMs }) },
    ...options,
  })
  server.resetHandlers(...simulatorHandlers(sim))
  const transports: Record<SimProvider, VideoTransport> = {
    segmind: createSegmindTransport({ baseUrl: 'http://localhost/api/ltx/segmind' }),
    apixo: createApixoTransport({ baseUrl: 'http://localhost/api/ltx/apixo' }),
  }
  const client = newClient()
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <LtxProvider queryClient={client} transports={transports} persist={false}>
      {children}
    </LtxProvider>
  )
  return { sim, transports, client, wrapper }
}

/** Let `ms` of fake time pass, running timers, fetches and React updates in between. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })
}

/** Settle pending promises (msw replies, React updates) without moving time much. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await advance(0)
}

/** Phases seen by watcher components, by index: filled in during render. */
export class PhaseBoard {
  readonly phases: (JobPhase | null)[]
  constructor(size: number) {
    this.phases = Array.from({ length: size }, () => null)
  }
  allTerminal(): boolean {
    return this.phases.every((phase) => phase !== null && isTerminalPhase(phase))
  }
}

/**
 * Advance in `stepMs` steps until `done()` or `limitMs` of fake time (bounded); returns the
 * fake time it took, or -1 when the limit was reached first.
 */
export async function advanceUntil(done: () => boolean, limitMs: number, stepMs = 250): Promise<number> {
  for (let elapsed = 0; elapsed < limitMs; elapsed += stepMs) {
    if (done()) return elapsed
    await advance(stepMs)
  }
  return done() ? limitMs : -1
}

/** Status and result requests the simulator answered for one provider. */
export function countRequests(sim: ReturnType<typeof createSimulator>, provider: SimProvider) {
  const status = sim.count(provider === 'segmind' ? 'segmind.status' : 'apixo.status')
  const result = provider === 'segmind' ? sim.count('segmind.result') : 0
  return { status, result, total: status + result }
}

/** Submit directly through the transport (as a naive app would), outside React. */
export async function submitDirectly(transport: VideoTransport, scenario: JobScenario): Promise<JobRef> {
  let job: JobRef | undefined
  let failure: unknown
  transport.submit(scenario.model, scenario.input).then(
    (j) => (job = j),
    (error: unknown) => (failure = error),
  )
  await settle()
  if (job === undefined) throw new Error(`submit failed: ${String(failure)}`)
  return job
}
