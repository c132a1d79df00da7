// Proxy overhead, with the load client, each proxy and each upstream in its own process (forked
// children on 127.0.0.1 port 0; this process is the client and does nothing else while it
// measures). Two upstreams: a static node:http server with fixed bodies of the providers' shape
// (so that what is compared is the proxies, not the upstream) and startSimulatorServer.
// In front of each: the references (direct; node:http + undici; node:http + http.Agent; a
// Fetch-API forwarder on @hono/node-server's adapter and on toNodeHandler; @fal-ai/server-proxy
// on Express 4) and ltx-react's proxy through toNodeHandler and, as a Fetch-API handler, on the
// same Hono adapter as the fetch forwarder. Three routes: Segmind status read, Segmind submit
// (validated by ltx-react), APIXO status read.
//
// Rounds are interleaved: every round measures every route × upstream × server once, starting
// at a different server each round; ratios are taken per round, then their median. The proxy
// child's CPU time (process.cpuUsage over IPC, before and after each run) gives CPU per request.
// Then issue 13's figure: 2000 concurrent status requests through toNodeHandler to the
// simulator, errors counted and attributed. Then a V8 CPU profile of ltx-react's proxy child
// under load. Bounded: the whole run stops itself after RUN_LIMIT_MS; children die with it.
//   npx tsx bench/proxy.ts [--quick] [--no-burst] [--no-profile] [--targets=a,b] [--upstreams=static]
// --targets / --upstreams measure only those servers / upstreams (for working on one figure);
// such a partial run prints its figures but does not write bench/results (nor does one with
// --rounds=N, N interleaved rounds instead of 7, for a steadier median). ltx-react's servers run
// the built package (dist/), built first when any file under src/ is newer (--no-build: as it is).
import { execFileSync, fork, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { Agent } from 'node:http'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { exampleInputs } from '../src/testing'
import { quantile, RESULTS_DIR, ROOT, round, writeResult } from './lib/results'
import { runLoad, send, type LoadRun, type RequestSpec } from './proxy/load'
import { summariseProfile, type ProfileSummary } from './proxy/profile'
import {
  BASE_PATH,
  BENCH_KEYS,
  FAL_ROUTE,
  PROXY_VARIANTS,
  type ChildReady,
  type ChildReply,
  type ChildRequest,
  type ChildStats,
  type ProxyVariant,
  type UpstreamKind,
} from './proxy/protocol'

const args = process.argv.slice(2)
const QUICK = args.includes('--quick')
const CONCURRENCY = 16
/** Each server runs this long per route and round (a time, not a count, so slow servers do not stretch the run). */
const ROUND_MS = QUICK ? 200 : 400
const ROUNDS_ARG = Number(args.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length))
const ROUNDS = Number.isInteger(ROUNDS_ARG) && ROUNDS_ARG > 0 ? ROUNDS_ARG : QUICK ? 3 : 7
const WARMUP_ROUNDS = 1
const BURST = 2000
/** How long a burst request may take before the client gives up: ltx-react's transports' default request timeout. */
const BURST_TIMEOUT_MS = 60_000
/** The profiled child: warm-up, then the profiled stretch, both in ms of load. */
const PROFILE_WARMUP_MS = QUICK ? 500 : 1500
const PROFILE_MS = QUICK ? 2000 : 6000
const RUN_LIMIT_MS = 15 * 60_000

export const ROUTES = ['segmind.status', 'segmind.submit', 'apixo.status'] as const
export type BenchRoute = (typeof ROUTES)[number]
export type Target = 'direct' | ProxyVariant
const listArg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3).split(',')
const ONLY_TARGETS = listArg('targets')
const ONLY_UPSTREAMS = listArg('upstreams')
const PARTIAL = ONLY_TARGETS !== undefined || ONLY_UPSTREAMS !== undefined || args.some((a) => a.startsWith('--rounds='))
const UPSTREAMS: readonly UpstreamKind[] = (['static', 'simulator'] as const).filter((u) => ONLY_UPSTREAMS === undefined || ONLY_UPSTREAMS.includes(u))
const SEGMIND_MODEL = 'ltx-2-19b-t2v'

/** What each server is, for tables. */
export const TARGET_LABELS: Record<Target, string> = {
  direct: 'direct to the upstream',
  'node-undici': 'node:http + undici Pool',
  'node-agent': 'node:http + http.Agent',
  'fetch-hono': 'fetch forwarder, Hono adapter',
  'fetch-node-handler': 'fetch forwarder, toNodeHandler',
  'fal-express': '@fal-ai/server-proxy 1.2.1, Express 4',
  'ltx-node-handler': 'ltx-react, toNodeHandler',
  'ltx-fetch-hono': 'ltx-react Fetch handler, Hono adapter',
}

