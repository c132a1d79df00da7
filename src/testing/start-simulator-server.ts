import { createSimulator } from './create-simulator'
import type { Simulator, SimulatorOptions } from './simulator-types'

/** Options of {@link startSimulatorServer}. */
export interface SimulatorServerOptions {
  /** Port to listen on; default 0 (any free port). */
  readonly port?: number
  /** Interface to bind; default `127.0.0.1` so the simulator is never reachable from outside. */
  readonly host?: string
  /** The simulator to serve; default a new one made from `simulatorOptions`. */
  readonly simulator?: Simulator
  readonly simulatorOptions?: SimulatorOptions
}

/** A running simulator HTTP server. */
export interface SimulatorServer {
  /** The origin it answers on, e.g. `http://127.0.0.1:41234`; use it as the upstream base URL. */
  readonly url: string
  readonly simulator: Simulator
  /** Stop listening, drop open connections and (if the server made it) dispose the simulator. */
  close(): Promise<void>
}

/**
 * Serve a simulator as a real HTTP server (Node only), for demos and the proxy's tests.
 * Node modules load lazily here, so importing `ltx-react/testing` in a browser stays safe.
 */
export async function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  // A specifier bundlers do not follow: a browser build that includes ltx-react/testing (msw in
  // Storybook) neither bundles nor warns about Node's http module, which only this function uses.
  const nodeHttp = 'node:http'
  const { createServer } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ nodeHttp)) as typeof import('node:http')
  const { toNodeHandler } = await import('../server/to-node-handler')
  const simulator = options.simulator ?? createSimulator(options.simulatorOptions)
  const host = options.host ?? '127.0.0.1'
  const server = createServer(toNodeHandler((request) => simulator.fetch(request)))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0)
  const hostPart = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${hostPart}:${port}`,
    simulator,
    close: () =>
      new Promise<void>((resolve) => {
        if (options.simulator === undefined) simulator.dispose()
        server.close(() => resolve())
        // Keep-alive sockets and held (slow) replies would otherwise keep close() waiting.
        server.closeAllConnections()
      }),
  }
}
