// server.ts: the proxy with a job ledger in Redis, on Node's http (every instance runs the same).
import { createServer } from 'node:http'
import { Redis } from 'ioredis'
import { createLtxProxy, createRedisStore, toNodeHandler } from 'ltx-react/server'

export function startLtxServer(env = process.env) {
  // The app's own Redis client, and a second connection for pub/sub.
  const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379')
  const subscriber = redis.duplicate()
  const proxy = createLtxProxy({
    apixo: {
      apiKey: env.APIXO_API_KEY,
      baseUrl: env.APIXO_BASE_URL,
      // APIXO posts each task's end to https://app.example/api/ltx/apixo/callback/<token>.
      callbacks: { origin: env.PUBLIC_ORIGIN },
    },
    secret: env.LTX_PROXY_SECRET,
    authorize: 'anyone', // your session check, as in section 1
    // Idempotent submits, received callbacks and push, shared by every instance.
    store: createRedisStore({ client: redis, subscriber }),
  })
  const server = createServer(toNodeHandler(proxy)).listen(Number(env.PORT ?? 3000), '127.0.0.1')
  const close = () => {
    server.close()
    server.closeAllConnections()
    redis.disconnect()
    subscriber.disconnect()
  }
  return { server, close }
}
