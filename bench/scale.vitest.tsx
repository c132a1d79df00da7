// Scale: 500 concurrent jobs tracked in one page (500 useJobStatus watchers of 500 different
// jobs): live timers (counted through wrapped setTimeout/clearTimeout and
// setInterval/clearInterval), the time of one polling tick (every poller firing once: 500
// status requests through msw, cache updates, React commits), and heap per job as the slope of
// heap used (after forced GC) over 250, 500 and 750 watched jobs in one page, not as one
// difference. The naive poller runs the same page in the same run, for the ratio. Written to
// .tmp/bench/scale.json.
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
import { useJobStatus, type JobRef, type PollingOptions, type VideoTransport } from '../src/index'
import { PhaseBoard, SEGMIND_60S, server, setup } from './lib/harness'
import { NaiveWatcher } from './lib/naive-watcher'
import { quantile, round, writeResult } from './lib/results'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
afterEach(() => cleanup())

const JOBS = 500
/** Jobs watched at each heap reading; the heap per job is the slope through them. */
const HEAP_STEPS = [250, 500, 750] as const
const INTERVAL_MS = 2000
const TICKS = 5
/** The same interval for the library's Segmind polling and the naive poller; a stable object (it is an effect dependency). */
const POLLING: PollingOptions = { segmindIntervalMs: INTERVAL_MS }
/** The heap page's interval: after the first answers nothing is in flight while the heap is read. */
const QUIET_INTERVAL_MS = 10 * 60_000
const QUIET_POLLING: PollingOptions = { segmindIntervalMs: QUIET_INTERVAL_MS }
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

function Watcher({ job, board, index, polling }: { job: JobRef; board: PhaseBoard; index: number; polling: PollingOptions }) {
  const status = useJobStatus(job, { polling })
  board.phases[index] = status.phase
  return <p>{status.phase ?? 'checking'}</p>
}

interface PageProps {
  kind: 'library' | 'naive'
  jobs: readonly JobRef[]
  count: number
  board: PhaseBoard
  transport: VideoTransport
  /** The heap page polls rarely (both kinds ask once on mount), so nothing is in flight when the heap is read. */
  quiet?: boolean
}

function Page({ kind, jobs, count, board, transport, quiet = false }: PageProps) {
  return (
    <>
      {jobs.slice(0, count).map((job, i) =>
        kind === 'library' ? (
          <Watcher key={job.id} job={job} board={board} index={i} polling={quiet ? QUIET_POLLING : POLLING} />
        ) : (
          <NaiveWatcher key={job.id} transport={transport} job={job} board={board} index={i} intervalMs={quiet ? QUIET_INTERVAL_MS : INTERVAL_MS} immediate={quiet} />
        ),
      )}
    </>
  )
}

/** Least-squares line through (x, y): slope, intercept and R². */
export function fitLine(points: readonly { readonly x: number; readonly y: number }[]): { slope: number; intercept: number; r2: number } {
  const n = points.length
  const mx = points.reduce((a, p) => a + p.x, 0) / n
  const my = points.reduce((a, p) => a + p.y, 0) / n
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0)
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0)
  const syy = points.reduce((a, p) => a + (p.y - my) ** 2, 0)
  const slope = sxy / sxx
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) }
}

export interface HeapReading {
  readonly jobs: number
  /** Heap used after forced GC, MB. */
  readonly heapMB: number
}

export interface ScaleFigures {
  readonly kind: 'library' | 'naive'
  /** Jobs watched while timers and the tick were measured. */
  readonly jobs: number
  readonly intervalMs: number
  /** Timers alive while all jobs are being watched. */
  readonly liveTimers: number
  readonly liveTimerKinds: { readonly upToInterval: number; readonly longer: number; readonly intervals: number }
  /** Timers created per tick. */
  readonly timersCreatedPerTick: number
  /** Status requests per tick (≈ jobs). */
  readonly requestsPerTick: number
  /** Heap used with 250, 500 and 750 jobs watched (forced GC before each reading; quiet page, see runHeap). */
  readonly heap: readonly HeapReading[]
  /** The slope of heap over jobs: kB per watched job, with the fit's R². */
  readonly heapKBPerJob: number
  readonly heapFitR2: number
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

/** The heap used at its lowest of a few readings after forced GC (stray allocations only add). */
async function quietHeap(): Promise<number> {
  let least = Number.POSITIVE_INFINITY
  for (let i = 0; i < 3; i++) {
    await sleep(100)
    least = Math.min(least, heapUsed())
  }
  return least
}

/**
 * Heap per job: one page watches `steps[0]` jobs, then more (those already there stay mounted),
 * polling rarely so no request is in flight at a reading; the heap is read at each step after
 * forced GC and the slope through the readings is the figure.
 */
async function runHeap(kind: 'library' | 'naive', steps: readonly number[] = HEAP_STEPS): Promise<{ heap: HeapReading[]; kBPerJob: number; r2: number }> {
  const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean | undefined }
  const actEnvironment = env.IS_REACT_ACT_ENVIRONMENT
  env.IS_REACT_ACT_ENVIRONMENT = false
  try {
    const most = Math.max(...steps)
    const ctx = setup(LONG_JOB, { credits: 1_000_000 })
    const transport = ctx.transports.segmind
    // Every job exists before the first reading, so the simulator's own memory is the same in all of them.
    const jobs = await Promise.all(Array.from({ length: most }, () => transport.submit(LONG_JOB.model, LONG_JOB.input)))
    await sleep(LONG_JOB.queueMs + 100)
    const board = new PhaseBoard(most)
    const page = (count: number) => <Page kind={kind} jobs={jobs} count={count} board={board} transport={transport} quiet />
    const view = render(page(0), { wrapper: ctx.wrapper })
    const heap: HeapReading[] = []
    for (const count of steps) {
      view.rerender(page(count))
      const answered = await waitUntil(() => board.phases.slice(0, count).every((p) => p !== null), 60_000)
      if (!answered) throw new Error(`${kind}: only ${board.phases.slice(0, count).filter((p) => p !== null).length} of ${count} watchers have an answer`)
      await sleep(200)
      ctx.sim.clearLog() // the simulator's request log is not the page's memory
      heap.push({ jobs: count, heapMB: (await quietHeap()) / 2 ** 20 })
    }
    view.unmount()
    ctx.client.clear()
    ctx.sim.dispose()
    const fit = fitLine(heap.map((h) => ({ x: h.jobs, y: h.heapMB * 2 ** 20 })))
    return { heap: heap.map((h) => ({ jobs: h.jobs, heapMB: round(h.heapMB, 2) })), kBPerJob: round(fit.slope / 1024, 2), r2: round(fit.r2, 4) }
  } finally {
    env.IS_REACT_ACT_ENVIRONMENT = actEnvironment
  }
}

