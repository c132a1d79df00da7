// Proxy child of the push benchmark: ltx-react's proxy with a store (push on), through
// toNodeHandler, plus a reference server that holds plain HTTP responses open (headers sent,
// nothing more), to compare memory per connection. { op: 'memory' } answers the heap and RSS
// after forced GC (lowest of three readings).
//   node --expose-gc --import tsx bench/push/proxy.ts <upstream origin>
import { createServer, type ServerResponse } from 'node:http'
import { createLtxProxy } from '../../src/server/create-ltx-proxy'
import { createMemoryStore } from '../../src/server/ledger/create-memory-store'
import { toNodeHandler } from '../../src/server/to-node-handler'
import { serveParent } from './ipc'
import { BENCH_PUSH_KEYS } from './upstream-keys'

const upstream = process.argv[2] ?? ''
const proxy = createLtxProxy({
  segmind: { apiKey: BENCH_PUSH_KEYS.segmind, baseUrl: upstream },
  apixo: { apiKey: BENCH_PUSH_KEYS.apixo, baseUrl: upstream },
  authorize: 'anyone',
  allowLoopbackUrls: true,
  store: createMemoryStore(),
})
const held = new Set<ServerResponse>()
const servers = [
  createServer(toNodeHandler(proxy)),
  createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write('retry: 3000\n\n')
    held.add(res)
    res.on('close', () => held.delete(res))
  }),
]
const listen = (server: (typeof servers)[number]) =>
  new Promise<number>((resolve) => {
    server.keepAliveTimeout = 60_000
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : 0)
    })
  })
const [proxyPort, holdPort] = await Promise.all(servers.map(listen))

const gc = (globalThis as { gc?: () => void }).gc
serveParent({
  memory: async () => {
    let heap = Infinity
    let rss = Infinity
    for (let i = 0; i < 3; i++) {
      gc?.()
      await new Promise((resolve) => setTimeout(resolve, 50))
      const used = process.memoryUsage()
      heap = Math.min(heap, used.heapUsed)
      rss = Math.min(rss, used.rss)
    }
    return { heap, rss }
  },
})
process.send?.({ ready: true, proxyUrl: `http://127.0.0.1:${proxyPort}/api/ltx`, holdUrl: `http://127.0.0.1:${holdPort}/` })
