// Proxy overhead: status requests straight to the simulator server against the same requests
// through createLtxProxy + toNodeHandler, both real node:http servers on 127.0.0.1, measured in
// the same run and compared as a ratio. Then 1000 concurrent status requests through the proxy.
// Bounded loops only; every server is closed at the end. Run: npx tsx bench/proxy.ts
import { createServer, type Server } from 'node:http'
import { performance } from 'node:perf_hooks'
import { createLtxProxy } from '../src/server/create-ltx-proxy'
import { toNodeHandler } from '../src/server/to-node-handler'
import { startSimulatorServer } from '../src/testing/start-simulator-server'
import { quantile, round, writeResult } from './lib/results'

const KEYS = { segmind: 'sk-bench-segmind', apixo: 'ax-bench-apixo' } as const
const T0 = Date.UTC(2026, 0, 15, 12, 0, 0)
const CONCURRENCY = 16
const WARMUP = 300
const PER_ROUND = 500
const ROUNDS = 6
const BURST = 1000

export interface LoadFigures {
  readonly requests: number
  readonly errors: number
  readonly rps: number
  readonly p50Ms: number
  readonly p99Ms: number
}

export interface ProxyResult {
  readonly concurrency: number
  readonly direct: LoadFigures
  readonly proxy: LoadFigures
  /** proxy ÷ direct: req/s and p50 as the median of the per-round ratios (robust to a noisy neighbour), p99 pooled. */
  readonly ratio: { readonly rps: number; readonly p50: number; readonly p99: number }
  readonly rounds: number
  readonly burst: { readonly requests: number; readonly ok: number; readonly errors: number; readonly statuses: Record<string, number>; readonly ms: number }
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (typeof address !== 'object' || address === null) return reject(new Error('no address'))
      resolve(`http://127.0.0.1:${address.port}`)
    })
  })
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/** `total` GETs with `concurrency` in flight; latency of each, and the wall time. */
async function load(url: string, headers: Record<string, string>, total: number, concurrency: number) {
  const latencies: number[] = []
  let errors = 0
  let next = 0
  const worker = async () => {
    while (next < total) {
      next++
      const start = performance.now()
      try {
        const response = await fetch(url, { headers })
        await response.arrayBuffer()
        if (response.status !== 200) errors++
      } catch {
        errors++
      }
      latencies.push(performance.now() - start)
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { latencies, errors, ms: performance.now() - start }
}

function figures(runs: { latencies: number[]; errors: number; ms: number }[]): LoadFigures {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b)
  const ms = runs.reduce((sum, r) => sum + r.ms, 0)
  return {
    requests: latencies.length,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    rps: round((latencies.length / ms) * 1000, 0),
    p50Ms: round(quantile(latencies, 0.5), 3),
    p99Ms: round(quantile(latencies, 0.99), 3),
  }
}

export async function runProxyBench(): Promise<ProxyResult> {
  const upstream = await startSimulatorServer({ simulatorOptions: { now: () => T0, keys: KEYS, speed: 1 } })
  const proxyServer = createServer(
    toNodeHandler(
      createLtxProxy({
        authorize: 'anyone',
        segmind: { apiKey: KEYS.segmind, baseUrl: upstream.url },
        apixo: { apiKey: KEYS.apixo, baseUrl: upstream.url },
      }),
    ),
  )
  try {
    const proxyUrl = `${await listen(proxyServer)}/api/ltx`
    const submitted = await fetch(`${proxyUrl}/segmind/v2/ltx-2-fast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'Waves at dusk, benchmark' }),
    })
    const { request_id: id } = (await submitted.json()) as { request_id: string }
    if (submitted.status !== 200 || typeof id !== 'string') throw new Error(`submit through the proxy failed: HTTP ${submitted.status}`)

    // The proxy hands out a signed handle; straight to the simulator takes the provider's own id.
    const rawId = upstream.simulator.jobs().at(-1)?.id ?? ''
    const direct = { url: `${upstream.url}/v2/requests/${rawId}/status`, headers: { 'x-api-key': KEYS.segmind } }
    const proxied = { url: `${proxyUrl}/segmind/v2/requests/${id}/status`, headers: {} }

    await load(direct.url, direct.headers, WARMUP, CONCURRENCY)
    await load(proxied.url, proxied.headers, WARMUP, CONCURRENCY)
    type Run = Awaited<ReturnType<typeof load>>
    const directRuns: Run[] = []
    const proxyRuns: Run[] = []
    // Alternate rounds (and which side goes first) so drift (JIT, GC, other work on the machine)
    // hits both sides alike; ratios are taken per round, then their median.
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        directRuns.push(await load(direct.url, direct.headers, PER_ROUND, CONCURRENCY))
        proxyRuns.push(await load(proxied.url, proxied.headers, PER_ROUND, CONCURRENCY))
      } else {
        proxyRuns.push(await load(proxied.url, proxied.headers, PER_ROUND, CONCURRENCY))
        directRuns.push(await load(direct.url, direct.headers, PER_ROUND, CONCURRENCY))
      }
    }
    const d = figures(directRuns)
    const p = figures(proxyRuns)
    const perRound = directRuns.map((dr, i) => {
      const pr = proxyRuns[i] ?? dr
      const p50 = (run: Run) => quantile([...run.latencies].sort((a, b) => a - b), 0.5)
      return { rps: dr.ms / pr.ms, p50: p50(pr) / p50(dr) }
    })
    const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5)

    const statuses: Record<string, number> = {}
    const burstStart = performance.now()
    const outcomes = await Promise.all(
      Array.from({ length: BURST }, async () => {
        try {
          const response = await fetch(proxied.url)
          await response.arrayBuffer()
          return String(response.status)
        } catch (error) {
          return `error: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`
        }
      }),
    )
    const burstMs = performance.now() - burstStart
    for (const outcome of outcomes) statuses[outcome] = (statuses[outcome] ?? 0) + 1
    const ok = statuses['200'] ?? 0

    return {
      concurrency: CONCURRENCY,
      direct: d,
      proxy: p,
      ratio: {
        rps: round(median(perRound.map((r) => r.rps)), 3),
        p50: round(median(perRound.map((r) => r.p50)), 3),
        p99: round(p.p99Ms / d.p99Ms, 3),
      },
      rounds: ROUNDS,
      burst: { requests: BURST, ok, errors: BURST - ok, statuses, ms: round(burstMs, 1) },
    }
  } finally {
    await close(proxyServer)
    await upstream.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runProxyBench()
  writeResult('proxy', result)
  const row = (name: string, f: LoadFigures) =>
    `${name.padEnd(8)} ${String(f.rps).padStart(7)} req/s   p50 ${f.p50Ms.toFixed(3)} ms   p99 ${f.p99Ms.toFixed(3)} ms   errors ${f.errors}/${f.requests}`
  console.log(`Proxy overhead (Segmind status, ${result.concurrency} in flight, ${ROUNDS}×${PER_ROUND} requests each, 127.0.0.1)`)
  console.log(row('direct', result.direct))
  console.log(row('proxy', result.proxy))
  console.log(`ratio proxy/direct (median of ${result.rounds} rounds; p99 pooled): req/s ×${result.ratio.rps}, p50 ×${result.ratio.p50}, p99 ×${result.ratio.p99}`)
  console.log(`${result.burst.requests} concurrent through the proxy: ${result.burst.ok} OK, ${result.burst.errors} errors in ${result.burst.ms} ms ${JSON.stringify(result.burst.statuses)}`)
  if (result.burst.errors > 0) process.exitCode = 1
}