/**
 * Every server on the static upstream, where the targets are read. On the simulator (a real
 * upstream's cost in the loop, and the 2000-request burst) the forwarders and ltx-react through
 * toNodeHandler; the fal proxy adds `Authorization: Key …` only, which the simulator refuses.
 */
function targetsFor(upstream: UpstreamKind): readonly Target[] {
  const onSimulator: readonly Target[] = ['direct', 'node-undici', 'node-agent', 'ltx-node-handler']
  return MEASURE_ORDER.filter((t) => (upstream === 'static' || onSimulator.includes(t)) && (ONLY_TARGETS === undefined || ONLY_TARGETS.includes(t)))
}

/**
 * The order servers are measured in within a round, as a ring: the two sides of each targeted
 * ratio are neighbours, so they run one right after the other. Each round starts elsewhere on
 * the ring and every other round goes the other way round, so neither side is always first.
 */
const MEASURE_ORDER: readonly Target[] = [
  'direct',
  'node-undici',
  'ltx-node-handler',
  'fetch-node-handler',
  'fetch-hono',
  'ltx-fetch-hono',
  'fal-express',
  'node-agent',
]
if (MEASURE_ORDER.length !== PROXY_VARIANTS.length + 1) throw new Error('MEASURE_ORDER must name every server once')

// ---- children ----

const children = new Set<ChildProcess>()

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never

class Child {
  private nextId = 1
  private readonly waiting = new Map<number, (reply: ChildReply) => void>()
  private readonly stderr: string[] = []
  readonly exited: Promise<void>
  private constructor(
    readonly name: string,
    readonly process: ChildProcess,
    readonly ready: ChildReady,
  ) {
    process.on('message', (raw) => {
      const reply = raw as ChildReply
      this.waiting.get(reply.id)?.(reply)
      this.waiting.delete(reply.id)
    })
    this.exited = new Promise((resolve) => process.once('exit', () => resolve()))
  }

  get port(): number {
    return this.ready.port
  }

  /** Fork `script` (TypeScript, through tsx) and wait until its server listens. */
  static start(name: string, script: string, scriptArgs: readonly string[]): Promise<Child> {
    const proc = fork(join(ROOT, 'bench', 'proxy', script), [...scriptArgs], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, BENCH_CHILD_LIFETIME_MS: String(RUN_LIMIT_MS + 60_000) },
    })
    children.add(proc)
    proc.once('exit', () => children.delete(proc))
    const stderr: string[] = []
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString())
      if (stderr.length > 40) stderr.shift()
    })
    proc.stdout?.resume()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name}: not listening after 90 s\n${stderr.join('')}`)), 90_000)
      proc.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited (${String(code)}) before listening\n${stderr.join('')}`))
      })
      proc.once('message', (raw) => {
        clearTimeout(timer)
        const child = new Child(name, proc, raw as ChildReady)
        child.stderr.push(...stderr)
        resolve(child)
      })
    })
  }

  ask<O extends ChildRequest['op']>(request: Extract<WithoutId<ChildRequest>, { readonly op: O }>): Promise<Extract<ChildReply, { readonly op: O }>> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no answer to ${request.op}`)), 60_000)
      this.waiting.set(id, (reply) => {
        clearTimeout(timer)
        resolve(reply as Extract<ChildReply, { readonly op: O }>)
      })
      this.process.send({ ...request, id })
    })
  }

  /** Cumulative CPU time of the child, µs. */
  async cpuUs(): Promise<number> {
    const reply = await this.ask({ op: 'cpu' })
    return reply.userUs + reply.systemUs
  }

  async stats(): Promise<ChildStats> {
    return (await this.ask({ op: 'stats' })).stats
  }

  async reset(): Promise<void> {
    await this.ask({ op: 'reset' })
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return
    await Promise.race([this.ask({ op: 'exit' }).catch(() => undefined), new Promise((r) => setTimeout(r, 5000))])
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 5000))])
    if (this.process.exitCode === null) this.process.kill('SIGKILL')
  }
}

function killChildren(): void {
  for (const proc of children) proc.kill('SIGKILL')
}

// ---- requests ----

interface UpstreamPaths {
  readonly segmindSubmit: string
  readonly segmindStatus: (id: string) => string
  readonly apixoSubmit: string
  readonly apixoStatus: (id: string) => string
}

const upstreamPaths: UpstreamPaths = {
  segmindSubmit: `/v2/${SEGMIND_MODEL}`,
  segmindStatus: (id) => `/v2/requests/${id}/status`,
  apixoSubmit: '/api/v1/generateTask/ltx-2-19b',
  apixoStatus: (id) => `/api/v1/statusTask/ltx-2-19b?taskId=${encodeURIComponent(id)}`,
}

const JSON_HEADERS = { 'content-type': 'application/json' }
const segmindBody = Buffer.from(JSON.stringify(exampleInputs[SEGMIND_MODEL]))
const apixoBody = Buffer.from(JSON.stringify({ request_type: 'async', input: exampleInputs['ltx-2-19b'] }))

/** A request to `upstreamPath` of `provider`, as `target` is asked for it. */
function specFor(
  target: Target,
  provider: 'segmind' | 'apixo',
  upstreamPath: string,
  ports: { readonly upstream: number; readonly proxy: number | undefined },
  body?: Buffer,
): RequestSpec {
  const method = body === undefined ? 'GET' : 'POST'
  const typed = body === undefined ? {} : JSON_HEADERS
  const withBody = body === undefined ? {} : { body }
  if (target === 'direct') {
    const key = provider === 'segmind' ? { 'x-api-key': BENCH_KEYS.segmind } : { authorization: `Bearer ${BENCH_KEYS.apixo}` }
    return { method, port: ports.upstream, path: upstreamPath, headers: { ...key, ...typed }, ...withBody }
  }
  const port = ports.proxy ?? 0
  if (target === 'fal-express') {
    return { method, port, path: FAL_ROUTE, headers: { 'x-fal-target-url': `http://127.0.0.1:${ports.upstream}${upstreamPath}`, ...typed }, ...withBody }
  }
  return { method, port, path: `${BASE_PATH}/${provider}${upstreamPath}`, headers: typed, ...withBody }
}

