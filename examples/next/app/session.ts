// A stand-in for your auth library's session (Auth.js, Clerk, iron-session…): an HttpOnly cookie
// holding the user's id and an HMAC of it, so nobody can claim another user's id by editing it.
// The proxy's authorize reads it from the request; the sign-in action sets it.

/** The session cookie's name. */
export const SESSION_COOKIE = 'ltx_example_session'

const USER_ID = /^[A-Za-z0-9_-]{1,40}$/
const encoder = new TextEncoder()
let signingKey: Promise<CryptoKey> | undefined

// Read at the first request, never at build time. Without SESSION_SECRET each server process
// signs with a random key of its own, so sessions end when it restarts: fine for a demo only.
function key(): Promise<CryptoKey> {
  if (signingKey === undefined) {
    const secret = process.env.SESSION_SECRET
    const raw = secret === undefined || secret === '' ? crypto.getRandomValues(new Uint8Array(32)) : encoder.encode(secret)
    signingKey = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
  }
  return signingKey
}

function toBase64Url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The cookie value that signs `userId` in, or undefined when the id is not a plain name. */
export async function createSessionValue(userId: string): Promise<string | undefined> {
  if (!USER_ID.test(userId)) return undefined
  return `${userId}.${toBase64Url(await crypto.subtle.sign('HMAC', await key(), encoder.encode(userId)))}`
}

/** The user a session cookie value names, when its signature holds. */
export async function sessionFromValue(value: string | undefined): Promise<{ userId: string } | undefined> {
  const [userId = '', signature, extra] = (value ?? '').split('.')
  if (signature === undefined || extra !== undefined || !USER_ID.test(userId)) return undefined
  return (await createSessionValue(userId)) === value ? { userId } : undefined
}

/** The signed-in user of a request, from its Cookie header. */
export async function readSession(request: Request): Promise<{ userId: string } | undefined> {
  const cookies = (request.headers.get('cookie') ?? '').split(/;\s*/)
  const pair = cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))
  return sessionFromValue(pair?.slice(SESSION_COOKIE.length + 1))
}
