import type { LedgerStore } from '../../../src/server/ledger/ledger-store'

/** A real store seen through a decorator that counts what the tests ask about; every call goes to the store. */
export interface CountingStore extends LedgerStore {
  /** Listeners subscribed through this store now, over every channel. */
  listeners(): number
  /** Keys written through this store that the store still holds (not deleted, not expired). */
  keys(): Promise<string[]>
  /** How many times `key` was read. */
  reads(key: string): number
}

/** Wraps `store` (createMemoryStore() or createRedisStore(...)): the same store, with its listeners, keys and reads counted. */
export function countingStore(store: LedgerStore): CountingStore {
  const written = new Set<string>()
  const reads = new Map<string, number>()
  let listeners = 0
  return {
    async get(key) {
      reads.set(key, (reads.get(key) ?? 0) + 1)
      return store.get(key)
    },
    async set(key, value, ttlMs) {
      written.add(key)
      await store.set(key, value, ttlMs)
    },
    async setIfAbsent(key, value, ttlMs) {
      written.add(key)
      return store.setIfAbsent(key, value, ttlMs)
    },
    async replaceIf(key, expected, next, ttlMs) {
      written.add(key)
      return store.replaceIf(key, expected, next, ttlMs)
    },
    async delete(key) {
      await store.delete(key)
    },
    publish: (channel, message) => store.publish(channel, message),
    async subscribe(channel, listener) {
      const stop = await store.subscribe(channel, listener)
      listeners++
      let counted = true
      return async () => {
        if (counted) listeners--
        counted = false
        await stop()
      }
    },
    listeners: () => listeners,
    async keys() {
      const held = await Promise.all([...written].map(async (key) => ((await store.get(key)) === undefined ? undefined : key)))
      return held.filter((key): key is string => key !== undefined)
    },
    reads: (key) => reads.get(key) ?? 0,
  }
}
