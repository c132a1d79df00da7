import { Redis } from 'ioredis'
import { createMemoryStore } from '../../../src/server/ledger/create-memory-store'
import { createRedisStore } from '../../../src/server/ledger/create-redis-store'
import type { LedgerStore } from '../../../src/server/ledger/ledger-store'
import type { RedisServer } from './redis-server'

/** A store for a proxy test, and how to close its connections. */
export interface OpenStore {
  readonly store: LedgerStore
  close(): Promise<void>
}

/** The memory store, or a Redis store over ioredis on `redis`. */
export function openStore(kind: 'memory' | 'redis', redis: () => RedisServer): OpenStore {
  if (kind === 'memory') return { store: createMemoryStore(), close: async () => undefined }
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
