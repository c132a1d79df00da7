/**
 * The job ledger's storage: a small key-value store with TTLs and pub/sub. The proxy keeps in it
 * what must outlive one request and be seen by every instance: idempotency keys, the final state
 * of a job whose APIXO callback came, the latest snapshot of a watched job, and the lease of the
 * one poll loop per job. `createMemoryStore()` serves one process; `createRedisStore(...)` serves
 * many, over the app's own Redis client. Values are strings (JSON, written by the proxy).
 */
export interface LedgerStore {
  /** The value at `key`, or undefined when it is absent or expired. */
  get(key: string): Promise<string | undefined>
  /** Writes `value` at `key` for `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>
  /** Writes `value` at `key` for `ttlMs` only if the key is absent; true when this call wrote it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>
  /**
   * Writes `next` at `key` for `ttlMs` only if the key holds `expected` now (a lease renewed or
   * a pending record completed by its own writer); true when this call wrote it.
   */
  replaceIf(key: string, expected: string, next: string, ttlMs: number): Promise<boolean>
  /** Removes `key`; removing an absent key is not an error. */
  delete(key: string): Promise<void>
  /** Sends `message` to every subscriber of `channel`, in every instance. */
  publish(channel: string, message: string): Promise<void>
  /** Calls `listener` with each message published to `channel`; the returned function stops it. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>
}
