import type { LedgerStore } from './ledger-store'
import { idempotencyChannel, idempotencyKey, LEDGER_TTL_MS } from './ledger-keys'

/** A refusal or failure reply kept for the duplicates that waited on it. */
export interface StoredFailure {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

type KeyState =
  | { readonly state: 'pending'; readonly bodyHash: string; readonly owner: string }
  | { readonly state: 'done'; readonly bodyHash: string; readonly status: number; readonly body: string }
  | { readonly state: 'failed'; readonly bodyHash: string; readonly at: number; readonly failure: StoredFailure }

/** The claim of a key by this request: it sends the submit, then completes or fails the key. */
export interface IdempotencyClaim {
  readonly kind: 'fresh'
  /** The upstream accepted the job: its raw reply is kept 24 h for replays. */
  complete(status: number, body: string): Promise<void>
  /** Nothing was billed (or it is unknown after a late reply never came): the key is free again; waiting duplicates get `failure`. */
  fail(failure: StoredFailure): Promise<void>
}

export type IdempotencyStart =
  | IdempotencyClaim
  | { readonly kind: 'replay'; readonly status: number; readonly body: string }
  | { readonly kind: 'failed'; readonly failure: StoredFailure }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'pending' }

// A failure stays visible this long, for duplicates that were waiting on it; a new request
// after it claims the key again.
const FAILED_TTL_MS = 60_000
const MAX_STEP_MS = 1000

function parse(raw: string | undefined): KeyState | undefined {
  if (raw === undefined) return undefined
  try {
    const value = JSON.parse(raw) as KeyState
    return typeof value.bodyHash === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

export interface ClaimOptions {
  readonly userId: string | undefined
  readonly keyHash: string
  readonly bodyHash: string
  /** How long a duplicate waits for the first request's outcome; then `pending`. */
  readonly waitMs: number
  /** How long a pending claim lives (the submit's deadline and its late reply): a crashed instance does not hold the key for a day. */
  readonly pendingTtlMs: number
}

/**
 * Claim an idempotency key for a submit, or learn what an earlier request with it came to: the
 * same body done (replay), another body (mismatch), still in flight (wait for it, bounded by
 * `waitMs`), or failed (the waiters get its reply; a later request claims the key again).
 */
export async function claimIdempotencyKey(store: LedgerStore, options: ClaimOptions): Promise<IdempotencyStart> {
  const key = idempotencyKey(options.userId, options.keyHash)
  const channel = idempotencyChannel(options.userId, options.keyHash)
  const { bodyHash } = options
  const startedAt = Date.now()
  const mine = JSON.stringify({ state: 'pending', bodyHash, owner: crypto.randomUUID() } satisfies KeyState)
  const claim: IdempotencyClaim = {
    kind: 'fresh',
    async complete(status, body) {
      const done = JSON.stringify({ state: 'done', bodyHash, status, body } satisfies KeyState)
      if (await store.replaceIf(key, mine, done, LEDGER_TTL_MS)) await store.publish(channel, 'done')
    },
    async fail(failure) {
      const failed = JSON.stringify({ state: 'failed', bodyHash, at: Date.now(), failure } satisfies KeyState)
      if (await store.replaceIf(key, mine, failed, FAILED_TTL_MS)) await store.publish(channel, 'failed')
    },
  }
  if (await store.setIfAbsent(key, mine, options.pendingTtlMs)) return claim

  let wake: (() => void) | undefined
  let stop: (() => Promise<void>) | undefined
  try {
    let step = 25
    // Bounded: each turn sleeps at least 25 ms (up to 1 s) until waitMs has passed.
    for (let turn = 0; turn < 100_000; turn++) {
      const raw = await store.get(key)
      const state = parse(raw)
      if (raw === undefined || state === undefined) {
        if (await store.setIfAbsent(key, mine, options.pendingTtlMs)) return claim
        continue
      }
      if (state.state === 'failed') {
        // A failure that came while this request waited is its answer; an older one freed the key.
        if (state.bodyHash === bodyHash && state.at >= startedAt) return { kind: 'failed', failure: state.failure }
        if (await store.replaceIf(key, raw, mine, options.pendingTtlMs)) return claim
        continue
      }
      if (state.bodyHash !== bodyHash) return { kind: 'mismatch' }
      if (state.state === 'done') return { kind: 'replay', status: state.status, body: state.body }
      const left = startedAt + options.waitMs - Date.now()
      if (left <= 0) return { kind: 'pending' }
      if (stop === undefined) {
        stop = await store.subscribe(channel, () => wake?.())
        continue
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(step, left))
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = undefined
      step = Math.min(step * 2, MAX_STEP_MS)
    }
    return { kind: 'pending' }
  } finally {
    await stop?.().catch(() => undefined)
  }
}