/** The three measured requests of one server, with job ids it handed out itself (ltx-react's may be signed handles). */
async function prepare(target: Target, ports: { readonly upstream: number; readonly proxy: number | undefined }): Promise<Record<BenchRoute, RequestSpec>> {
  const agent = new Agent({ keepAlive: false })
  try {
    const segmindSubmit = specFor(target, 'segmind', upstreamPaths.segmindSubmit, ports, segmindBody)
    const submitted = await send(segmindSubmit, agent)
    const requestId = (JSON.parse(submitted.text) as { request_id?: unknown }).request_id
    if (submitted.status !== 200 || typeof requestId !== 'string') throw new Error(`${target}: Segmind submit answered ${submitted.status} ${submitted.text.slice(0, 200)}`)
    const apixoSubmitted = await send(specFor(target, 'apixo', upstreamPaths.apixoSubmit, ports, apixoBody), agent)
    const taskId = (JSON.parse(apixoSubmitted.text) as { data?: { taskId?: unknown } }).data?.taskId
    if (apixoSubmitted.status !== 200 || typeof taskId !== 'string') throw new Error(`${target}: APIXO submit answered ${apixoSubmitted.status} ${apixoSubmitted.text.slice(0, 200)}`)
    const specs: Record<BenchRoute, RequestSpec> = {
      'segmind.status': specFor(target, 'segmind', upstreamPaths.segmindStatus(requestId), ports),
      'segmind.submit': segmindSubmit,
      'apixo.status': specFor(target, 'apixo', upstreamPaths.apixoStatus(taskId), ports),
    }
    // Measure answers, not refusals: each status read must come back 200 in the provider's shape.
    const status = await send(specs['segmind.status'], agent)
    if (status.status !== 200 || typeof (JSON.parse(status.text) as { status?: unknown }).status !== 'string') {
      throw new Error(`${target}: Segmind status answered ${status.status} ${status.text.slice(0, 200)}`)
    }
    const apixo = await send(specs['apixo.status'], agent)
    if (apixo.status !== 200 || typeof (JSON.parse(apixo.text) as { data?: { state?: unknown } }).data?.state !== 'string') {
      throw new Error(`${target}: APIXO status answered ${apixo.status} ${apixo.text.slice(0, 200)}`)
    }
    return specs
  } finally {
    agent.destroy()
  }
}

// ---- figures ----

export interface RoundFigures {
  readonly rps: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** CPU µs of the proxy child per request (undefined for direct). */
  readonly proxyCpuUs: number | undefined
  readonly upstreamCpuUs: number
}

export interface CellFigures {
  readonly upstream: UpstreamKind
  readonly route: BenchRoute
  readonly target: Target
  readonly requests: number
  /** Requests without a 2xx reply (failures and other statuses). */
  readonly errors: number
  readonly statuses: Record<string, number>
  readonly failures: Record<string, number>
  /** Pooled over the measured rounds. */
  readonly rps: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly proxyCpuUsPerRequest: number | undefined
  readonly upstreamCpuUsPerRequest: number
  readonly rounds: readonly RoundFigures[]
}

