import type { LedgerStore } from './ledger-store'

/** A lease in the store: at most one holder at a time, lost when not renewed within its TTL. */
export interface Lease {
  /** Takes the lease when free, renews it when held; true while this owner holds it. */
  hold(): Promise<boolean>
  /** Gives the lease up (only if still held by this owner), so another instance may take it at once. */
  release(): Promise<void>
}

// What a released lease holds: the store has no compare-and-delete, so a release swaps the
// holder's id for this marker (only if it still holds it), and a taker may replace the marker.
const RELEASED = '-released-'

/**
 * The lease at `key` for `owner` (an instance id): `setIfAbsent` to take it, `replaceIf` (same
 * owner) to renew it, so a holder that dies loses it after `ttlMs` and another instance takes over.
 */
export function createLease(store: LedgerStore, key: string, owner: string, ttlMs: number): Lease {
  let held = false
  return {
    async hold() {
      held =
        (held && (await store.replaceIf(key, owner, owner, ttlMs))) ||
        (await store.setIfAbsent(key, owner, ttlMs)) ||
        (await store.replaceIf(key, RELEASED, owner, ttlMs))
      return held
    },
    async release() {
      if (!held) return
      held = false
      await store.replaceIf(key, owner, RELEASED, ttlMs)
    },
  }
}
