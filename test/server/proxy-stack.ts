import { createServer, type Server } from 'node:http'
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
  /** Another proxy in front of the same simulator, with other options. */
  extraProxy(options: Partial<LtxProxyOptions>): Promise<string>
  close(): Promise<void>
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