export interface RatioFigures {
  readonly name: string
  readonly upstream: UpstreamKind
  readonly route: BenchRoute
  readonly numerator: Target
  readonly denominator: Target
  /** Medians of the per-round ratios (numerator ÷ denominator). */
  readonly p50: number
  readonly p99: number
  readonly cpu: number | undefined
  readonly rps: number
  /** The issue's target for p50 and CPU, if it sets one for this pair. */
  readonly target: number | undefined
  readonly met: boolean | undefined
}

export interface BurstFigures {
  readonly target: Target
  readonly upstream: UpstreamKind
  readonly requests: number
  readonly ok: number
  readonly errors: number
  readonly statuses: Record<string, number>
  /** Requests that got no reply at all, by error code (client side). */
  readonly failures: Record<string, number>
  readonly ms: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
  /** The proxy's own answers by status and reason (ltx-react's log), its peak open connections and server errors. */
  readonly proxy: ChildStats | undefined
  /** Requests the upstream answered during the burst. */
  readonly upstreamRequests: number
  /** Kernel counters (whole machine) over the burst: accept-queue overflows and drops. */
  readonly listenOverflows: number | undefined
  readonly listenDrops: number | undefined
}

export interface ProxyResult {
  readonly concurrency: number
  /** How long each server ran per route and round, ms. */
  readonly roundMs: number
  readonly rounds: number
  readonly warmupRounds: number
  readonly segmindModel: string
  readonly cells: readonly CellFigures[]
  readonly ratios: readonly RatioFigures[]
  readonly bursts: readonly BurstFigures[]
  /** A burst request without a reply after this long counts as a failure (CLIENT_TIMEOUT). */
  readonly burstTimeoutMs: number
  readonly limits: {
    readonly maxOpenFiles: { readonly client: number | undefined; readonly proxy: number | undefined; readonly upstream: number | undefined }
    readonly somaxconn: number | undefined
    readonly tcpMaxSynBacklog: number | undefined
    readonly listenBacklog: string
  }
  readonly profiles: readonly { readonly route: BenchRoute; readonly target: Target; readonly requests: number; readonly summary: ProfileSummary }[]
  readonly ms: number
  /** The machine's 1-minute load average when the proxy run started and when it ended. */
  readonly loadAverage?: { readonly start: number; readonly end: number }
}

const median = (values: readonly number[]) => quantile([...values].sort((a, b) => a - b), 0.5)

function sortedLatencies(runs: readonly LoadRun[]): Float64Array {
  const total = runs.reduce((n, r) => n + r.latencies.length, 0)
  const all = new Float64Array(total)
  let at = 0
  for (const run of runs) {
    all.set(run.latencies, at)
    at += run.latencies.length
  }
  return all.sort()
}

const q = (sorted: Float64Array, p: number) => quantile(sorted as unknown as number[], p)

function merge(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n
}

