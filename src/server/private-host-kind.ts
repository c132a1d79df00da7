/** Why a host must not be fetched by the provider on a user's behalf. */
export type PrivateHostKind = 'loopback' | 'private' | 'link-local' | 'reserved' | 'local-name'

type Block = readonly [base: number, prefix: number, kind: PrivateHostKind]

const ip4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0

// IPv4 ranges that never name a public host (RFC 6890 and friends). 100.64/10 is carrier-grade
// NAT, where some clouds put their metadata service (100.100.100.200); 169.254/16 holds the
// usual one (169.254.169.254).
const V4_BLOCKS: readonly Block[] = [
  [ip4(0, 0, 0, 0), 8, 'reserved'],
  [ip4(10, 0, 0, 0), 8, 'private'],
  [ip4(100, 64, 0, 0), 10, 'private'],
  [ip4(127, 0, 0, 0), 8, 'loopback'],
  [ip4(169, 254, 0, 0), 16, 'link-local'],
  [ip4(172, 16, 0, 0), 12, 'private'],
  [ip4(192, 0, 0, 0), 24, 'reserved'],
  [ip4(192, 0, 2, 0), 24, 'reserved'],
  [ip4(192, 168, 0, 0), 16, 'private'],
  [ip4(198, 18, 0, 0), 15, 'reserved'],
  [ip4(198, 51, 100, 0), 24, 'reserved'],
  [ip4(203, 0, 113, 0), 24, 'reserved'],
  [ip4(224, 0, 0, 0), 4, 'reserved'],
  [ip4(240, 0, 0, 0), 4, 'reserved'],
]

// Names that only resolve inside a network (RFC 6761, 6762, 8375 and the names ICANN keeps undelegated).
const LOCAL_SUFFIXES = ['local', 'localdomain', 'internal', 'intranet', 'lan', 'home', 'corp', 'home.arpa']

function v4Kind(address: number): PrivateHostKind | undefined {
  for (const [base, prefix, kind] of V4_BLOCKS) {
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0
    if ((address & mask) >>> 0 === base) return kind
  }
  return undefined
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail included), or undefined. */
function v6Groups(address: string): number[] | undefined {
  let text = address
  const dotted = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (dotted !== null) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.slice(2).map(Number)
    if ([a, b, c, d].some((n) => n > 255)) return undefined
    text = `${dotted[1] ?? ''}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)))
  const left = parse(halves[0] ?? '')
  const right = halves.length === 2 ? parse(halves[1] ?? '') : []
  const missing = 8 - left.length - right.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const groups = [...left, ...Array<number>(missing).fill(0), ...right]
  return groups.every((g) => Number.isInteger(g)) ? groups : undefined
}

function v6Kind(groups: readonly number[]): PrivateHostKind | undefined {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups
  const embedded = ((g6 << 16) | g7) >>> 0
  const zeroTo = (n: number) => groups.slice(0, n).every((g) => g === 0)
  if (zeroTo(7) && g7 === 0) return 'reserved'
  if (zeroTo(7) && g7 === 1) return 'loopback'
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d)
  // and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address they hold.
  if (zeroTo(5) && g5 === 0xffff) return v4Kind(embedded)
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return v4Kind(embedded)
  if (zeroTo(6)) return v4Kind(embedded) ?? 'reserved'
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4Kind(embedded)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'private'
  // 6to4 (2002:a.b.c.d::/48) carries an IPv4 address in its second and third groups.
  if (g0 === 0x2002) return v4Kind(((g1 << 16) | g2) >>> 0)
  if ((g0 & 0xfe00) === 0xfc00) return 'private'
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'
  if ((g0 & 0xffc0) === 0xfec0) return 'private'
  if ((g0 & 0xff00) === 0xff00) return 'reserved'
  // Discard-only (100::/64), documentation (2001:db8::/32), Teredo (2001::/32, an obscured IPv4).
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved'
  if (g0 === 0x2001 && (g1 === 0xdb8 || g1 === 0)) return 'reserved'
  return undefined
}

/**
 * What kind of non-public host `hostname` is (as `new URL(…).hostname` gives it), or undefined
 * for a host that may be public. Only the literal host is judged, without DNS: the WHATWG
 * parser has already turned decimal, hex and octal IPv4 forms (`2130706433`, `0x7f.1`) into
 * dotted ones, and IPv6 forms are read group by group (`[::ffff:7f00:1]` is 127.0.0.1). A public
 * name that resolves to a private address is the provider's to refuse.
 */
export function privateHostKind(hostname: string): PrivateHostKind | undefined {
  const host = hostname.toLowerCase().replace(/\.+$/, '')
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = v6Groups(host.slice(1, -1).replace(/%.*$/, ''))
    return groups === undefined ? 'reserved' : v6Kind(groups)
  }
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  if (v4 !== null) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number]
    return [a, b, c, d].some((n) => n > 255) ? 'reserved' : v4Kind(ip4(a, b, c, d))
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback'
  // A name without a dot resolves through the provider's own search domains, inside its network.
  if (host === '' || !host.includes('.')) return 'local-name'
  if (LOCAL_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) return 'local-name'
  return undefined
}
