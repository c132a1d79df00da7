/** What kind of URL a field or element may hold. */
export interface SafeUrlPolicy {
  /** Allow `https:` (always true unless set to false). */
  https?: boolean
  /** Allow `http:` on any host (for `<video src>` of a provider's plain-HTTP CDN). */
  http?: boolean
  /** Allow `http:` on loopback hosts only (the local simulator during development). */
  httpLoopback?: boolean
  /** Allow `blob:` object URLs made by this page. */
  blob?: boolean
  /** Allow `data:` URIs of these media types (`image/png`); an entry ending in `/` (`image/`) allows the family. */
  dataMediaTypes?: readonly string[]
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Media types whose data URIs are accepted, by prefix; anything executable (HTML, SVG, JS) never is. */
const NEVER_DATA = /^(text\/html|image\/svg|application\/(x-)?javascript|text\/javascript)/i

/**
 * True when `value` is an absolute URL whose scheme the policy allows. Parsing uses the WHATWG
 * URL parser, so tricks such as `JaVaScRiPt:`, leading control characters or tabs inside the
 * scheme are normalised before the check and refused.
 */
export function isSafeUrl(value: unknown, policy: SafeUrlPolicy = {}): value is string {
  if (typeof value !== 'string' || value.length === 0) return false
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  switch (url.protocol) {
    case 'https:':
      return policy.https !== false && url.hostname.length > 0
    case 'http:':
      if (policy.http === true) return url.hostname.length > 0
      return policy.httpLoopback === true && LOOPBACK_HOSTS.has(url.hostname)
    case 'blob:':
      return policy.blob === true
    case 'data:': {
      const types = policy.dataMediaTypes
      if (types === undefined || types.length === 0) return false
      const match = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)(;[^,]*)?,/i.exec(value)
      if (match === null) return false
      const mediaType = (match[1] ?? '').toLowerCase()
      if (NEVER_DATA.test(mediaType)) return false
      // Exact types ("image/png"); an entry ending in "/" ("image/") admits the whole family.
      return types.some((type) => {
        const wanted = type.toLowerCase()
        return wanted.endsWith('/') ? mediaType.startsWith(wanted) : mediaType === wanted
      })
    }
    default:
      return false
  }
}
