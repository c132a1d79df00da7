import type { Provider } from '../models/provider'
import type { SimRateLimit } from './simulator-types'

/** Fixed-window request limits, one window per provider. */
export interface RateLimiter {
  /** Count a request against `provider`'s window; true when it is over the limit. */
  over(provider: Provider): boolean
  /** When `provider`'s current window ends, in Unix ms (a 60 s window when it has no limit). */
  resetAt(provider: Provider): number
}

/** A limiter on clock `now`; a provider whose limit is undefined is never limited. */
export function createRateLimiter(limits: Readonly<Record<Provider, SimRateLimit | undefined>>, now: () => number): RateLimiter {
  const windows = {
    segmind: { start: 0, count: 0 },
    apixo: { start: 0, count: 0 },
  } satisfies Record<Provider, { start: number; count: number }>
  return {
    over(provider) {
      const limit = limits[provider]
      if (limit === undefined) return false
      const start = Math.floor(now() / limit.windowMs) * limit.windowMs
      const window = windows[provider]
      if (window.start !== start) {
        window.start = start
        window.count = 0
      }
      window.count += 1
      return window.count > limit.requests
    },
    resetAt(provider) {
      const windowMs = limits[provider]?.windowMs ?? 60_000
      return Math.floor(now() / windowMs) * windowMs + windowMs
    },
  }
}