/** Timers and the polling tick with `count` jobs watched at the real interval. */
async function runTicks(kind: 'library' | 'naive', count = JOBS, ticks = TICKS): Promise<Omit<ScaleFigures, 'heap' | 'heapKBPerJob' | 'heapFitR2' | 'gcExposed'>> {
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
    const view = render(<Page kind={kind} jobs={jobs} count={count} board={board} transport={transport} />, { wrapper: ctx.wrapper })
    const answered = await waitUntil(() => board.phases.every((p) => p !== null), 30_000)
    if (!answered) throw new Error(`${kind}: only ${board.phases.filter((p) => p !== null).length} of ${count} watchers have an answer`)
    await sleep(INTERVAL_MS / 2)
    ctx.sim.clearLog()

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
    // Bursts: requests closer than a quarter interval to the previous one belong to the same tick.
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
    spans.sort((a, b) => a - b)
    const timersCreatedPerTick = round((timers.created() - createdBefore) / ticksSeen, 0)
    view.unmount()
    await sleep(50)
    const liveTimersAfterUnmount = timers.live()
    ctx.client.clear()
    await sleep(INTERVAL_MS)
    const liveTimersAfterClear = timers.live()
    ctx.sim.dispose()
    // Bursts that run into each other (a slow machine) cannot be told apart: no figure then.
    const burstsApart = spans.length >= ticks - 1
    return {
      kind,
      jobs: count,
      intervalMs: INTERVAL_MS,
      liveTimers,
      liveTimerKinds,
      timersCreatedPerTick,
      requestsPerTick: round(requests.length / (wallMs / INTERVAL_MS), 0),
      tickCpuMs: round((cpu.user + cpu.system) / 1000 / ticksSeen, 1),
      burstMsMedian: burstsApart ? round(quantile(spans, 0.5), 1) : null,
      burstMsMax: burstsApart ? round(spans[spans.length - 1] ?? Number.NaN, 1) : null,
      liveTimersAfterUnmount,
      liveTimersAfterClear,
    }
  } finally {
    timers.restore()
    env.IS_REACT_ACT_ENVIRONMENT = actEnvironment
  }
}

async function runScale(kind: 'library' | 'naive'): Promise<ScaleFigures> {
  const ticks = await runTicks(kind)
  const heap = await runHeap(kind)
  return { ...ticks, heap: heap.heap, heapKBPerJob: heap.kBPerJob, heapFitR2: heap.r2, gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function' }
}

export interface ScaleResult {
  readonly library: ScaleFigures
  readonly naive: ScaleFigures
}

it('500 jobs in one page', { timeout: 600_000 }, async () => {
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') throw new Error('run with --expose-gc (bench/vitest.bench.config.ts passes it): the heap slope needs forced GC')
  // Warm up both (JIT, module state) on a small page, so neither measured run pays for it.
  for (const kind of ['library', 'naive'] as const) {
    await runTicks(kind, 50, 1)
    await runHeap(kind, [25, 50])
  }
  const library = await runScale('library')
  const naive = await runScale('naive')
  const result: ScaleResult = { library, naive }
  writeResult('scale', result)
  for (const f of [library, naive]) {
    console.log(
      `${f.kind.padEnd(7)} ${f.jobs} jobs, ${f.intervalMs} ms interval: ${f.liveTimers} live timers ${JSON.stringify(f.liveTimerKinds)} (${f.liveTimersAfterUnmount} after unmount, ${f.liveTimersAfterClear} after clearing the cache), ` +
        `${f.timersCreatedPerTick} timers created and ${f.requestsPerTick} requests per tick, ` +
        `tick ${f.tickCpuMs} ms CPU, burst ${f.burstMsMedian ?? 'n/a'} ms median / ${f.burstMsMax ?? 'n/a'} ms max`,
    )
    console.log(`        heap ${f.heap.map((h) => `${h.jobs} jobs ${h.heapMB} MB`).join(', ')}: slope ${f.heapKBPerJob} kB/job (R² ${f.heapFitR2})`)
  }
  console.log(`library/naive: tick CPU ×${round(library.tickCpuMs / naive.tickCpuMs, 2)}, heap per job ×${round(library.heapKBPerJob / naive.heapKBPerJob, 2)}, live timers ×${round(library.liveTimers / naive.liveTimers, 2)}`)
})
