import type { Provider } from '../models/provider'

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes))
  return Array.from(values, (v) => v.toString(16).padStart(2, '0')).join('')
}

function uuid(): string {
  // randomUUID is missing in insecure browser contexts (plain http on a LAN address).
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const h = randomHex(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** How each provider spells a new job id: Segmind a UUID, APIXO 32 hex digits. */
const JOB_IDS = {
  segmind: uuid,
  apixo: () => randomHex(16),
} as const satisfies Record<Provider, () => string>

/** A fresh job id in `provider`'s format. */
export function newJobId(provider: Provider): string {
  return JOB_IDS[provider]()
}
