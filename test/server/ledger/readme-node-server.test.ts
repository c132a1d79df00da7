import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLtxServer } from '../../../examples/ledger/node-server'
import { exampleInputs } from '../../../src/testing/example-inputs'
import { startSimulatorServer, type SimulatorServer } from '../../../src/testing/start-simulator-server'
import { SECRET_KEYS, T0 } from '../proxy-stack'
import { startRedisServer, type RedisServer } from './redis-server'

// The README's Node server (examples/ledger/node-server.ts) as written, on a real redis-server
// and the simulator: it serves, receives callbacks at its public origin and deduplicates retries.

let redis: RedisServer
let upstream: SimulatorServer
beforeAll(async () => {
  redis = await startRedisServer()
  upstream = await startSimulatorServer({ simulatorOptions: { now: () => T0, keys: SECRET_KEYS } })
})
afterAll(async () => {
  await upstream.close()
  await redis.stop()
})

describe("the README's Node server with a Redis ledger", () => {
  it('serves APIXO with callbacks to its origin, and replays a retry with the same key', async () => {
    const env = {
      REDIS_URL: redis.url,
      APIXO_API_KEY: SECRET_KEYS.apixo,
      APIXO_BASE_URL: upstream.url,
      PUBLIC_ORIGIN: 'https://app.example',
      LTX_PROXY_SECRET: 'readme-node-server-secret-0123456789abcdef',
      PORT: '0',
    }
    const { server, close } = startLtxServer(env)
    try {
      await once(server, 'listening')
      const address = server.address()
      const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/api/ltx`
      const send = () =>
        fetch(`${base}/apixo/api/v1/generateTask/ltx-2-19b`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': 'readme-intent-0123456789' },
          body: JSON.stringify({ request_type: 'async', provider: 'auto', input: exampleInputs['ltx-2-19b'] }),
        })
      const first = await send()
      expect(first.status).toBe(200)
      expect(first.headers.get('x-ltx-ledger')).toBe('1')
      const retry = await send()
      expect(retry.headers.get('x-ltx-idempotent-replay')).toBe('true')
      expect(await retry.json()).toEqual(await first.json())
      expect(upstream.simulator.count('apixo.submit')).toBe(1)
      expect(upstream.simulator.jobs()[0]?.callbackUrl).toMatch(/^https:\/\/app\.example\/api\/ltx\/apixo\/callback\/[A-Za-z0-9_-]{43}$/)
    } finally {
      close()
    }
  })
})
