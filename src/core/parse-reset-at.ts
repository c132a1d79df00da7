const NUMERIC = /^\s*\d+(\.\d+)?\s*$/
// An ISO date-time without a zone designator; the header's name says it is UTC.
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/

function fromResetHeader(value: string, now: number): Date | undefined {
  const trimmed = value.trim()
  if (NUMERIC.test(trimmed)) {
    const n = Number(trimmed)
    // Epoch milliseconds, epoch seconds, or (small numbers) seconds from now.
    if (n >= 1e12) return new Date(n)
    if (n >= 1e9) return new Date(n * 1000)
    return new Date(now + n * 1000)
  }
  const iso = ISO_WITHOUT_ZONE.test(trimmed) ? `${trimmed.replace(' ', 'T')}Z` : trimmed
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : new Date(ms)
}

function fromRetryAfter(value: string, now: number): Date | undefined {
  const trimmed = value.trim()
  if (NUMERIC.test(trimmed)) return new Date(now + Number(trimmed) * 1000)
  const ms = Date.parse(trimmed)
  return Number.isNaN(ms) ? undefined : new Date(ms)
}

/**
 * When a rate limit lifts, from Segmind's `x-rate-limit-reset-at-utc` (a date or epoch time) or
 * else a standard `Retry-After` (seconds or an HTTP date); `undefined` when neither is readable.
 */
export function parseResetAt(headers: Headers, now: number = Date.now()): Date | undefined {
  const reset = headers.get('x-rate-limit-reset-at-utc')
  const fromReset = reset === null ? undefined : fromResetHeader(reset, now)
  if (fromReset !== undefined) return fromReset
  const retryAfter = headers.get('retry-after')
  return retryAfter === null ? undefined : fromRetryAfter(retryAfter, now)
}
