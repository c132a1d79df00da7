import type { LedgerStore } from './ledger-store'

/** A lease in the store: at most one holder at a time, lost when not renewed within its TTL. */
export interface Lease {
  /** Takes the lease when free, renews it when held; true while this owner holds it. */
  hold(): Promise<boolean>
  /** Gives the lease up (only if still held by this owner), so another instance may take it at once. */
  release(): Promise<void>
}

// A released lease is left to expire at once: the store has no compare-and-delete.
const RELEASED_TTL_MS = 1

/**
 * The lease at `key` for `owner` (an instance id): `setIfAbsent` to take it, `replaceIf` (same
 * owner) to renew it, so a holder that dies loses it after `ttlMs` and another instance takes over.
 */
export function createLease(store: LedgerStore, key: string, owner: string, ttlMs: number): Lease {
  let held = false
  return {
    async hold() {
      held = (held && (await store.replaceIf(key, owner, owner, ttlMs))) || (await store.setIfAbsent(key, owner, ttlMs))
      return held
    },
    async release() {
      if (!held) return
      held = false
      await store.replaceIf(key, owner, `${owner}:released`, RELEASED_TTL_MS)
    },
  }
}
