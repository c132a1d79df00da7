import type { LedgerStore } from '../../../src/server/ledger/ledger-store'

/** A one-process LedgerStore for the push tests (the ledger lane ships the real createMemoryStore), with its listeners counted. */
export interface PushMemoryStore extends LedgerStore {
  /** Listeners subscribed now, over every channel. */
  listeners(): number
  /** Every key currently set (not expired). */
  keys(): string[]
}

export function createPushMemoryStore(): PushMemoryStore {
  const values = new Map<string, { value: string; until: number }>()
  const channels = new Map<string, Set<(message: string) => void>>()
  const read = (key: string) => {
    const found = values.get(key)
    if (found !== undefined && found.until <= Date.now()) values.delete(key)
    return values.get(key)?.value
  }
  return {
    async get(key) {
      return read(key)
    },
    async set(key, value, ttlMs) {
      values.set(key, { value, until: Date.now() + ttlMs })
    },
    async setIfAbsent(key, value, ttlMs) {
      if (read(key) !== undefined) return false
      values.set(key, { value, until: Date.now() + ttlMs })
      return true
    },
    async replaceIf(key, expected, next, ttlMs) {
      if (read(key) !== expected) return false
      values.set(key, { value: next, until: Date.now() + ttlMs })
      return true
    },
    async delete(key) {
      values.delete(key)
    },
    async publish(channel, message) {
      for (const listener of [...(channels.get(channel) ?? [])]) listener(message)
    },
    async subscribe(channel, listener) {
      const set = channels.get(channel) ?? new Set()
      channels.set(channel, set)
      // Wrapped, so the same function subscribed twice counts twice.
      const own = (message: string) => listener(message)
      set.add(own)
      return async () => {
        set.delete(own)
        if (set.size === 0) channels.delete(channel)
      }
    },
    listeners: () => [...channels.values()].reduce((sum, set) => sum + set.size, 0),
    keys: () => [...values.keys()].filter((key) => read(key) !== undefined),
  }
}
