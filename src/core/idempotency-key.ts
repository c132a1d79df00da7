/** What an `Idempotency-Key` may be: 16–128 characters of `[A-Za-z0-9_-]` (the proxy refuses others with a 400). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/

/**
 * A new `Idempotency-Key` for one user intent: 16 random bytes from `crypto.getRandomValues`,
 * base64url without padding (22 characters of `[A-Za-z0-9_-]`). Unguessable, so another user
 * cannot probe for it (the proxy scopes keys per user as well).
 */
export function createIdempotencyKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}
