import type { Provider } from '../models/provider'

/**
 * How each provider reads its key from a request: the header its dialect's `authHeader` sets
 * (test/testing/simulator-dialects.test.ts holds the two together). Written as reads of an
 * incoming request, the only form no-secrets allows in a browser bundle (Storybook's simulator).
 */
const KEY_CHECKS = {
  // Segmind wants x-api-key; a bearer token alone is refused.
  segmind: (headers, key) => headers.get('x-api-key') === key,
  apixo: (headers, key) => headers.get('authorization') === `Bearer ${key}`,
} as const satisfies Record<Provider, (headers: Headers, key: string) => boolean>

/** True when `headers` carry `key` the way `provider` expects it. */
export function isAuthorized(provider: Provider, headers: Headers, key: string): boolean {
  return KEY_CHECKS[provider](headers, key)
}
