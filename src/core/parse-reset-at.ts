const NUMERIC = /^\d+(\.\d+)?$/
// A date-time without a zone designator (only digits, '-', ':' and '.'); the headers' times are UTC.
const ISO_WITHOUT_ZONE = /^[\d-]+[T ][\d:.]+$/
// Rate limits are per minute (APIXO) or short windows (Segmind): a reset more than a day ahead, or
// more than an hour behind (clock skew), is a broken header rather than a time to wait for.
const LATEST_MS = 24 * 60 * 60 * 1000
const EARLIEST_MS = 60 * 60 * 1000

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
  // NaN fails both comparisons, so garbage, dates before the window and ones past year 275760 all
  // read as unknown, and `new Date` below is always a valid date.
  return ms >= now - EARLIEST_MS && ms <= now + LATEST_MS ? new Date(ms) : undefined
}

/**
 * When a rate limit lifts, from Segmind's `x-rate-limit-reset-at-utc` (a date or epoch time) or
 * else a standard `Retry-After` (seconds or an HTTP date); `undefined` when neither is readable or
 * the time is absurd (more than an hour past or a day ahead).
 */
export function parseResetAt(headers: Headers, now: number = Date.now()): Date | undefined {
  return readTime(headers.get('x-rate-limit-reset-at-utc'), now, true) ?? readTime(headers.get('retry-after'), now, false)
}
