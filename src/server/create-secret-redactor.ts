/** Finds the server's secrets in upstream text, in the forms a client could decode too. */
export interface SecretRedactor {
  /** True when `text`, or any decoding of it a client might apply, holds a secret. */
  holdsSecret(text: string): boolean
  /**
   * `text` with every plain occurrence of a secret replaced by `[redacted]`; when a secret is
   * still there in an encoded form (percent, base64, hex, escapes, entities), `[redacted]` alone.
   */
  redact(text: string): string
  /**
   * True when no piece of `text` (a substring, such as a string or key JSON.parse reads out of
   * it) can hold a secret in any form: the text holds none, and it has no character an
   * encoding needs (`%`, `&`, `\`, `+`), so every piece is clear as it stands.
   */
  clearsPieces(text: string): boolean
}

/** What stands where a secret was. */
export const REDACTED = '[redacted]'

const encoder = new TextEncoder()

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * The parts of base64 that stand for `secret` wherever it sits in a longer encoded text: one for
 * each of the three byte alignments, without the characters the neighbouring bytes share.
 */
function base64Cores(secret: string): string[] {
  const bytes = encoder.encode(secret)
  const cores: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length)
    padded.set(bytes, offset)
    const encoded = base64(padded)
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6))
    if (core.length >= 8) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return cores
}

function hex(secret: string): string {
  return [...encoder.encode(secret)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** `%xx` sequences decoded as UTF-8, leniently: a stray `%` or an invalid sequence stays as it is. */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    const bytes = new Uint8Array(run.length / 3)
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16)
    return new TextDecoder().decode(bytes)
  })
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", sol: '/', colon: ':', equals: '=', plus: '+', minus: '-', lowbar: '_', period: '.' }

function safeCodePoint(code: number): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
}

/** HTML character references (`&#115;`, `&#x73;`, `&amp;`…) decoded, as a page showing the text would. */
function entityDecode(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));?/gi, (all, dec?: string, hexCode?: string, name?: string) => {
    if (dec !== undefined) return safeCodePoint(Number(dec))
    if (hexCode !== undefined) return safeCodePoint(parseInt(hexCode, 16))
    return NAMED[(name ?? '').toLowerCase()] ?? all
  })
}

/** JSON string escapes (`\u0073`, `\/`) decoded, for text that is JSON-like but did not parse. */
function escapeDecode(text: string): string {
  return text.replace(/\\(?:u([0-9a-f]{4})|(["\\/bfnrt]))/gi, (_all, code?: string, char?: string) => {
    if (code !== undefined) return String.fromCharCode(parseInt(code, 16))
    return ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[char ?? ''] ?? char ?? ''
  })
}

// The characters a decoding below needs (percent, form, entity, JSON escape).
const MAY_ENCODE = /[%&\\+]/

const DECODERS = [percentDecode, (text: string) => percentDecode(text.replace(/\+/g, ' ')), entityDecode, escapeDecode]

/** The text and its decodings, applied in any order up to three deep (double encodings), at most 32. */
function views(text: string): string[] {
  const seen = new Set([text])
  let layer = [text]
  for (let depth = 0; depth < 3 && layer.length > 0; depth++) {
    const next: string[] = []
    for (const view of layer) {
      for (const decode of DECODERS) {
        const decoded = decode(view)
        if (!seen.has(decoded) && seen.size < 32) {
          seen.add(decoded)
          next.push(decoded)
        }
      }
    }
    layer = next
  }
  return [...seen]
}

/**
 * A redactor for the server's secrets (provider keys, their auth header values, the handle
 * secret). Upstream text is searched as is, after percent-decoding (also `+` as space),
 * HTML-entity and JSON-escape decoding (and combinations, for double encodings), and for the
 * secrets' base64, base64url and hex encodings, so nothing a client could decode gives a key away.
 */
export function createSecretRedactor(secrets: readonly string[]): SecretRedactor {
  const plain = [...new Set(secrets.filter((secret) => secret.trim() !== ''))].sort((a, b) => b.length - a.length)
  const encoded = plain.flatMap(base64Cores)
  const hexes = plain.map(hex)
  const inView = (view: string) => {
    if (plain.some((secret) => view.includes(secret)) || encoded.some((core) => view.includes(core))) return true
    const lower = view.toLowerCase()
    return hexes.some((h) => lower.includes(h))
  }
  // Most text has no %, &, \ or base64 of a key: a cheap raw check first keeps the common path fast.
  const holdsSecret = (text: string) => plain.length > 0 && (inView(text) || (MAY_ENCODE.test(text) && views(text).some(inView)))
  return {
    holdsSecret,
    // A piece of a text without those characters has no decodings, and contains a secret (plain,
    // base64 or hex) only if the whole text does.
    clearsPieces: (text) => plain.length === 0 || (!MAY_ENCODE.test(text) && !inView(text)),
    redact(text) {
      if (!holdsSecret(text)) return text
      let out = text
      for (const secret of plain) out = out.split(secret).join(REDACTED)
      return holdsSecret(out) ? REDACTED : out
    },
  }
}
