// Scale: 500 concurrent jobs tracked in one page (500 useJobStatus watchers of 500 different
// jobs): live timers (counted through wrapped setTimeout/clearTimeout and
// setInterval/clearInterval), heap used, and the time of one polling tick (every poller firing
// once: 500 status requests through msw, cache updates, React commits). The naive poller runs
// the same page in the same run, for the ratio. Written to .tmp/bench/scale.json.
//
// Real timers here, with Segmind's 2 s interval for both: with fake timers, vitest's own
// clock scans every pending timer for each one it fires, which is quadratic in live timers and
// would dominate the figure. The tick time is CPU time (this process: simulator, msw,
// transports, TanStack Query, React) per tick of 500 requests, and the wall span of each burst.
// Run: npx vitest run --config bench/vitest.bench.config.ts bench/scale.vitest.tsx
import { cleanup, render } from '@testing-library/react'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, it } from 'vitest'
import type { PollingOptions } from '../src/core/polling-policy'
import type { JobRef } from '../src/core/job'
import { useJobStatus } from '../src/hooks/use-job-status'
import { PhaseBoard, SEGMIND_60S, server, setup } from './lib/harness'
import { NaiveWatcher } from './lib/naive-watcher'
import { quantile, round, writeResult } from './lib/results'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
afterEach(() => cleanup())

const JOBS = 500
const INTERVAL_MS = 2000
const TICKS = 5
/** The same interval for the library's Segmind polling and the naive poller; a stable object (it is an effect dependency). */
const POLLING: PollingOptions = { segmindIntervalMs: INTERVAL_MS }
/** Jobs that stay running for the whole measurement (1 s queued, 10 min generating). */
const LONG_JOB = { ...SEGMIND_60S, queueMs: 1_000, runMs: 600_000 }

/** Counts live timers by wrapping the timer functions; returns a restore function. */
function countTimers() {
  const live = new Map<unknown, number>()
  const original = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
  }
  let created = 0
  globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    created++
    const id: unknown = original.setTimeout(() => {
      live.delete(id)
      handler(...args)
    }, ms)
    live.set(id, ms ?? 0)
    return id
  }) as typeof setTimeout
  globalThis.clearTimeout = ((id: Parameters<typeof clearTimeout>[0]) => {
    live.delete(id)
    original.clearTimeout(id)
  }) as typeof clearTimeout
  globalThis.setInterval = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    created++
    const id: unknown = original.setInterval(handler, ms, ...args)
    live.set(id, -(ms ?? 0))
    return id
  }) as typeof setInterval
  globalThis.clearInterval = ((id: Parameters<typeof clearInterval>[0]) => {
    live.delete(id)
    original.clearInterval(id)
  }) as typeof clearInterval
  return {
    live: () => live.size,
    /** Live timers by kind: up to the interval (pollers), longer (cache garbage collection), intervals. */
    kinds: () => {
      const kinds = { upToInterval: 0, longer: 0, intervals: 0 }
      for (const ms of live.values()) {
        if (ms < 0) kinds.intervals++
        else if (ms <= INTERVAL_MS) kinds.upToInterval++
        else kinds.longer++
      }
      return kinds
    },
    created: () => created,
    restore: () => Object.assign(globalThis, original),
  }
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  gc?.()
  return process.memoryUsage().heapUsed
}

/** Wait (real time, bounded) until `done()`. */
async function waitUntil(done: () => boolean, limitMs: number): Promise<boolean> {
  for (let waited = 0; waited < limitMs; waited += 20) {
    if (done()) return true
    await sleep(20)
  }
  return done()
}

function Watcher({ job, board, index }: { job: JobRef; board: PhaseBoard; index: number }) {
  const status = useJobStatus(job, { polling: POLLING })
  board.phases[index] = status.phase
  return <p>{status.phase ?? 'checking'}</p>
}

export interface ScaleFigures {
  readonly kind: 'library' | 'naive'
  readonly jobs: number
  readonly intervalMs: number
  /** Timers alive while all jobs are being watched. */
  readonly liveTimers: number
  readonly liveTimerKinds: { readonly upToInterval: number; readonly longer: number; readonly intervals: number }
  /** Timers created per tick. */
  readonly timersCreatedPerTick: number
  /** Status requests per tick (≈ jobs). */
  readonly requestsPerTick: number
  /** Heap used by the page, its watchers and cached snapshots, MB: mounted minus torn down (gc'd before each reading). */
  readonly heapMB: number
  readonly heapKBPerJob: number
  /** CPU ms of this process per polling tick of all jobs (the whole stack, simulator included). */
  readonly tickCpuMs: number
  /** Wall ms from the first to the last request of a tick's burst: median and worst (null when bursts overlapped). */
  readonly burstMsMedian: number | null
  readonly burstMsMax: number | null
  /** Timers left after unmount: TanStack Query keeps each job's queries for gcTime (1 h). */
  readonly liveTimersAfterUnmount: number
  /** Timers left once the QueryClient is cleared too (target 0). */
  readonly liveTimersAfterClear: number
  readonly gcExposed: boolean
}

