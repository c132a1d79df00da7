import type { LedgerStore } from './ledger-store'

interface Entry {
  readonly value: string
  readonly expiresAt: number
}

// Expired entries are dropped when read, and swept whenever the map has grown by this many
// writes since the last sweep, so a long-lived process holds only live keys (amortised O(1)).
const SWEEP_EVERY = 1024

/** TTLs in whole milliseconds, at least 1 (as Redis's PX takes them). */
export function ttlOf(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`ledger store: a TTL must be a number of ms above 0, got ${String(ttlMs)}.`)
  return Math.max(1, Math.ceil(ttlMs))
}

/**
 * A {@link LedgerStore} in this process's memory: TTLs, atomic set-if-absent and compare-and-set
 * (one thread, so each call is atomic), and pub/sub between the proxies of this process. Enough
 * for one long-running Node server; several instances (or serverless, where each request may
 * land on another one) need a shared store such as {@link createRedisStore}'s.
 */
export function createMemoryStore({ now = () => Date.now() }: { readonly now?: () => number } = {}): LedgerStore {
  const entries = new Map<string, Entry>()
  const channels = new Map<string, Set<(message: string) => void>>()
  let writes = 0

  function live(key: string): Entry | undefined {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt > now()) return entry
    entries.delete(key)
    return undefined
  }

  function write(key: string, value: string, ttlMs: number): void {
    entries.set(key, { value, expiresAt: now() + ttlOf(ttlMs) })
    if (++writes < SWEEP_EVERY) return
    writes = 0
    const t = now()
    for (const [name, entry] of entries) if (entry.expiresAt <= t) entries.delete(name)
  }

  return {
    async get(key) {
      return live(key)?.value
    },
    async set(key, value, ttlMs) {
      write(key, value, ttlMs)
    },
    async setIfAbsent(key, value, ttlMs) {
      if (live(key) !== undefined) return false
      write(key, value, ttlMs)
      return true
    },
    async replaceIf(key, expected, next, ttlMs) {
      if (live(key)?.value !== expected) return false
      write(key, next, ttlMs)
      return true
    },
    async delete(key) {
      entries.delete(key)
    },
    async publish(channel, message) {
      const listeners = channels.get(channel)
      if (listeners === undefined) return
      // Delivered after the publisher's turn, as a Redis message is; one listener's throw is its own.
      for (const listener of [...listeners]) {
        queueMicrotask(() => {
          try {
            listener(message)
          } catch {
            // A subscriber's failure must not reach the publisher.
          }
        })
      }
    },
    async subscribe(channel, listener) {
      // A wrapper per call, so the same function subscribed twice is stopped once per stop.
      const own = (message: string) => listener(message)
      let listeners = channels.get(channel)
      if (listeners === undefined) channels.set(channel, (listeners = new Set()))
      listeners.add(own)
      return async () => {
        listeners.delete(own)
        if (listeners.size === 0 && channels.get(channel) === listeners) channels.delete(channel)
      }
    },
  }
}
