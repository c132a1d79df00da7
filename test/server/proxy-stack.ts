import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createLtxProxy, type LtxProxyOptions, type ProxyLogEntry } from '../../src/server/create-ltx-proxy'
import { toNodeHandler } from '../../src/server/to-node-handler'
import { startSimulatorServer, type SimulatorServer } from '../../src/testing/start-simulator-server'
import type { Simulator, SimulatorOptions } from '../../src/testing/simulator-types'

// The whole chain as an app runs it: a client → the proxy (a real HTTP server on 127.0.0.1)
// → the simulator (another real HTTP server on 127.0.0.1). Nothing leaves the machine.

/** Keys distinctive enough to search every reply for. */
export const SECRET_KEYS = { segmind: 'sk-SEGMIND-SECRET-0123456789', apixo: 'ax-APIXO-SECRET-9876543210' } as const

/** A fixed starting time for the simulator's injected clock. */
export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0)

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || address === null) throw new Error('no address')
  return `http://127.0.0.1:${address.port}`
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

export interface ProxyStack {
  readonly upstream: SimulatorServer
  readonly sim: Simulator
  /** The proxy's base URL, e.g. `http://127.0.0.1:40123/api/ltx`. */
  readonly proxyUrl: string
  readonly logs: ProxyLogEntry[]
  /** Move the simulator's clock. */
  advance(ms: number): void
  /** Another proxy (its own instance, sharing nothing) in front of the same simulator, with other options. */
  extraProxy(options: Partial<LtxProxyOptions>): Promise<string>
  close(): Promise<void>
}

/** Serve a proxy on 127.0.0.1 through toNodeHandler; its base URL (`…/api/ltx`) and a way to stop it. */
export async function serveProxy(options: LtxProxyOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(toNodeHandler(createLtxProxy(options)))
  const origin = await listen(server)
  return { url: `${origin}${options.basePath ?? '/api/ltx'}`, close: () => closeServer(server) }
}

export async function startProxyStack(
  options: { proxy?: Partial<LtxProxyOptions>; simulator?: SimulatorOptions } = {},
): Promise<ProxyStack> {
  const upstream = await startSimulatorServer({
    simulatorOptions: { now: () => T0, keys: SECRET_KEYS, ...options.simulator },
  })
  const logs: ProxyLogEntry[] = []
  const servers: Server[] = []
  const makeProxy = async (extra: Partial<LtxProxyOptions>) => {
    const proxy = createLtxProxy({
      segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: upstream.url },
      apixo: { apiKey: SECRET_KEYS.apixo, baseUrl: upstream.url },
      authorize: 'anyone',
      // The simulator serves its videos from 127.0.0.1, and a retake sends one back.
      allowLoopbackUrls: true,
      log: (entry) => logs.push(entry),
      ...extra,
    })
    const server = createServer(toNodeHandler(proxy))
    servers.push(server)
    return `${await listen(server)}/api/ltx`
  }
  const proxyUrl = await makeProxy(options.proxy ?? {})
  return {
    upstream,
    sim: upstream.simulator,
    proxyUrl,
    logs,
    advance: (ms) => upstream.simulator.advance(ms),
    extraProxy: makeProxy,
    async close() {
      await Promise.all(servers.map(closeServer))
      await upstream.close()
    },
  }
}

/** What a hostile upstream saw of one request. */
export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** How a hostile upstream answers: a status, headers and a body, or full control of the response. */
export type HostileReply =
  | { readonly status?: number; readonly headers?: Record<string, string>; readonly body?: string | Uint8Array; readonly delayMs?: number }
  | ((req: SeenRequest, res: ServerResponse) => void)

/** A provider that answers whatever the test scripts, on 127.0.0.1, and counts what it gets. */
export interface HostileUpstream {
  readonly url: string
  readonly requests: SeenRequest[]
  /** The reply to the next requests, until set again. */
  reply(next: HostileReply): void
  close(): Promise<void>
}

export async function startHostileUpstream(initial: HostileReply = { status: 200, body: '{}' }): Promise<HostileUpstream> {
  let next = initial
  const requests: SeenRequest[] = []
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') }
      requests.push(seen)
      const reply = next
      if (typeof reply === 'function') return reply(seen, res)
      const send = () => {
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers })
        res.end(reply.body ?? '')
      }
      if (reply.delayMs === undefined) return send()
      const timer = setTimeout(() => {
        timers.delete(timer)
        send()
      }, reply.delayMs)
      timers.add(timer)
    })
  })
  const url = await listen(server)
  return {
    url,
    requests,
    reply: (value) => {
      next = value
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer)
      return closeServer(server)
    },
  }
}

/** A raw HTTP/1.1 request, with whatever method, path and headers (Host included) a hostile client sends. */
export function rawRequest(
  base: string,
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string | undefined } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method, headers, setHost: headers.host === undefined }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}
