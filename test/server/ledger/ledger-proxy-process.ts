import { createServer } from 'node:http'
import { Redis } from 'ioredis'
import { createLtxProxy } from '../../../src/server/create-ltx-proxy'
import { createRedisStore } from '../../../src/server/ledger/create-redis-store'
import { toNodeHandler } from '../../../src/server/to-node-handler'

// One proxy instance as its own process, for the many-instances tests: the ledger in the Redis
// at REDIS_URL, the provider at UPSTREAM_URL (the simulator), APIXO callbacks to its own origin.
// With PUSH_INSTANCE_ID, push is on (short poll interval, heartbeat and idle time) under that id;
// the lease (3 intervals, 1.5 s) outlives a renewal delayed by a busy machine (600 ms did not, once, on CI-like load).
// It prints `listening <origin>` once it serves, and stops on SIGTERM.

const { REDIS_URL, UPSTREAM_URL, LTX_SECRET, SEGMIND_KEY, APIXO_KEY, PUSH_INSTANCE_ID } = process.env
if (REDIS_URL === undefined || UPSTREAM_URL === undefined) throw new Error('REDIS_URL and UPSTREAM_URL are required')

const client = new Redis(REDIS_URL)
const subscriber = client.duplicate()
const store = createRedisStore({ client, subscriber })
let handler: ReturnType<typeof toNodeHandler> | undefined
const server = createServer((req, res) => handler?.(req, res))
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  const origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
  handler = toNodeHandler(
    createLtxProxy({
      segmind: { apiKey: SEGMIND_KEY, baseUrl: UPSTREAM_URL },
      apixo: { apiKey: APIXO_KEY, baseUrl: UPSTREAM_URL, callbacks: { origin } },
      authorize: 'anyone',
      secret: LTX_SECRET,
      store,
      ...(PUSH_INSTANCE_ID === undefined ? {} : { push: { instanceId: PUSH_INSTANCE_ID, heartbeatMs: 200, pollIntervalMs: { segmind: 500, apixo: 500 }, idleMs: 3000 } }),
    }),
  )
  process.stdout.write(`listening ${origin}\n`)
})
process.on('SIGTERM', () => {
  server.close()
  server.closeAllConnections()
  client.disconnect()
  subscriber.disconnect()
  process.exit(0)
})
