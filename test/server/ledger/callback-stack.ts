import { createServer, type Server } from 'node:http'
import { createLtxProxy, type LtxProxyOptions } from '../../../src/server/create-ltx-proxy'
import type { LedgerStore } from '../../../src/server/ledger/ledger-store'
import { toNodeHandler } from '../../../src/server/to-node-handler'
import { startSimulatorServer, type SimulatorServer } from '../../../src/testing/start-simulator-server'
import type { SimulatorOptions } from '../../../src/testing/simulator-types'
import { closeServer, listen, SECRET_KEYS, T0 } from '../proxy-stack'

/** A proxy on 127.0.0.1 that receives APIXO callbacks at its own origin, in front of the simulator. */
export interface CallbackStack {
  readonly sim: SimulatorServer['simulator']
  readonly upstream: SimulatorServer
  readonly origin: string
  readonly proxyUrl: string
  close(): Promise<void>
}

/** The server listens first, so the proxy can be told its own origin for the callback URL. */
export async function serveCallbackProxy(store: LedgerStore, upstreamUrl: string, extra: Partial<LtxProxyOptions> = {}): Promise<{ origin: string; server: Server }> {
  let handler: ReturnType<typeof toNodeHandler> | undefined
  const server = createServer((req, res) => handler?.(req, res))
  const origin = await listen(server)
  handler = toNodeHandler(
    createLtxProxy({
      apixo: { apiKey: SECRET_KEYS.apixo, baseUrl: upstreamUrl, callbacks: { origin } },
      authorize: 'anyone',
      store,
      ...extra,
    }),
  )
  return { origin, server }
}

export async function startCallbackStack(store: LedgerStore, extra: Partial<LtxProxyOptions> = {}, simulator: SimulatorOptions = {}): Promise<CallbackStack> {
  // An injected clock: a job ends (and its callback is sent) when the test advances it.
  const upstream = await startSimulatorServer({ simulatorOptions: { now: () => T0, keys: SECRET_KEYS, callbacks: { retryDelayMs: 10 }, ...simulator } })
  const { origin, server } = await serveCallbackProxy(store, upstream.url, extra)
  return {
    sim: upstream.simulator,
    upstream,
    origin,
    proxyUrl: `${origin}/api/ltx`,
    async close() {
      await closeServer(server)
      await upstream.close()
    },
  }
}