function readNumber(file: string): number | undefined {
  try {
    const value = Number(readFileSync(file, 'utf8').trim())
    return Number.isFinite(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** TcpExt counters of /proc/net/netstat (Linux). */
function tcpExt(): Record<string, number> {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'))
    const names = lines[0]?.split(/\s+/).slice(1) ?? []
    const values = lines[1]?.split(/\s+/).slice(1) ?? []
    return Object.fromEntries(names.map((n, i) => [n, Number(values[i])]))
  } catch {
    return {}
  }
}

function clientMaxOpenFiles(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'))
    const soft = line?.split(/\s{2,}/)[1]
    return soft === undefined ? undefined : Number(soft)
  } catch {
    return undefined
  }
}

// ---- the run ----

interface Cell {
  readonly upstream: UpstreamKind
  readonly target: Target
  readonly proxy: Child | undefined
  readonly specs: Record<BenchRoute, RequestSpec>
  readonly runs: Record<BenchRoute, LoadRun[]>
  readonly rounds: Record<BenchRoute, RoundFigures[]>
}

const PAIRS: readonly { name: string; numerator: Target; denominator: Target; target?: { status: number; submit: number }; staticOnly?: boolean }[] = [
  { name: 'ltx toNodeHandler ÷ node:http + undici', numerator: 'ltx-node-handler', denominator: 'node-undici', target: { status: 1.1, submit: 1.2 } },
  { name: 'ltx toNodeHandler ÷ node:http + http.Agent', numerator: 'ltx-node-handler', denominator: 'node-agent' },
  { name: 'ltx Fetch handler ÷ fetch forwarder (both on the Hono adapter)', numerator: 'ltx-fetch-hono', denominator: 'fetch-hono', target: { status: 1.1, submit: 1.2 } },
  { name: 'fetch forwarder on toNodeHandler ÷ node:http + undici (the Fetch API path alone)', numerator: 'fetch-node-handler', denominator: 'node-undici', staticOnly: true },
  { name: 'ltx toNodeHandler ÷ fetch forwarder on toNodeHandler (the handler alone)', numerator: 'ltx-node-handler', denominator: 'fetch-node-handler' },
  { name: 'fetch forwarder: toNodeHandler ÷ Hono adapter (the adapter alone)', numerator: 'fetch-node-handler', denominator: 'fetch-hono' },
  { name: '@fal-ai/server-proxy ÷ node:http + undici', numerator: 'fal-express', denominator: 'node-undici', staticOnly: true },
  { name: 'ltx toNodeHandler ÷ direct', numerator: 'ltx-node-handler', denominator: 'direct' },
]

async function measure(cell: Cell, route: BenchRoute, upstream: Child, keep: boolean): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  try {
    // Open the connections (and the proxy's upstream ones) before the clock and the CPU reading start.
    await runLoad(cell.specs[route], { requests: CONCURRENCY }, CONCURRENCY, agent)
    const proxyBefore = await cell.proxy?.cpuUs()
    const upstreamBefore = await upstream.cpuUs()
    const run = await runLoad(cell.specs[route], { durationMs: ROUND_MS }, CONCURRENCY, agent)
    const upstreamAfter = await upstream.cpuUs()
    const proxyAfter = await cell.proxy?.cpuUs()
    if (!keep) return
    const sorted = sortedLatencies([run])
    cell.runs[route].push(run)
    cell.rounds[route].push({
      rps: (run.requests / run.ms) * 1000,
      p50Ms: q(sorted, 0.5),
      p99Ms: q(sorted, 0.99),
      proxyCpuUs: proxyBefore === undefined || proxyAfter === undefined ? undefined : (proxyAfter - proxyBefore) / run.requests,
      upstreamCpuUs: (upstreamAfter - upstreamBefore) / run.requests,
    })
  } finally {
    agent.destroy()
  }
}

function cellFigures(cell: Cell, route: BenchRoute): CellFigures {
  const runs = cell.runs[route]
  const sorted = sortedLatencies(runs)
  const statuses: Record<string, number> = {}
  const failures: Record<string, number> = {}
  for (const run of runs) {
    merge(statuses, run.statuses)
    merge(failures, run.errors)
  }
  const requests = runs.reduce((n, r) => n + r.requests, 0)
  const ok = Object.entries(statuses).reduce((n, [s, c]) => (s.startsWith('2') ? n + c : n), 0)
  const ms = runs.reduce((n, r) => n + r.ms, 0)
  const rounds = cell.rounds[route]
  const meanOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)
  const proxyCpu = rounds.map((r) => r.proxyCpuUs).filter((v): v is number => v !== undefined)
  return {
    upstream: cell.upstream,
    route,
    target: cell.target,
    requests,
    errors: requests - ok,
    statuses,
    failures,
    rps: round((requests / ms) * 1000, 0),
    p50Ms: round(q(sorted, 0.5), 3),
    p99Ms: round(q(sorted, 0.99), 3),
    proxyCpuUsPerRequest: proxyCpu.length === 0 ? undefined : round(meanOf(proxyCpu), 1),
    upstreamCpuUsPerRequest: round(meanOf(rounds.map((r) => r.upstreamCpuUs)), 1),
    rounds: rounds.map((r) => ({
      rps: round(r.rps, 0),
      p50Ms: round(r.p50Ms, 3),
      p99Ms: round(r.p99Ms, 3),
      proxyCpuUs: r.proxyCpuUs === undefined ? undefined : round(r.proxyCpuUs, 1),
      upstreamCpuUs: round(r.upstreamCpuUs, 1),
    })),
  }
}

