// One proxy instance in its own process for the cross-instance push test, forked by it:
//   node --import tsx test/server/ledger/push-proxy-process.ts <upstream origin> <redis port> <instance id>
// It serves the proxy (with a Redis store) on a random 127.0.0.1 port and sends { url } over IPC.
import { createServer } from 'node:http'
import { Redis } from 'ioredis'
import { createLtxProxy } from '../../../src/server/create-ltx-proxy'
import { toNodeHandler } from '../../../src/server/to-node-handler'
import { createPushRedisStore } from './push-redis-store'

const [upstream = '', redisPort = '0', instanceId = 'instance'] = process.argv.slice(2)
const connect = () => new Redis({ port: Number(redisPort), host: '127.0.0.1', maxRetriesPerRequest: 1 })
const store = createPushRedisStore(connect(), connect())
const proxy = createLtxProxy({
  segmind: { apiKey: 'sk-SEGMIND-SECRET-0123456789', baseUrl: upstream },
  apixo: { apiKey: 'ax-APIXO-SECRET-9876543210', baseUrl: upstream },
  authorize: 'anyone',
  allowLoopbackUrls: true,
  // Every instance signs and opens handles with the same secret.
  secret: 'push-test-secret-shared-by-every-instance-0123456789',
  store,
  push: { instanceId, heartbeatMs: 200, pollIntervalMs: { segmind: 100, apixo: 100 }, idleMs: 500 },
})
const server = createServer(toNodeHandler(proxy))
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  process.send?.({ url: `http://127.0.0.1:${port}/api/ltx` })
})
// The parent ends this process by its pid; an orphan ends when the IPC channel closes.
process.on('disconnect', () => process.exit(0))
