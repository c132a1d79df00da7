import { Agent, createServer, request as httpRequest } from 'node:http'
import { connect, createServer as createTcpServer, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLtxProxy } from '../../src/server/create-ltx-proxy'
import { toNodeHandler } from '../../src/server/to-node-handler'
import { exampleInputs } from '../../src/testing/example-inputs'
import { startSimulatorServer, type SimulatorServer } from '../../src/testing/start-simulator-server'
import { SECRET_KEYS, T0, closeServer } from './proxy-stack'

// Under load: 2000 concurrent status reads through toNodeHandler to startSimulatorServer, all
// on 127.0.0.1, finish with 0 errors, and the proxy reuses a bounded pool of upstream
// connections (counted by a TCP relay in front of the simulator). The client is bounded too
// (an http.Agent with 200 sockets), the proxy's listen backlog is raised, and the test has a
// time limit but makes no timing claim: speed is for bench/proxy.ts.

const REQUESTS = 2000
const CLIENT_SOCKETS = 200
const UPSTREAM_CONNECTIONS = 64

let simulator: SimulatorServer
let relay: ReturnType<typeof createTcpServer>
let relayUrl: string
let upstreamConnections = 0
const relaySockets = new Set<Socket>()

beforeAll(async () => {
  simulator = await startSimulatorServer({ simulatorOptions: { now: () => T0, keys: SECRET_KEYS } })
  const { port } = new URL(simulator.url)
  relay = createTcpServer((socket) => {
    upstreamConnections += 1
    const upstream = connect(Number(port), '127.0.0.1')
    relaySockets.add(socket).add(upstream)
    socket.pipe(upstream).pipe(socket)
    const drop = () => {
      socket.destroy()
      upstream.destroy()
    }
    socket.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
  })
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
  const address = relay.address()
  relayUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
})

afterAll(async () => {
  for (const socket of relaySockets) socket.destroy()
  await new Promise<void>((resolve) => relay.close(() => resolve()))
  await simulator.close()
})

function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('2000 concurrent status requests through the proxy', () => {
  it(
    'all answer 200, over a bounded pool of reused upstream connections',
    async () => {
      const proxy = createLtxProxy({
        authorize: 'anyone',
        segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: relayUrl },
        maxUpstreamConnections: UPSTREAM_CONNECTIONS,
      })
      const server = createServer(toNodeHandler(proxy))
      await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve))
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      const agent = new Agent({ keepAlive: true, maxSockets: CLIENT_SOCKETS })
      try {
        const submitted = await fetch(`http://127.0.0.1:${port}/api/ltx/segmind/v2/ltx-2-fast`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(exampleInputs['ltx-2-fast']),
        })
        const { request_id: handle } = (await submitted.json()) as { request_id: string }
        const before = simulator.simulator.count('segmind.status')

        const outcomes = await Promise.all(
          Array.from({ length: REQUESTS }, () =>
            get(agent, port, `/api/ltx/segmind/v2/requests/${handle}/status`).then(
              (status) => String(status),
              (error: unknown) => `error: ${error instanceof Error ? error.message : String(error)}`,
            ),
          ),
        )
        const statuses: Record<string, number> = {}
        for (const outcome of outcomes) statuses[outcome] = (statuses[outcome] ?? 0) + 1

        expect(statuses).toEqual({ '200': REQUESTS })
        expect(simulator.simulator.count('segmind.status') - before, 'upstream calls').toBe(REQUESTS)
        // Node's fetch keeps connections alive; the limiter bounds how many it ever opens.
        expect(upstreamConnections).toBeGreaterThan(0)
        expect(upstreamConnections).toBeLessThanOrEqual(UPSTREAM_CONNECTIONS)
      } finally {
        agent.destroy()
        await closeServer(server)
      }
    },
    120_000,
  )
})
