import type { Provider } from '../../models/provider'

// Every key and channel the ledger writes, in one place (prefix `ltx:`), so the proxy, the
// callback receiver, the events route and the poll loop agree on names across instances.

/** How long an idempotency key, a job record and a snapshot are kept: 24 h. */
export const LEDGER_TTL_MS = 24 * 60 * 60_000

/**
 * Whose keys: `-` for anonymous callers, `u.` and the percent-encoded user id otherwise (so a
 * user id holding `:` cannot reach into another scope, and no user id can be `-`).
 */
export function userScope(userId: string | undefined): string {
  return userId === undefined ? '-' : `u.${encodeURIComponent(userId)}`
}

/** `ltx:idem:{scope}:{sha256(key)}`: an idempotency key's pending, done or failed submit. */
export const idempotencyKey = (userId: string | undefined, keyHash: string) => `ltx:idem:${userScope(userId)}:${keyHash}`

/** Where a change of an idempotency key's state is announced (duplicates waiting on it wake up). */
export const idempotencyChannel = (userId: string | undefined, keyHash: string) => `ltx:idem-changed:${userScope(userId)}:${keyHash}`

/** `ltx:job:{provider}:{upstreamId}`: the job record (owner, callback token, deadline, final state). */
export const jobKey = (provider: Provider, upstreamId: string) => `ltx:job:${provider}:${upstreamId}`

/** `ltx:snap:{provider}:{upstreamId}`: the latest JobEvent of a job (what an SSE resume sends). */
export const snapshotKey = (provider: Provider, upstreamId: string) => `ltx:snap:${provider}:${upstreamId}`

/** `ltx:lease:{provider}:{upstreamId}`: the instance that runs the job's one poll loop. */
export const leaseKey = (provider: Provider, upstreamId: string) => `ltx:lease:${provider}:${upstreamId}`

/** `ltx:events:{provider}:{upstreamId}`: every JobEvent of a job, as it happens. */
export const eventsChannel = (provider: Provider, upstreamId: string) => `ltx:events:${provider}:${upstreamId}`
