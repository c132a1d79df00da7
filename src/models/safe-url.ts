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

/** `value` parsed as an absolute URL; undefined for anything else (a non-string too, as new URL('') throws). */
function parseUrl(value: unknown): URL | undefined {
  try {
    return new URL(typeof value === 'string' ? value : '')
  } catch {
    return undefined
  }
}

// The http(s) rules of a policy; false for any other scheme. The parser refuses an http(s) URL
// without a host, so those need no host check here.
function allowsWebUrl(url: URL | undefined, policy: WebUrlPolicy): boolean {
  if (url?.protocol === 'https:') return policy.https !== false
  return url?.protocol === 'http:' && (policy.http === true || (policy.httpLoopback === true && LOOPBACK_HOSTS.includes(url.hostname)))
}

/** The part of a {@link SafeUrlPolicy} about http(s) URLs. */
export type WebUrlPolicy = Pick<SafeUrlPolicy, 'https' | 'http' | 'httpLoopback'>

/**
 * True when `value` is an absolute http(s) URL the policy allows: {@link isSafeUrl} without the
 * blob: and data: rules, for code that only ever takes web URLs (the transports), so that it does
 * not carry those rules.
 */
export function isWebUrl(value: unknown, policy: WebUrlPolicy = {}): value is string {
  return allowsWebUrl(parseUrl(value), policy)
}

/**
 * True when `value` is an absolute URL whose scheme the policy allows. Parsing uses the WHATWG
 * URL parser, so tricks such as `JaVaScRiPt:`, leading control characters or tabs inside the
 * scheme are normalised before the check and refused.
 */
export function isSafeUrl(value: unknown, policy: SafeUrlPolicy = {}): value is string {
  const url = parseUrl(value)
  if (url?.protocol === 'blob:') return policy.blob === true
  if (url?.protocol !== 'data:') return allowsWebUrl(url, policy)
  // `value` is a string here (the URL parsed). Exact types ("image/png"); an entry ending in "/"
  // ("image/") admits the whole family.
  const mediaType = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)(;[^,]*)?,/i.exec(value as string)?.[1]?.toLowerCase()
  return (
    mediaType !== undefined &&
    !NEVER_DATA.test(mediaType) &&
    (policy.dataMediaTypes ?? []).some((type) => {
      const wanted = type.toLowerCase()
      return wanted.endsWith('/') ? mediaType.startsWith(wanted) : mediaType === wanted
    })
  )
}