function ratios(cells: readonly Cell[]): RatioFigures[] {
  const out: RatioFigures[] = []
  for (const upstream of UPSTREAMS) {
    for (const route of ROUTES) {
      for (const pair of PAIRS) {
        if (pair.staticOnly === true && upstream !== 'static') continue
        const num = cells.find((c) => c.upstream === upstream && c.target === pair.numerator)?.rounds[route]
        const den = cells.find((c) => c.upstream === upstream && c.target === pair.denominator)?.rounds[route]
        if (num === undefined || den === undefined || num.length === 0 || num.length !== den.length) continue
        const per = (f: (r: RoundFigures) => number | undefined) => {
          const values = num.map((n, i) => {
            const a = f(n)
            const b = den[i] === undefined ? undefined : f(den[i] as RoundFigures)
            return a === undefined || b === undefined || b === 0 ? undefined : a / b
          })
          return values.every((v) => v !== undefined) ? round(median(values), 3) : undefined
        }
        const p50 = per((r) => r.p50Ms) ?? Number.NaN
        const cpu = per((r) => r.proxyCpuUs)
        const target = pair.target === undefined ? undefined : route === 'segmind.submit' ? pair.target.submit : pair.target.status
        out.push({
          name: pair.name,
          upstream,
          route,
          numerator: pair.numerator,
          denominator: pair.denominator,
          p50,
          p99: per((r) => r.p99Ms) ?? Number.NaN,
          cpu,
          rps: per((r) => r.rps) ?? Number.NaN,
          target,
          met: target === undefined ? undefined : p50 <= target && (cpu === undefined || cpu <= target),
        })
      }
    }
  }
  return out
}

async function burst(target: Target, spec: RequestSpec, proxy: Child | undefined, upstream: Child): Promise<BurstFigures> {
  await proxy?.reset()
  await upstream.reset()
  // A fresh pool without a cap: 2000 requests, 2000 connections, like 2000 browsers.
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY })
  const before = tcpExt()
  try {
    const run = await runLoad(spec, { requests: BURST }, BURST, agent, BURST_TIMEOUT_MS)
    const after = tcpExt()
    const sorted = sortedLatencies([run])
    const ok = Object.entries(run.statuses).reduce((n, [s, c]) => (s === '200' ? n + c : n), 0)
    const delta = (name: string) => (after[name] === undefined || before[name] === undefined ? undefined : (after[name] ?? 0) - (before[name] ?? 0))
    return {
      target,
      upstream: 'simulator',
      requests: BURST,
      ok,
      errors: BURST - ok,
      statuses: run.statuses,
      failures: run.errors,
      ms: round(run.ms, 1),
      p50Ms: round(q(sorted, 0.5), 1),
      p99Ms: round(q(sorted, 0.99), 1),
      maxMs: round(sorted[sorted.length - 1] ?? Number.NaN, 1),
      proxy: await proxy?.stats(),
      upstreamRequests: (await upstream.stats()).requests,
      listenOverflows: delta('ListenOverflows'),
      listenDrops: delta('ListenDrops'),
    }
  } finally {
    agent.destroy()
  }
}

async function profile(route: BenchRoute, upstream: Child): Promise<ProxyResult['profiles'][number]> {
  const dir = join(RESULTS_DIR, 'cpu-profiles')
  mkdirSync(dir, { recursive: true })
  const proxy = await Child.start('profiled ltx-node-handler', 'server.ts', ['ltx-node-handler', `http://127.0.0.1:${upstream.port}`])
  try {
    const specs = await prepare('ltx-node-handler', { upstream: upstream.port, proxy: proxy.port })
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
    try {
      await runLoad(specs[route], { durationMs: PROFILE_WARMUP_MS }, CONCURRENCY, agent)
      await proxy.ask({ op: 'profile-start' })
      const run = await runLoad(specs[route], { durationMs: PROFILE_MS }, CONCURRENCY, agent)
      const file = join(dir, `ltx-node-handler-${route}.cpuprofile`)
      await proxy.ask({ op: 'profile-stop', file })
      if (!existsSync(file)) throw new Error(`no profile written to ${file}`)
      return { route, target: 'ltx-node-handler', requests: run.requests, summary: summariseProfile(file, ROOT) }
    } finally {
      agent.destroy()
    }
  } finally {
    await proxy.stop()
  }
}

