// Push (issue 18): the SSE route's server-side poll loop against polling from every tab, with the
// load client (this process), the proxy and the upstream each in its own process (forked children
// on 127.0.0.1 port 0, as bench/proxy.ts does).
// - Upstream status requests per job with 1 and 50 watchers: push on (one SSE connection per
//   watcher) against the reference, each watcher polling the proxy at the hooks' interval (50 tabs).
// - Time from the upstream's completion (the simulator's clock moved to the job's end) to each
//   watcher seeing it, push against polling, as a share of the interval.
// - Memory per open SSE connection: the proxy child's heap and RSS after forced GC at N open
//   connections watching one job, the least-squares slope, against the same slope for plain HTTP
//   responses held open by a node:http server in that child (the reference).
//   npx tsx bench/push.ts [--quick]     (--quick: Segmind only, fewer connections)
import { fork, type ChildProcess } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { exampleInputs } from '../src/testing'
import { quantile, ROOT, round, writeResult } from './lib/results'

const QUICK = process.argv.includes('--quick')
const RUN_LIMIT_MS = 10 * 60_000
/** The hooks' polling intervals (and the proxy's poll loop defaults). */
const INTERVAL_MS = { segmind: 2000, apixo: 5000 } as const
type Provider = keyof typeof INTERVAL_MS
const PROVIDERS: readonly Provider[] = QUICK ? ['segmind'] : ['segmind', 'apixo']
const WATCHERS = [1, 50] as const
const CONNECTIONS = QUICK ? [0, 100, 200, 400] : [0, 250, 500, 1000]

const children = new Set<ChildProcess>()
const stopAll = () => {
  for (const child of children) child.kill('SIGKILL')
}
process.on('exit', stopAll)
setTimeout(() => {
  console.error('bench/push: run limit reached')
  process.exit(1)
}, RUN_LIMIT_MS).unref()

interface Child {
  readonly ready: Record<string, string>
  ask(op: string, args?: Record<string, unknown>): Promise<Record<string, number>>
}

