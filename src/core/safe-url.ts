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

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]']

/** Executable media types (HTML, SVG, any JavaScript), whose data URIs are never accepted; matched on the lowercased type. */
const NEVER_DATA = /^(text\/html|image\/svg)|javascript/

/**
 * True when `value` is an absolute URL whose scheme the policy allows. Parsing uses the WHATWG
 * URL parser, so tricks such as `JaVaScRiPt:`, leading control characters or tabs inside the
 * scheme are normalised before the check and refused.
 */
export function isSafeUrl(value: unknown, policy: SafeUrlPolicy = {}): value is string {
  if (typeof value !== 'string') return false
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  // The parser refuses an http(s) URL without a host, so those need no host check here.
  switch (url.protocol) {
    case 'https:':
      return policy.https !== false
    case 'http:':
      return policy.http === true || (policy.httpLoopback === true && LOOPBACK_HOSTS.includes(url.hostname))
    case 'blob:':
      return policy.blob === true
    case 'data:': {
      const mediaType = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)(;[^,]*)?,/i.exec(value)?.[1]?.toLowerCase()
      if (mediaType === undefined || NEVER_DATA.test(mediaType)) return false
      // Exact types ("image/png"); an entry ending in "/" ("image/") admits the whole family.
      return (policy.dataMediaTypes ?? []).some((type) => {
        const wanted = type.toLowerCase()
        return wanted.endsWith('/') ? mediaType.startsWith(wanted) : mediaType === wanted
      })
    }
    default:
      return false
  }
}