async function runScale(kind: 'library' | 'naive', count = JOBS, ticks = TICKS): Promise<ScaleFigures> {
  const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean | undefined }
  const actEnvironment = env.IS_REACT_ACT_ENVIRONMENT
  // Real timers drive React here; updates outside act() are expected.
  env.IS_REACT_ACT_ENVIRONMENT = false
  const timers = countTimers()
  try {
    const ctx = setup(LONG_JOB, { credits: 1_000_000 })
    const transport = ctx.transports.segmind
    const jobs = await Promise.all(Array.from({ length: count }, () => transport.submit(LONG_JOB.model, LONG_JOB.input)))
    await sleep(LONG_JOB.queueMs + 100) // every job is generating now, and answers alike each tick
    const board = new PhaseBoard(count)
    const view = render(
      <>
        {jobs.map((job, i) =>
          kind === 'library' ? (
            <Watcher key={job.id} job={job} board={board} index={i} />
          ) : (
            <NaiveWatcher key={job.id} transport={transport} job={job} board={board} index={i} intervalMs={INTERVAL_MS} />
          ),
        )}
      </>,
      { wrapper: ctx.wrapper },
    )
    const answered = await waitUntil(() => board.phases.every((p) => p !== null), 30_000)
    if (!answered) throw new Error(`${kind}: only ${board.phases.filter((p) => p !== null).length} of ${count} watchers have an answer`)
    await sleep(INTERVAL_MS / 2)
    ctx.sim.clearLog() // the simulator's request log is not the page's memory
    const heapMounted = heapUsed()

    const liveTimers = timers.live()
    const liveTimerKinds = timers.kinds()
    const createdBefore = timers.created()
    const cpuBefore = process.cpuUsage()
    const wallBefore = performance.now()
    await sleep(INTERVAL_MS * ticks)
    const cpu = process.cpuUsage(cpuBefore)
    const wallMs = performance.now() - wallBefore
    const requests = ctx.sim.requests.filter((r) => r.route === 'segmind.status')
    const ticksSeen = requests.length / count
    // Bursts: requests closer than half an interval to the previous one belong to the same tick.
    const spans: number[] = []
    let first = requests[0]?.at ?? 0
    let last = first
    for (const request of requests.slice(1)) {
      if (request.at - last > INTERVAL_MS / 4) {
        spans.push(last - first)
        first = request.at
      }
      last = request.at
    }
    spans.push(last - first)
    const timersCreatedPerTick = (timers.created() - createdBefore) / ticksSeen
    view.unmount()
    await sleep(50)
    const liveTimersAfterUnmount = timers.live()
    // The page's memory: mounted (watchers, cache, pollers) against torn down (unmounted, cache
    // cleared), both read close together with the same jobs in the simulator and an empty log.
    ctx.client.clear()
    await sleep(INTERVAL_MS)
    const liveTimersAfterClear = timers.live()
    ctx.sim.clearLog()
    const heap = heapMounted - heapUsed()
    ctx.sim.dispose()
    spans.sort((a, b) => a - b)
    // Bursts that run into each other (a slow machine) cannot be told apart: no figure then.
    const burstsApart = spans.length >= ticks - 1
    return {
      kind,
      jobs: count,
      intervalMs: INTERVAL_MS,
      liveTimers,
      liveTimerKinds,
      timersCreatedPerTick: round(timersCreatedPerTick, 0),
      requestsPerTick: round(requests.length / (wallMs / INTERVAL_MS), 0),
      heapMB: round(heap / 2 ** 20, 1),
      heapKBPerJob: round(heap / 1024 / count, 1),
      tickCpuMs: round((cpu.user + cpu.system) / 1000 / ticksSeen, 1),
      burstMsMedian: burstsApart ? round(quantile(spans, 0.5), 1) : null,
      burstMsMax: burstsApart ? round(spans[spans.length - 1] ?? Number.NaN, 1) : null,
      liveTimersAfterUnmount,
      liveTimersAfterClear,
      gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    }
  } finally {
    timers.restore()
    env.IS_REACT_ACT_ENVIRONMENT = actEnvironment
  }
}

export interface ScaleResult {
  readonly library: ScaleFigures
  readonly naive: ScaleFigures
}

it('500 jobs in one page', { timeout: 600_000 }, async () => {
  // Warm up both (JIT, module state) on a small page, so neither measured run pays for it.
  await runScale('library', 50, 1)
  await runScale('naive', 50, 1)
  const library = await runScale('library')
  const naive = await runScale('naive')
  const result: ScaleResult = { library, naive }
  writeResult('scale', result)
  for (const f of [library, naive]) {
    console.log(
      `${f.kind.padEnd(7)} ${f.jobs} jobs, ${f.intervalMs} ms interval: ${f.liveTimers} live timers ${JSON.stringify(f.liveTimerKinds)} (${f.liveTimersAfterUnmount} after unmount, ${f.liveTimersAfterClear} after clearing the cache), ` +
        `${f.timersCreatedPerTick} timers created and ${f.requestsPerTick} requests per tick, heap +${f.heapMB} MB (${f.heapKBPerJob} kB/job${f.gcExposed ? '' : ', no gc'}), ` +
        `tick ${f.tickCpuMs} ms CPU, burst ${f.burstMsMedian ?? 'n/a'} ms median / ${f.burstMsMax ?? 'n/a'} ms max`,
    )
  }
  console.log(`library/naive: tick CPU ×${round(library.tickCpuMs / naive.tickCpuMs, 2)}, heap ×${round(library.heapMB / naive.heapMB, 2)}, live timers ×${round(library.liveTimers / naive.liveTimers, 2)}`)
})
