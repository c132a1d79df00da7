import type { Provider } from '../models/provider'
import { PROXY_ID_PATTERN, UPSTREAM_ID_PATTERN } from './match-proxy-route'

/** Signs the provider's job ids into handles bound to a user, and opens them again. */
export interface JobHandles {
  /** The handle the browser gets for `upstreamId`; undefined when the id cannot be put in one. */
  seal(provider: Provider, upstreamId: string, userId: string | undefined): Promise<string | undefined>
  /** The upstream id inside `handle` when it was sealed for this provider and user; else undefined. */
  open(provider: Provider, handle: string, userId: string | undefined): Promise<string | undefined>
}

// base64url of a 32-byte HMAC-SHA256, without padding.
const MAC_CHARS = 43
const MAC_PATTERN = /^[A-Za-z0-9_-]{43}$/
const encoder = new TextEncoder()

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Equal strings of the same length, compared without stopping at the first difference. */
function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}

/**
 * Job handles: `<upstreamId>.<mac>`, where the mac is HMAC-SHA256 (Web Crypto, so it runs on
 * Node, edge runtimes and workers) over the provider, the upstream id and the user, keyed per
 * provider by HKDF from the provider's secret material. Stateless: any instance with the same
 * secret opens any handle, and nothing is stored. `secrets[provider]` lists the material, the
 * first one signing and every one opening (so a secret can be rotated).
 */
export function createJobHandles(secrets: Partial<Record<Provider, readonly string[]>>): JobHandles {
  const keys = new Map<Provider, Promise<CryptoKey[]>>()

  function keysOf(provider: Provider): Promise<CryptoKey[]> {
    let pending = keys.get(provider)
    if (pending === undefined) {
      pending = Promise.all(
        (secrets[provider] ?? []).map(async (material) => {
          const base = await crypto.subtle.importKey('raw', encoder.encode(material), 'HKDF', false, ['deriveKey'])
          return crypto.subtle.deriveKey(
            // Domain-separated per provider and purpose: the same secret never yields the same key twice.
            { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('ltx-react job handle'), info: encoder.encode(`v1 ${provider}`) },
            base,
            { name: 'HMAC', hash: 'SHA-256', length: 256 },
            false,
            ['sign'],
          )
        }),
      )
      keys.set(provider, pending)
    }
    return pending
  }

  async function mac(key: CryptoKey, provider: Provider, upstreamId: string, userId: string | undefined): Promise<string> {
    // JSON of a fixed-length array: unambiguous whatever the parts hold; no user (null) differs from every user id.
    const message = JSON.stringify(['ltx-react.job.v1', provider, upstreamId, userId ?? null])
    return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message))))
  }

  return {
    async seal(provider, upstreamId, userId) {
      const [key] = await keysOf(provider)
      if (key === undefined || !UPSTREAM_ID_PATTERN.test(upstreamId)) return undefined
      return `${upstreamId}.${await mac(key, provider, upstreamId, userId)}`
    },
    async open(provider, handle, userId) {
      if (!PROXY_ID_PATTERN.test(handle)) return undefined
      const dot = handle.length - MAC_CHARS - 1
      const upstreamId = handle.slice(0, Math.max(dot, 0))
      const given = handle.slice(dot + 1)
      if (dot < 1 || handle[dot] !== '.' || !MAC_PATTERN.test(given) || !UPSTREAM_ID_PATTERN.test(upstreamId)) return undefined
      let valid = false
      // Every key is tried even after a match, so the time taken does not tell which one signed.
      for (const key of await keysOf(provider)) {
        if (timingSafeEqual(await mac(key, provider, upstreamId, userId), given)) valid = true
      }
      return valid ? upstreamId : undefined
    },
  }
}