function start(script: string, args: readonly string[], execArgv: readonly string[] = []): Promise<Child> {
  const proc = fork(join(ROOT, 'bench', 'push', script), [...args], { cwd: ROOT, execArgv: [...execArgv, '--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  children.add(proc)
  let next = 0
  const waiting = new Map<number, (reply: Record<string, number>) => void>()
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${script} exited (${String(code)})`)))
    proc.on('message', (raw) => {
      const message = raw as Record<string, unknown>
      if (message.ready === true) {
        resolve({
          ready: message as Record<string, string>,
          ask: (op, rest = {}) =>
            new Promise((done) => {
              const id = next++
              waiting.set(id, done)
              proc.send({ id, op, ...rest })
            }),
        })
        return
      }
      const id = message.id as number
      waiting.get(id)?.(message as Record<string, number>)
      waiting.delete(id)
    })
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const isEnd = (text: string) => /"status":"(COMPLETED|FAILED)"|"state":"(success|failed)"/i.test(text)

/** An SSE connection on its own socket; `endAt` is when it saw the job's end. */
function openSse(url: string): Promise<{ events: () => number; endAt: () => number | undefined; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      let events = 0
      let endAt: number | undefined
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        if (chunk.includes('event: job')) events++
        if (endAt === undefined && chunk.includes('event: job') && isEnd(chunk)) endAt = Date.now()
      })
      res.on('error', () => undefined)
      resolve({ events: () => events, endAt: () => endAt, close: () => req.destroy() })
    })
    req.on('error', reject)
    req.end()
  })
}

async function submit(proxyUrl: string, provider: Provider): Promise<{ handle: string; id: string; statusUrl: string; name: string }> {
  const model = provider === 'segmind' ? 'ltx-video' : 'ltx-2-19b'
  const url = provider === 'segmind' ? `${proxyUrl}/segmind/v2/${model}` : `${proxyUrl}/apixo/api/v1/generateTask/${model}`
  const body = provider === 'segmind' ? exampleInputs['ltx-video'] : { request_type: 'async', provider: 'auto', input: exampleInputs['ltx-2-19b'] }
  const reply = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const json = (await reply.json()) as { request_id?: string; data?: { taskId?: string } }
  const handle = json.request_id ?? json.data?.taskId ?? ''
  const id = handle.slice(0, handle.lastIndexOf('.'))
  const statusUrl = provider === 'segmind' ? `${proxyUrl}/segmind/v2/requests/${handle}/status` : `${proxyUrl}/apixo/api/v1/statusTask/${model}?taskId=${handle}`
  return { handle, id, statusUrl, name: `${provider}:${model}:${handle}` }
}

export interface PushRun {
  readonly provider: Provider
  readonly mode: 'push' | 'polling'
  readonly watchers: number
  readonly intervalMs: number
  readonly upstreamStatusRequests: number
  /** ms from the upstream's completion to each watcher seeing it. */
  readonly latencyP50Ms: number
  readonly latencyMaxMs: number
  readonly allSawTheEnd: boolean
}

async function runJob(upstream: Child, proxyUrl: string, provider: Provider, mode: PushRun['mode'], watchers: number): Promise<PushRun> {
  const interval = INTERVAL_MS[provider]
  const job = await submit(proxyUrl, provider)
  const ends: (() => number | undefined)[] = []
  const stops: (() => void)[] = []
  if (mode === 'push') {
    const clients = await Promise.all(Array.from({ length: watchers }, () => openSse(`${proxyUrl}/events?job=${encodeURIComponent(job.name)}`)))
    for (const client of clients) {
      ends.push(client.endAt)
      stops.push(client.close)
    }
    for (let i = 0; i < 200 && !clients.every((c) => c.events() > 0); i++) await sleep(25)
  } else {
    // Each watcher a tab of its own, polling at the hooks' interval from a random phase.
    for (let w = 0; w < watchers; w++) {
      let endAt: number | undefined
      let timer: ReturnType<typeof setTimeout> | undefined
      const poll = async () => {
        const text = await (await fetch(job.statusUrl)).text().catch(() => '')
        if (isEnd(text)) endAt ??= Date.now()
        else timer = setTimeout(() => void poll(), interval)
      }
      timer = setTimeout(() => void poll(), Math.random() * interval)
      ends.push(() => endAt)
      stops.push(() => clearTimeout(timer))
    }
  }
  await sleep(2.5 * interval)
  const { at } = await upstream.ask('finish', { job: job.id })
  for (let i = 0; i < (3 * interval) / 25 + 200 && !ends.every((end) => end() !== undefined); i++) await sleep(25)
  for (const stop of stops) stop()
  await sleep(200)
  const { status } = await upstream.ask('count', { job: job.id })
  const latencies = ends.map((end) => (end() ?? Number.NaN) - (at ?? Number.NaN)).filter(Number.isFinite).sort((a, b) => a - b)
  return {
    provider,
    mode,
    watchers,
    intervalMs: interval,
    upstreamStatusRequests: status ?? 0,
    latencyP50Ms: round(quantile(latencies, 0.5), 0),
    latencyMaxMs: round(latencies.at(-1) ?? Number.NaN, 0),
    allSawTheEnd: latencies.length === watchers,
  }
}

/** Least-squares slope of y over x. */
function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return num / den
}

export interface PushMemory {
  readonly connections: readonly number[]
  readonly sse: { readonly heapBytesPerConnection: number; readonly rssBytesPerConnection: number }
  readonly held: { readonly heapBytesPerConnection: number; readonly rssBytesPerConnection: number }
}

async function memoryPerConnection(proxy: Child, proxyUrl: string, holdUrl: string): Promise<PushMemory> {
  const measure = async (url: string) => {
    const heap: [number, number][] = []
    const rss: [number, number][] = []
    const open: (() => void)[] = []
    for (const n of CONNECTIONS) {
      while (open.length < n) {
        const batch = await Promise.all(Array.from({ length: Math.min(50, n - open.length) }, () => openSse(url)))
        open.push(...batch.map((c) => c.close))
      }
      await sleep(300)
      const used = await proxy.ask('memory')
      heap.push([n, used.heap ?? 0])
      rss.push([n, used.rss ?? 0])
    }
    for (const close of open) close()
    await sleep(500)
    return { heapBytesPerConnection: round(slope(heap), 0), rssBytesPerConnection: round(slope(rss), 0) }
  }
  const job = await submit(proxyUrl, 'segmind')
  const held = await measure(holdUrl)
  const sse = await measure(`${proxyUrl}/events?job=${encodeURIComponent(job.name)}`)
  return { connections: CONNECTIONS, sse, held }
}

export interface PushResult {
  readonly runs: readonly PushRun[]
  readonly memory: PushMemory
}

const upstream = await start('upstream.ts', [])
const proxy = await start('proxy.ts', [upstream.ready.url ?? ''], ['--expose-gc'])
const proxyUrl = proxy.ready.proxyUrl ?? ''
const runs: PushRun[] = []
for (const provider of PROVIDERS) {
  for (const watchers of WATCHERS) {
    for (const mode of ['push', 'polling'] as const) {
      const run = await runJob(upstream, proxyUrl, provider, mode, watchers)
      console.log(JSON.stringify(run))
      runs.push(run)
    }
  }
}
const memory = await memoryPerConnection(proxy, proxyUrl, proxy.ready.holdUrl ?? '')
console.log(JSON.stringify(memory))
writeResult('push', { runs, memory } satisfies PushResult)
stopAll()
process.exit(0)