/** The newest modification time of the files under `dir`, ms. */
function newest(dir: string): number {
  let found = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found = Math.max(found, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return found
}

/** Build dist/ when it is missing or older than a source file: the benchmark measures what apps run. */
function buildWhenStale(): void {
  const built = join(ROOT, 'dist', 'server.js')
  if (existsSync(built) && statSync(built).mtimeMs >= newest(join(ROOT, 'src'))) return
  console.log('dist/ is missing or older than src/: npm run build')
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' })
}

export async function runProxyBench(): Promise<ProxyResult> {
  const started = Date.now()
  const loadAtStart = round(loadavg()[0] ?? 0, 2)
  const upstreams = new Map<UpstreamKind, Child>()
  const cells: Cell[] = []
  try {
    for (const kind of UPSTREAMS) upstreams.set(kind, await Child.start(`upstream ${kind}`, 'upstream.ts', [kind]))
    const starting: Promise<void>[] = []
    for (const kind of UPSTREAMS) {
      const upstream = upstreams.get(kind) as Child
      for (const target of targetsFor(kind)) {
        starting.push(
          (async () => {
            const proxy = target === 'direct' ? undefined : await Child.start(`${target} → ${kind}`, 'server.ts', [target, `http://127.0.0.1:${upstream.port}`])
            const specs = await prepare(target, { upstream: upstream.port, proxy: proxy?.port })
            cells.push({
              upstream: kind,
              target,
              proxy,
              specs,
              runs: { 'segmind.status': [], 'segmind.submit': [], 'apixo.status': [] },
              rounds: { 'segmind.status': [], 'segmind.submit': [], 'apixo.status': [] },
            })
          })(),
        )
      }
    }
    await Promise.all(starting)
    const order = (kind: UpstreamKind) => targetsFor(kind).map((t) => cells.find((c) => c.upstream === kind && c.target === t) as Cell)

    for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
      const keep = r >= WARMUP_ROUNDS
      process.stdout.write(`${keep ? `round ${r - WARMUP_ROUNDS + 1}/${ROUNDS}` : 'warm-up'} `)
      for (const route of ROUTES) {
        for (const kind of UPSTREAMS) {
          const upstream = upstreams.get(kind) as Child
          const list = order(kind)
          const n = list.length
          for (let i = 0; i < n; i++) {
            const at = r % 2 === 0 ? (r + i) % n : (((r - i) % n) + n) % n
            await measure(list[at] as Cell, route, upstream, keep)
          }
          await upstream.reset()
        }
        process.stdout.write('.')
      }
      process.stdout.write('\n')
    }

    const bursts: BurstFigures[] = []
    if (!args.includes('--no-burst') && !PARTIAL) {
      const simulator = upstreams.get('simulator') as Child
      // ltx-react's proxy in a child of its own, logging, so its answers can be told from the upstream's.
      const logged = await Child.start('ltx-node-handler --log → simulator', 'server.ts', ['ltx-node-handler', `http://127.0.0.1:${simulator.port}`, '--log'])
      try {
        const ltxSpecs = await prepare('ltx-node-handler', { upstream: simulator.port, proxy: logged.port })
        for (const target of ['direct', 'node-undici'] as const) {
          const cell = cells.find((c) => c.upstream === 'simulator' && c.target === target) as Cell
          bursts.push(await burst(target, cell.specs['segmind.status'], cell.proxy, simulator))
        }
        bursts.push(await burst('ltx-node-handler', ltxSpecs['segmind.status'], logged, simulator))
      } finally {
        await logged.stop()
      }
    }

    const limits: ProxyResult['limits'] = {
      maxOpenFiles: {
        client: clientMaxOpenFiles(),
        proxy: cells.find((c) => c.proxy !== undefined)?.proxy?.ready.maxOpenFiles,
        upstream: upstreams.get('simulator')?.ready.maxOpenFiles,
      },
      somaxconn: readNumber('/proc/sys/net/core/somaxconn'),
      tcpMaxSynBacklog: readNumber('/proc/sys/net/ipv4/tcp_max_syn_backlog'),
      listenBacklog: 'proxies and the static upstream listen with backlog 4096 (capped by somaxconn); startSimulatorServer with Node\'s default 511',
    }

    // Stop the measured children before profiling, so the profile has the cores to itself.
    await Promise.all(cells.map((c) => c.proxy?.stop()))
    const profiles: ProxyResult['profiles'][number][] = []
    const staticUpstream = upstreams.get('static')
    if (!args.includes('--no-profile') && staticUpstream !== undefined) {
      for (const route of ['segmind.status', 'segmind.submit'] as const) profiles.push(await profile(route, staticUpstream))
    }

    const cellResults = UPSTREAMS.flatMap((kind) => ROUTES.flatMap((route) => order(kind).map((cell) => cellFigures(cell, route))))
    return {
      concurrency: CONCURRENCY,
      roundMs: ROUND_MS,
      rounds: ROUNDS,
      warmupRounds: WARMUP_ROUNDS,
      segmindModel: SEGMIND_MODEL,
      cells: cellResults,
      ratios: ratios(cells),
      bursts,
      burstTimeoutMs: BURST_TIMEOUT_MS,
      limits,
      profiles,
      ms: Date.now() - started,
      loadAverage: { start: loadAtStart, end: round(loadavg()[0] ?? 0, 2) },
    }
  } finally {
    await Promise.all([...cells.map((c) => c.proxy?.stop()), ...[...upstreams.values()].map((u) => u.stop())])
    killChildren()
  }
}

