import { Redis } from 'ioredis'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../../src/server/ledger/create-memory-store'
import { createRedisStore } from '../../../src/server/ledger/create-redis-store'
import { startRedisServer, type RedisServer } from './redis-server'
import { describeLedgerStore } from './store-contract'

// The same contract against the memory store and a real redis-server through ioredis and
// node-redis, the two clients an app may already have.

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(() => redis.stop())

describeLedgerStore('memory', async () => {
  const store = createMemoryStore()
  return { store, peer: store, close: async () => undefined }
})

describeLedgerStore('Redis through ioredis', async () => {
  const clients = [new Redis(redis.url), new Redis(redis.url)]
  const [a, b] = clients as [Redis, Redis]
  const subA = a.duplicate()
  const subB = b.duplicate()
  return {
    store: createRedisStore({ client: a, subscriber: subA }),
    peer: createRedisStore({ client: b, subscriber: subB }),
    pttl: (key) => a.pttl(key),
    close: async () => {
      for (const client of [a, b, subA, subB]) client.disconnect()
    },
  }
})

describeLedgerStore('Redis through node-redis', async () => {
  const a = createClient({ url: redis.url })
  const b = createClient({ url: redis.url })
  await Promise.all([a.connect(), b.connect()])
  const subA = a.duplicate()
  const subB = b.duplicate()
  await Promise.all([subA.connect(), subB.connect()])
  return {
    store: createRedisStore({ client: a, subscriber: subA }),
    peer: createRedisStore({ client: b, subscriber: subB }),
    pttl: (key) => a.pTTL(key),
    close: async () => {
      for (const client of [a, b, subA, subB]) client.destroy()
    },
  }
})

describe('createRedisStore', () => {
  it('refuses what is neither an ioredis nor a node-redis client, before any command', () => {
    expect(() => createRedisStore({ client: {} as never, subscriber: {} as never })).toThrow(/ioredis client .* or a node-redis client/)
    const memory = { call: async () => 'OK' }
    expect(() => createRedisStore({ client: memory, subscriber: {} as never })).toThrow(/subscriber must be/)
  })

  it('never imports a Redis client itself (the app brings its own)', async () => {
    const { readFileSync } = await import('node:fs')
    for (const file of ['create-redis-store.ts', 'create-memory-store.ts']) {
      const source = readFileSync(new URL(`../../../src/server/ledger/${file}`, import.meta.url), 'utf8')
      expect(source).not.toMatch(/from ['"](ioredis|redis|@redis\/[^'"]+)['"]/)
    }
  })
})
