// The load client of the proxy benchmark: node:http requests with a keep-alive agent, a fixed
// number in flight, each request's latency recorded. Runs in bench/proxy.ts's own process, apart
// from every server it measures.
import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'

/** One request, repeated: where it goes and what it sends. */
export interface RequestSpec {
  readonly method: 'GET' | 'POST'
  readonly port: number
  /** Path and query. */
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: Buffer
}

/** What one load run saw. */
export interface LoadRun {
  readonly requests: number
  /** Latency of every request, ms, in completion order. */
  readonly latencies: Float64Array
  /** Wall time of the run, ms. */
  readonly ms: number
  /** Replies by status code, and failures (no reply) by error code. */
  readonly statuses: Record<string, number>
  readonly errors: Record<string, number>
}

/** A reply read whole, for checks before measuring. */
export interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly text: string
}

/** Send `spec` once and read the whole reply. */
export function send(spec: RequestSpec, agent: Agent, timeoutMs = 30_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = spec.body === undefined ? spec.headers : { ...spec.headers, 'content-length': String(spec.body.byteLength) }
    const req = request({ host: '127.0.0.1', port: spec.port, path: spec.path, method: spec.method, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })))
    req.on('error', reject)
    req.end(spec.body)
  })
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)
}

/** How long a run lasts: a number of requests, or a time after which no new request starts. */
export type LoadBound = { readonly requests: number } | { readonly durationMs: number }

/**
 * Requests of `spec` with `concurrency` in flight (a new one starts as soon as one ends), until
 * `bound`. A burst is `{ requests: n }` with `concurrency` n: every request at once.
 */
export async function runLoad(spec: RequestSpec, bound: LoadBound, concurrency: number, agent: Agent, timeoutMs = 30_000): Promise<LoadRun> {
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  const errors: Record<string, number> = {}
  const headers = spec.body === undefined ? spec.headers : { ...spec.headers, 'content-length': String(spec.body.byteLength) }
  const options = { host: '127.0.0.1', port: spec.port, path: spec.path, method: spec.method, headers, agent }
  const total = 'requests' in bound ? bound.requests : Number.POSITIVE_INFINITY
  let deadline = Number.POSITIVE_INFINITY
  let started = 0
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now()
      let settled = false
      const finish = (key: string, bucket: Record<string, number>) => {
        if (settled) return
        settled = true
        latencies.push(performance.now() - t0)
        bucket[key] = (bucket[key] ?? 0) + 1
        resolve()
      }
      const req = request(options, (res) => {
        res.on('data', () => undefined)
        res.on('end', () => finish(String(res.statusCode), statuses))
        res.on('error', (error) => finish(errorCode(error), errors))
      })
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })))
      req.on('error', (error) => finish(errorCode(error), errors))
      req.end(spec.body)
    })
  const worker = async () => {
    while (started < total && performance.now() < deadline) {
      started++
      await one()
    }
  }
  const t0 = performance.now()
  if ('durationMs' in bound) deadline = t0 + bound.durationMs
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker))
  return { requests: latencies.length, latencies: Float64Array.from(latencies), ms: performance.now() - t0, statuses, errors }
}
