import { createIdempotencyKey } from '../core/idempotency-key'
import type { JobStore, PendingIntent } from '../core/job-store'
import { LtxError } from '../models/ltx-error'
import type { VideoTransport } from '../transport/video-transport'

/** Where a hook keeps its pending submit in the job store: under its persist key, else one slot per model. */
export function intentSlot(persistKey: string | undefined, model: string): string {
  return persistKey ?? `ltx-submit:${model}`
}

// Objects with their keys sorted, so `{ a, b }` and `{ b, a }` are one intent.
const sorted = (_key: string, value: unknown): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value

/**
 * Which intent a submit is: a 32-bit hash of the model and the input it sends (keys sorted), and
 * its length. Two inputs that collide only share a key, which the ledger refuses (422) and the next
 * submit replaces: never a second bill.
 */
function intentOf(model: string, input: unknown): string {
  let text: string
  try {
    text = `${model}\n${JSON.stringify(input, sorted)}`
  } catch {
    // Not JSON (the transport refuses it, unsent): an intent of its own.
    return createIdempotencyKey()
  }
  let hash = 0
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0
  return `${(hash >>> 0).toString(36)}.${text.length}`
}

/**
 * `transport`, with each submit made one stored intent: the submit pending under `slot` is
 * reused when it sends the same model and input (its key again: an automatic retry, a confirmed
 * resubmit, the same submit after a reload), else a new key is made. The intent is written to
 * `store` before the request leaves; a job ends it, and so does a failure that made none (the
 * next submit gets a new key); a failure that may have made a job keeps it, marked `mayExist`.
 */
export function withIntent(transport: VideoTransport, store: JobStore, slot: string): VideoTransport {
  return {
    provider: transport.provider,
    status: (job, options) => transport.status(job, options),
    async submit(model, input, options) {
      const intent = intentOf(model, input)
      const held = store.get(slot).pending
      const pending: PendingIntent = held?.intent === intent ? held : { key: createIdempotencyKey(), intent, at: Date.now() }
      store.setPending(slot, pending)
      const ours = () => store.get(slot).pending?.key === pending.key
      try {
        const job = await transport.submit(model, input, { ...options, idempotencyKey: pending.key })
        if (ours()) store.setPending(slot, null)
        return job
      } catch (error) {
        if (ours()) store.setPending(slot, error instanceof LtxError && error.jobMayExist ? { ...pending, mayExist: true } : null)
        throw error
      }
    },
  }
}
