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
  let url: URL
  try {
    // Anything but a string fails too (new URL('') throws).
    url = new URL(typeof value === 'string' ? value : '')
  } catch {
    return false
  }
  const { protocol } = url
  // The parser refuses an http(s) URL without a host, so those need no host check here.
  if (protocol === 'https:') return policy.https !== false
  if (protocol === 'http:') return policy.http === true || (policy.httpLoopback === true && LOOPBACK_HOSTS.includes(url.hostname))
  if (protocol === 'blob:') return policy.blob === true
  const mediaType = protocol === 'data:' ? /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)(;[^,]*)?,/i.exec(value as string)?.[1]?.toLowerCase() : undefined
  // `value` is a string here (the URL parsed). Exact types ("image/png"); an entry ending in "/"
  // ("image/") admits the whole family.
  return (
    mediaType !== undefined &&
    !NEVER_DATA.test(mediaType) &&
    (policy.dataMediaTypes ?? []).some((type) => {
      const wanted = type.toLowerCase()
      return wanted.endsWith('/') ? mediaType.startsWith(wanted) : mediaType === wanted
    })
  )
}
