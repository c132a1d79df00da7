import { Redis } from 'ioredis'
import { createClient } from 'redis'
import { createMemoryStore } from '../../../src/server/ledger/create-memory-store'
import { createRedisStore } from '../../../src/server/ledger/create-redis-store'
import type { LedgerStore } from '../../../src/server/ledger/ledger-store'
import type { RedisServer } from './redis-server'

/** A store for a proxy test, and how to close its connections. */
export interface OpenStore {
  readonly store: LedgerStore
  close(): Promise<void>
}

/** The memory store, or a Redis store over ioredis or node-redis on `redis`. */
export async function openStore(kind: 'memory' | 'ioredis' | 'node-redis', redis: () => RedisServer): Promise<OpenStore> {
  if (kind === 'memory') return { store: createMemoryStore(), close: async () => undefined }
  if (kind === 'node-redis') {
    const client = createClient({ url: redis().url })
    await client.connect()
    const subscriber = client.duplicate()
    await subscriber.connect()
    return {
      store: createRedisStore({ client, subscriber }),
      close: async () => {
        client.destroy()
        subscriber.destroy()
      },
    }
  }
  const client = new Redis(redis().url)
  const subscriber = client.duplicate()
  return {
    store: createRedisStore({ client, subscriber }),
    close: async () => {
      client.disconnect()
      subscriber.disconnect()
    },
  }
}
