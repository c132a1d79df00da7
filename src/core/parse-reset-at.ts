const NUMERIC = /^\d+(\.\d+)?$/
// A date-time without a zone designator (only digits, '-', ':' and '.'); the headers' times are UTC.
const ISO_WITHOUT_ZONE = /^[\d-]+[T ][\d:.]+$/

// One header's time. A number is seconds from now, or (when `epoch`, for Segmind's header)
// epoch milliseconds or seconds when it is that large; anything else is read as a date.
function readTime(value: string | null, now: number, epoch: boolean): Date | undefined {
  // A missing header reads as '', which parses to NaN.
  const text = value?.trim() ?? ''
  const n = Number(text)
  const ms = NUMERIC.test(text)
    ? epoch && n >= 1e9
      ? n >= 1e12
        ? n
        : n * 1000
      : now + n * 1000
    : Date.parse(ISO_WITHOUT_ZONE.test(text) ? `${text.replace(' ', 'T')}Z` : text)
  return Number.isNaN(ms) ? undefined : new Date(ms)
}

/**
 * When a rate limit lifts, from Segmind's `x-rate-limit-reset-at-utc` (a date or epoch time) or
 * else a standard `Retry-After` (seconds or an HTTP date); `undefined` when neither is readable.
 */
export function parseResetAt(headers: Headers, now: number = Date.now()): Date | undefined {
  return readTime(headers.get('x-rate-limit-reset-at-utc'), now, true) ?? readTime(headers.get('retry-after'), now, false)
}
