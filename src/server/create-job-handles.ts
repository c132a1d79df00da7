import type { Provider } from '../models/provider'
import { PROXY_ID_PATTERN, UPSTREAM_ID_PATTERN } from './match-proxy-route'
import { nodeBuiltins } from './node-builtins'

/** Signs the provider's job ids into handles bound to a user, and opens them again. */
export interface JobHandles {
  /** The handle the browser gets for `upstreamId`; undefined when the id cannot be put in one. */
  seal(provider: Provider, upstreamId: string, userId: string | undefined): string | undefined | Promise<string | undefined>
  /**
   * The upstream id inside `handle` when it was sealed for this provider and user; else
   * undefined. Synchronous where the macs are (node:crypto, or a handle opened before).
   */
  open(provider: Provider, handle: string, userId: string | undefined): string | undefined | Promise<string | undefined>
}

// base64url of a 32-byte HMAC-SHA256, without padding.
const MAC_CHARS = 43
const MAC_PATTERN = /^[A-Za-z0-9_-]{43}$/
const encoder = new TextEncoder()
/** How many opened handles {@link createJobHandles} remembers (about 200 bytes each). */
const OPENED_MAX = 10_000

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

/** Which HMAC implementation signs: Node's `node:crypto` (synchronous) when there is one, else Web Crypto. */
export type JobHandleCrypto = 'auto' | 'web'

const SALT = 'ltx-react job handle'
const info = (provider: Provider) => `v1 ${provider}`
// JSON of a fixed-length array: unambiguous whatever the parts hold; no user (null) differs from every user id.
const macMessage = (provider: Provider, upstreamId: string, userId: string | undefined) => JSON.stringify(['ltx-react.job.v1', provider, upstreamId, userId ?? null])

/** A per-provider key list that computes macs, built once per provider. */
type Signer = (message: string) => Promise<string> | string
/** node:crypto's signers: synchronous. */
type SyncSigner = (message: string) => string

function webSigners(provider: Provider, materials: readonly string[]): Promise<Signer[]> {
  return Promise.all(
    materials.map(async (material): Promise<Signer> => {
      const base = await crypto.subtle.importKey('raw', encoder.encode(material), 'HKDF', false, ['deriveKey'])
      const key = await crypto.subtle.deriveKey(
        // Domain-separated per provider and purpose: the same secret never yields the same key twice.
        { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(SALT), info: encoder.encode(info(provider)) },
        base,
        { name: 'HMAC', hash: 'SHA-256', length: 256 },
        false,
        ['sign'],
      )
      return async (message) => base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message))))
    }),
  )
}

/** The same keys (HKDF-SHA256, 32 bytes) and macs with node:crypto, synchronously: byte-identical handles. */
function nodeSigners(provider: Provider, materials: readonly string[]): SyncSigner[] | undefined {
  const nodeCrypto = nodeBuiltins()?.crypto
  if (nodeCrypto === undefined) return undefined
  return materials.map((material) => {
    // A KeyObject made once: createHmac then copies no raw key per mac.
    const key = nodeCrypto.createSecretKey(new Uint8Array(nodeCrypto.hkdfSync('sha256', encoder.encode(material), encoder.encode(SALT), encoder.encode(info(provider)), 32)))
    return (message: string) => nodeCrypto.createHmac('sha256', key).update(message).digest('base64url')
  })
}

/**
 * Job handles: `<upstreamId>.<mac>`, where the mac is HMAC-SHA256 over the provider, the upstream
 * id and the user, keyed per provider by HKDF from the provider's secret material. On Node the
 * macs are computed with `node:crypto`, synchronously (no trip through Web Crypto's thread pool);
 * elsewhere (edge runtimes, workers) with Web Crypto; both give the same bytes, so either opens
 * the other's handles. Stateless: any instance with the same secret opens any handle, and
 * nothing is stored. `secrets[provider]` lists the material, the first one signing and every one
 * opening (so a secret can be rotated). `options.crypto: 'web'` forces Web Crypto (tests).
 */
export function createJobHandles(secrets: Partial<Record<Provider, readonly string[]>>, options: { readonly crypto?: JobHandleCrypto } = {}): JobHandles {
  const signers = new Map<Provider, SyncSigner[] | Promise<Signer[]>>()

  function signersOf(provider: Provider): SyncSigner[] | Promise<Signer[]> {
    let found = signers.get(provider)
    if (found === undefined) {
      const materials = secrets[provider] ?? []
      found = (options.crypto === 'web' ? undefined : nodeSigners(provider, materials)) ?? webSigners(provider, materials)
      signers.set(provider, found)
    }
    return found
  }

  // Handles already opened, with the provider and user their mac was checked for: a job is
  // polled every few seconds with the same handle, and a valid mac stays valid (the keys never
  // change in one instance). A remembered handle opens at once only for that same provider and
  // user; any other ask is checked in full. Only valid ones are kept, at most OPENED_MAX, the
  // oldest dropped first.
  const opened = new Map<string, { readonly provider: Provider; readonly userId: string | undefined; readonly upstreamId: string }>()

  return {
    seal(provider, upstreamId, userId) {
      const signs = signersOf(provider)
      const sealWith = (sign: Signer | undefined) => {
        if (sign === undefined || !UPSTREAM_ID_PATTERN.test(upstreamId)) return undefined
        const mac = sign(macMessage(provider, upstreamId, userId))
        return typeof mac === 'string' ? `${upstreamId}.${mac}` : mac.then((m) => `${upstreamId}.${m}`)
      }
      // node:crypto seals synchronously; Web Crypto once its keys are imported.
      return Array.isArray(signs) ? sealWith(signs[0]) : signs.then((list) => sealWith(list[0]))
    },
    open(provider, handle, userId) {
      const known = opened.get(handle)
      if (known !== undefined && known.provider === provider && known.userId === userId) return known.upstreamId
      if (!PROXY_ID_PATTERN.test(handle)) return undefined
      const dot = handle.length - MAC_CHARS - 1
      const upstreamId = handle.slice(0, Math.max(dot, 0))
      const given = handle.slice(dot + 1)
      if (dot < 1 || handle[dot] !== '.' || !MAC_PATTERN.test(given) || !UPSTREAM_ID_PATTERN.test(upstreamId)) return undefined
      const message = macMessage(provider, upstreamId, userId)
      const verdict = (valid: boolean) => {
        if (!valid) return undefined
        opened.set(handle, { provider, userId, upstreamId })
        if (opened.size > OPENED_MAX) opened.delete(opened.keys().next().value as string)
        return upstreamId
      }
      // Every key is tried even after a match, so the time taken does not tell which one signed.
      const matches = (macs: readonly string[]) => macs.reduce((valid, mac) => timingSafeEqual(mac, given) || valid, false)
      const signs = signersOf(provider)
      // node:crypto: synchronously; Web Crypto once its keys are imported.
      if (Array.isArray(signs)) return verdict(matches(signs.map((sign) => sign(message))))
      return signs.then((list) => Promise.all(list.map((sign) => sign(message)))).then((macs) => verdict(matches(macs)))
    },
  }
}