// ---- printing ----

const ROUTE_LABELS: Record<BenchRoute, string> = {
  'segmind.status': 'Segmind status read',
  'segmind.submit': `Segmind submit (${SEGMIND_MODEL}, validated by ltx-react)`,
  'apixo.status': 'APIXO status read',
}

export function routeLabel(route: BenchRoute): string {
  return ROUTE_LABELS[route]
}

function print(result: ProxyResult): void {
  console.log(`\nProxy overhead: ${result.concurrency} in flight, ${result.rounds} interleaved rounds of ${result.roundMs} ms per server and route (after ${result.warmupRounds} warm-up round); client, proxy and upstream in separate processes`)
  for (const upstream of UPSTREAMS) {
    for (const route of ROUTES) {
      console.log(`\n${upstream} upstream — ${ROUTE_LABELS[route]}`)
      console.log(`  ${'server'.padEnd(40)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'proxy CPU µs/req'.padStart(17)} ${'upstream µs/req'.padStart(16)}  errors`)
      for (const c of result.cells.filter((x) => x.upstream === upstream && x.route === route)) {
        console.log(
          `  ${TARGET_LABELS[c.target].padEnd(40)} ${String(c.rps).padStart(7)} ${c.p50Ms.toFixed(3).padStart(8)} ${c.p99Ms.toFixed(3).padStart(8)} ${(c.proxyCpuUsPerRequest === undefined ? '–' : c.proxyCpuUsPerRequest.toFixed(1)).padStart(17)} ${c.upstreamCpuUsPerRequest.toFixed(1).padStart(16)}  ${c.errors}/${c.requests}`,
        )
      }
    }
  }
  console.log('\nRatios (median of per-round ratios; target applies to p50 and CPU)')
  for (const r of result.ratios) {
    const target = r.target === undefined ? '' : `   target ≤ ×${r.target}: ${r.met === true ? 'met' : 'NOT met'}`
    console.log(`  ${r.upstream.padEnd(9)} ${r.route.padEnd(15)} ${r.name.padEnd(72)} p50 ×${r.p50}  CPU ${r.cpu === undefined ? '–' : `×${r.cpu}`}  req/s ×${r.rps}${target}`)
  }
  for (const b of result.bursts) {
    console.log(
      `\n${b.requests} concurrent Segmind status requests, ${TARGET_LABELS[b.target]} → simulator: ${b.ok} OK, ${b.errors} errors ${JSON.stringify({ ...b.statuses, ...b.failures })} in ${b.ms} ms (p50 ${b.p50Ms} ms, p99 ${b.p99Ms} ms, max ${b.maxMs} ms); upstream answered ${b.upstreamRequests}; listen overflows ${b.listenOverflows ?? 'n/a'}, drops ${b.listenDrops ?? 'n/a'}${b.proxy === undefined ? '' : `; proxy peak connections ${b.proxy.peakConnections}, log ${JSON.stringify(b.proxy.reasons)}, server errors ${JSON.stringify(b.proxy.clientErrors)}`}`,
    )
  }
  for (const p of result.profiles) {
    console.log(`\nCPU profile, ltx-react through toNodeHandler, ${ROUTE_LABELS[p.route]}, ${p.requests} requests: busy ${p.summary.busyMs} ms of ${p.summary.totalMs} ms`)
    console.log('  by area (self time):')
    for (const a of p.summary.areas.slice(0, 14)) console.log(`    ${String(a.percent).padStart(5)}%  ${a.area}`)
    console.log('  top self time:')
    for (const f of p.summary.topSelf.slice(0, 20)) console.log(`    ${String(f.percent).padStart(5)}%  ${f.fn}`)
    console.log('  ltx-react functions, total time:')
    for (const f of p.summary.ltxTotal.slice(0, 12)) console.log(`    ${String(f.percent).padStart(5)}%  ${f.fn}`)
  }
  console.log(`\n(${round(result.ms / 1000, 0)} s)`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const watchdog = setTimeout(() => {
    console.error(`proxy benchmark: still running after ${RUN_LIMIT_MS / 60_000} min; stopping`)
    killChildren()
    process.exit(1)
  }, RUN_LIMIT_MS)
  watchdog.unref()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killChildren()
      process.exit(130)
    })
  }
  process.once('exit', killChildren)
  if (!args.includes('--no-build')) buildWhenStale()
  // Figures only: errors in the burst are reported (and attributed), not turned into a failed run.
  const result = await runProxyBench()
  if (!PARTIAL) writeResult('proxy', result)
  print(result)
}
