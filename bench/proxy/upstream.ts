// Upstream child of the proxy benchmark: `simulator` (ltx-react/testing's startSimulatorServer,
// the clock stopped so every job stays in its first phase) or `static` (a few lines of node:http
// answering every documented route with a fixed body of the provider's shape, so that the proxies
// are compared on an upstream that costs next to nothing).
// Run by bench/proxy.ts: node --import tsx bench/proxy/upstream.ts static|simulator
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { startSimulatorServer } from '../../src/testing'
import { runChild } from './child'
import { BENCH_KEYS, type UpstreamKind } from './protocol'

const kind = process.argv[2] as UpstreamKind

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' }
const STATIC_REQUEST_ID = '0f5bc249-4b73-4532-8860-6e150108aa5e'
const STATIC_TASK_ID = 'e6b5810b633009821a368a8464a0eaef'

/** The bodies the simulator sends for a new job, with the requested id echoed (ids change shape nowhere). */
function segmindStatus(id: string): string {
  return `{"request_id":"${id}","status":"QUEUED","metrics":{"queue_time":0,"inference_time":0,"total_time":0}}`
}
function apixoStatus(id: string): string {
  return `{"code":200,"message":"success","data":{"taskId":"${id}","state":"pending","resultJson":null,"failCode":null,"failMsg":null,"createTime":1768478400000,"completeTime":null,"costTime":null}}`
}
const segmindSubmit = JSON.stringify({
  request_id: STATIC_REQUEST_ID,
  status_url: `https://api.segmind.com/v2/requests/${STATIC_REQUEST_ID}/status`,
  response_url: `https://api.segmind.com/v2/requests/${STATIC_REQUEST_ID}`,
})
const apixoSubmit = JSON.stringify({ code: 200, message: 'success', data: { taskId: STATIC_TASK_ID } })

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, JSON_TYPE)
  res.end(body)
}

function staticUpstream(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/'
  const [path = '/', query = ''] = url.split('?')
  const parts = path.split('/')
  // Bodies are read to the end before answering, as any server does.
  req.resume()
  req.on('end', () => {
    if (req.method === 'POST' && parts.length === 3 && parts[1] === 'v2') return reply(res, 200, segmindSubmit)
    if (req.method === 'GET' && parts[1] === 'v2' && parts[2] === 'requests' && parts[4] === 'status') return reply(res, 200, segmindStatus(parts[3] ?? ''))
    if (req.method === 'POST' && path.startsWith('/api/v1/generateTask/')) return reply(res, 200, apixoSubmit)
    if (req.method === 'GET' && path.startsWith('/api/v1/statusTask/')) {
      const id = new URLSearchParams(query).get('taskId') ?? ''
      return reply(res, 200, apixoStatus(id))
    }
    reply(res, 404, '{"error":"Not found"}')
  })
}

if (kind === 'static') {
  runChild(createServer({ keepAliveTimeout: 60_000 }, staticUpstream))
} else if (kind === 'simulator') {
  const T0 = Date.UTC(2026, 0, 15, 12, 0, 0)
  const server = await startSimulatorServer({
    simulatorOptions: {
      now: () => T0,
      speed: 1,
      keys: BENCH_KEYS,
      // Hundreds of thousands of requests and submits: no limit of the simulated accounts may answer instead.
      credits: 1e12,
      maxConcurrentTasks: 1e9,
      rateLimits: { apixo: { requests: 1e12, windowMs: 60_000 } },
    },
  })
  const sim = server.simulator
  runChild(
    { port: Number(new URL(server.url).port), requests: () => sim.count(), close: () => server.close() },
    // The request log grows with every request; between rounds it is dropped (jobs stay).
    { reasons: {}, onReset: () => sim.clearLog() },
  )
} else {
  console.error(`bench/proxy/upstream.ts: unknown upstream "${String(kind)}" (static | simulator)`)
  process.exit(2)
}
