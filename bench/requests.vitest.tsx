// Requests per job: a simulated 60 s Segmind job and a 90 s APIXO job, watched by 1 and by 50
// components with useJobStatus, against a naive useEffect + setInterval(2000) poller per
// component, in the same run. Also: requests after the terminal phase, and requests before a
// 429's reset time. Figures only, no assertions on them; written to .tmp/bench/requests.json.
// Run: npx vitest run --config bench/vitest.bench.config.ts bench/requests.vitest.tsx
import { cleanup, render } from '@testing-library/react'
import { useEffect } from 'react'
import { afterAll, afterEach, beforeAll, beforeEach, it, vi } from 'vitest'
import type { JobRef } from '../src/core/job'
import { useJobStatus } from '../src/hooks/use-job-status'
import { useSubmitVideo } from '../src/hooks/use-submit-video'
import type { ModelId } from '../src/models/registry'
import type { SimProvider } from '../src/testing/simulator-types'
import {
  APIXO_90S,
  FAKE_TIMERS,
  PhaseBoard,
  SEGMIND_60S,
  advance,
  advanceUntil,
  countRequests,
  server,
  settle,
  setup,
  submitDirectly,
  type JobScenario,
} from './lib/harness'
import { NAIVE_INTERVAL_MS, NaiveWatcher } from './lib/naive-watcher'
import { writeResult } from './lib/results'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
beforeEach(() => {
  vi.useFakeTimers(FAKE_TIMERS)
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const AFTER_TERMINAL_MS = 120_000

/** One component watching a job with the library. */
function Watcher({ job, board, index }: { job: JobRef; board: PhaseBoard; index: number }) {
  const status = useJobStatus(job)
  board.phases[index] = status.phase
  return <p>{status.phase ?? 'checking'}</p>
}

/** The app: submits once (as useSubmitVideo seeds the cache), then `count` components watch the job. */
function LibraryApp({ model, input, count, board }: { model: ModelId; input: unknown; count: number; board: PhaseBoard }) {
  const { submit, job } = useSubmitVideo({ model })
  useEffect(() => {
    submit(input as never)
  }, [submit, input])
  if (job === null) return null
  return (
    <>
      {Array.from({ length: count }, (_, i) => (
        <Watcher key={i} job={job} board={board} index={i} />
      ))}
    </>
  )
}

export interface JobRequestFigures {
  readonly watchers: number
  /** Status requests until every watcher showed the terminal phase. */
  readonly status: number
  /** Result fetches (Segmind's GET /v2/requests/{id}); APIXO's status carries the result. */
  readonly result: number
  /** Status and result requests in the AFTER_TERMINAL_MS after every watcher showed the end. */
  readonly afterTerminal: number
  /** Fake ms from submit until every watcher showed the terminal phase; -1 if never. */
  readonly terminalSeenAfterMs: number
  readonly phase: string
}

async function runJob(scenario: JobScenario, watchers: number, kind: 'library' | 'naive'): Promise<JobRequestFigures> {
  const ctx = setup(scenario)
  const board = new PhaseBoard(watchers)
  const transport = ctx.transports[scenario.provider]
  const startedAt = Date.now()
  let view
  if (kind === 'library') {
    view = render(<LibraryApp model={scenario.model} input={scenario.input} count={watchers} board={board} />, { wrapper: ctx.wrapper })
    await settle()
  } else {
    const job = await submitDirectly(transport, scenario)
    view = render(
      <>
        {Array.from({ length: watchers }, (_, i) => (
          <NaiveWatcher key={i} transport={transport} job={job} board={board} index={i} />
        ))}
      </>,
    )
  }
  const limit = scenario.queueMs + scenario.runMs + 60_000
  await advanceUntil(() => board.allTerminal(), limit)
  const terminalSeenAfterMs = board.allTerminal() ? Date.now() - startedAt : -1
  const atEnd = countRequests(ctx.sim, scenario.provider)
  await advance(AFTER_TERMINAL_MS)
  const later = countRequests(ctx.sim, scenario.provider)
  const phase = board.phases[0] ?? 'none'
  view.unmount()
  ctx.sim.dispose()
  ctx.client.clear()
  return { watchers, status: atEnd.status, result: atEnd.result, afterTerminal: later.total - atEnd.total, terminalSeenAfterMs, phase }
}

export interface RateLimitFigures {
  readonly provider: SimProvider
  /** Requests between the 429 and its x-rate-limit-reset-at-utc (must be 0). */
  readonly beforeReset: number
  /** Fake ms from the 429 to the next request. */
  readonly nextRequestAfterMs: number
  readonly resetAfterMs: number
}

/** One watcher; the second status request answers 429 with a reset at the end of its minute. */
async function runRateLimit(kind: 'library' | 'naive'): Promise<RateLimitFigures> {
  // Start 10 s into a minute, so the reset (the window's end) is ~48 s past the 429.
  vi.setSystemTime(Math.ceil(Date.now() / 60_000) * 60_000 + 10_000)
  const scenario = SEGMIND_60S
  const ctx = setup(scenario)
  const board = new PhaseBoard(1)
  const transport = ctx.transports.segmind
  let view
  if (kind === 'library') {
    view = render(<LibraryApp model={scenario.model} input={scenario.input} count={1} board={board} />, { wrapper: ctx.wrapper })
    await settle()
  } else {
    const job = await submitDirectly(transport, scenario)
    view = render(<NaiveWatcher transport={transport} job={job} board={board} index={0} />)
  }
  await advance(2_100)
  ctx.sim.inject({ fault: 'rate-limited', route: 'segmind.status' })
  await advanceUntil(() => ctx.sim.requests.some((r) => r.status === 429), 10_000)
  await advanceUntil(() => board.allTerminal(), 120_000)
  const limited = ctx.sim.requests.find((r) => r.route === 'segmind.status' && r.status === 429)
  const limitedAt = limited?.at ?? 0
  const resetAt = Math.floor(limitedAt / 60_000) * 60_000 + 60_000
  const after = ctx.sim.requests.filter((r) => r.at > limitedAt && (r.route === 'segmind.status' || r.route === 'segmind.result'))
  view.unmount()
  ctx.sim.dispose()
  ctx.client.clear()
  return {
    provider: 'segmind',
    beforeReset: after.filter((r) => r.at < resetAt).length,
    nextRequestAfterMs: after[0] === undefined ? -1 : after[0].at - limitedAt,
    resetAfterMs: resetAt - limitedAt,
  }
}

export interface RequestsResult {
  readonly naiveIntervalMs: number
  readonly afterTerminalWindowMs: number
  readonly jobs: readonly {
    readonly scenario: string
    readonly durationMs: number
    readonly library: readonly JobRequestFigures[]
    readonly naive: readonly JobRequestFigures[]
  }[]
  readonly rateLimit: { readonly library: RateLimitFigures; readonly naive: RateLimitFigures }
}

it('requests per job', { timeout: 600_000 }, async () => {
  const jobs = []
  for (const scenario of [SEGMIND_60S, APIXO_90S]) {
    const library = []
    const naive = []
    for (const watchers of [1, 50]) {
      library.push(await runJob(scenario, watchers, 'library'))
      naive.push(await runJob(scenario, watchers, 'naive'))
    }
    jobs.push({ scenario: scenario.name, durationMs: scenario.queueMs + scenario.runMs, library, naive })
  }
  const rateLimit = { library: await runRateLimit('library'), naive: await runRateLimit('naive') }
  const result: RequestsResult = { naiveIntervalMs: NAIVE_INTERVAL_MS, afterTerminalWindowMs: AFTER_TERMINAL_MS, jobs, rateLimit }
  writeResult('requests', result)

  for (const job of jobs) {
    console.log(`\n${job.scenario}`)
    for (let i = 0; i < job.library.length; i++) {
      const lib = job.library[i]
      const nai = job.naive[i]
      if (lib === undefined || nai === undefined) continue
      console.log(
        `  ${String(lib.watchers).padStart(2)} watching: library ${lib.status} status + ${lib.result} result, ${lib.afterTerminal} after end (${lib.phase} seen at ${lib.terminalSeenAfterMs / 1000} s)` +
          ` | naive ${nai.status} status + ${nai.result} result, ${nai.afterTerminal} after end (${nai.phase} at ${nai.terminalSeenAfterMs / 1000} s)` +
          ` | naive/library ×${((nai.status + nai.result) / Math.max(1, lib.status + lib.result)).toFixed(1)}`,
      )
    }
  }
  const { library, naive } = rateLimit
  console.log(
    `\n429 with reset ${library.resetAfterMs / 1000} s later: library ${library.beforeReset} requests before the reset (next after ${library.nextRequestAfterMs / 1000} s)` +
      ` | naive ${naive.beforeReset} (next after ${naive.nextRequestAfterMs / 1000} s)`,
  )
})
