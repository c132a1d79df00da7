// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: the functions with the
// most self time, ltx-react's own functions by total (inclusive) time, and self time by area
// (ltx-react, undici, Node's http, web streams, GC, idle...).
import { readFileSync } from 'node:fs'

interface CallFrame {
  readonly functionName: string
  readonly url: string
  readonly lineNumber: number
}

interface ProfileNode {
  readonly id: number
  readonly callFrame: CallFrame
  readonly children?: readonly number[]
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[]
  readonly startTime: number
  readonly endTime: number
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

/** One function's share of the profile. */
export interface ProfileRow {
  /** `name (file:line)`, the file relative to the repository or node_modules. */
  readonly fn: string
  readonly area: string
  /** ms and % of the busy (non-idle) time. */
  readonly ms: number
  readonly percent: number
}

export interface ProfileSummary {
  /** Sampled ms, and how much of it was busy (not idle). */
  readonly totalMs: number
  readonly busyMs: number
  readonly topSelf: readonly ProfileRow[]
  /** ltx-react's functions (src/) by inclusive time: what each costs with everything it calls. */
  readonly ltxTotal: readonly ProfileRow[]
  /** Self time by area, % of busy time. */
  readonly areas: readonly { readonly area: string; readonly ms: number; readonly percent: number }[]
}

function shortUrl(url: string, root: string): string {
  const path = url.replace(/^file:\/\//, '')
  const inModules = path.lastIndexOf('/node_modules/')
  if (inModules >= 0) return path.slice(inModules + '/node_modules/'.length)
  if (path.startsWith(`${root}/`)) return path.slice(root.length + 1)
  return path
}

/** Which part of the stack a frame belongs to. */
function areaOf(frame: CallFrame, root: string): string {
  const name = frame.functionName
  if (frame.url === '') {
    if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') return name
    // A socket write is a syscall; on loopback the kernel delivers to the reader inside it.
    if (/^write(v|Buffer|Latin1String|Utf8String|AsciiString|Ucs2String)$/.test(name)) return 'socket writes (syscalls)'
    if (name === 'JSTransferable') return 'web streams'
    if (name === 'runMicrotasks' || name === 'enqueueMicrotask') return 'promises / microtasks'
    if (name === 'parse' || name === 'stringify') return 'JSON'
    return 'native / builtin'
  }
  const url = shortUrl(frame.url, root)
  if (url.startsWith('src/')) return `ltx-react ${url.replace(/^src\//, '').replace(/\.tsx?$/, '')}`
  if (url.startsWith('bench/')) return 'bench harness'
  if (url.startsWith('node:internal/deps/undici') || url.startsWith('undici/')) return 'undici (fetch)'
  // Node 20 makes every web stream transferable (js_transferable) as it is created.
  if (url.startsWith('node:internal/webstreams') || url === 'node:internal/worker/js_transferable') return 'web streams'
  if (url === 'node:internal/process/task_queues' || url === 'node:internal/process/promises') return 'promises / microtasks'
  if (url === 'node:events') return 'EventEmitter'
  if (url === 'node:internal/timers' || url === 'node:timers') return 'timers'
  if (url.startsWith('node:internal/http') || url.startsWith('node:_http') || url === 'node:http') return 'node:http'
  if (url.startsWith('node:internal/url') || url === 'node:url') return 'URL'
  if (url.startsWith('node:internal/streams') || url === 'node:stream') return 'node streams'
  if (url.startsWith('node:net') || url.startsWith('node:internal/net') || url.startsWith('node:internal/stream_base')) return 'net / sockets'
  if (url.startsWith('node:internal/abort') || url.startsWith('node:internal/event_target')) return 'AbortSignal / EventTarget'
  if (url.startsWith('node:internal/encoding') || url.startsWith('node:internal/util/types')) return 'TextEncoder / TextDecoder'
  if (url.startsWith('zod/')) return 'zod'
  if (url.startsWith('node:')) return 'node (other)'
  const pkg = url.startsWith('@') ? url.split('/').slice(0, 2).join('/') : url.split('/')[0]
  return pkg ?? url
}

/** Summarise `file` (a .cpuprofile); `root` is the repository path, to shorten file names. */
export function summariseProfile(file: string, root: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map<number, ProfileNode>()
  const parent = new Map<number, number>()
  for (const node of profile.nodes) {
    byId.set(node.id, node)
    for (const child of node.children ?? []) parent.set(child, node.id)
  }
  // A sample's weight is the time until the next one (the last gets the mean).
  const total = profile.endTime - profile.startTime
  const mean = profile.samples.length > 0 ? total / profile.samples.length : 0
  const weight = (i: number) => profile.timeDeltas[i + 1] ?? mean
    // tsx compiles the repository's files to one line each, so their line numbers say nothing.
  const key = (frame: CallFrame) => {
    const file = shortUrl(frame.url, root)
    const line = frame.url === '' || frame.url.startsWith(`file://${root}/`) ? '' : `:${frame.lineNumber + 1}`
    return `${frame.functionName || '(anonymous)'} (${file || 'native'}${line})`
  }

  const self = new Map<string, { ms: number; area: string }>()
  const inclusive = new Map<string, number>()
  const areas = new Map<string, number>()
  let idle = 0
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)
    if (node === undefined) return
    const us = weight(i)
    const k = key(node.callFrame)
    const area = areaOf(node.callFrame, root)
    if (area === '(idle)') idle += us
    const row = self.get(k) ?? { ms: 0, area }
    row.ms += us
    self.set(k, row)
    areas.set(area, (areas.get(area) ?? 0) + us)
    // Inclusive time of ltx-react's functions: once per sample, however deep the recursion.
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame
      if (frame === undefined || !shortUrl(frame.url, root).startsWith('src/')) continue
      const fk = key(frame)
      if (seen.has(fk)) continue
      seen.add(fk)
      inclusive.set(fk, (inclusive.get(fk) ?? 0) + us)
    }
  })
  const busy = total - idle
  const pct = (us: number) => Math.round((us / busy) * 1000) / 10
  const ms = (us: number) => Math.round(us / 100) / 10
  return {
    totalMs: ms(total),
    busyMs: ms(busy),
    topSelf: [...self.entries()]
      .filter(([, r]) => r.area !== '(idle)')
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, top)
      .map(([fn, r]) => ({ fn, area: r.area, ms: ms(r.ms), percent: pct(r.ms) })),
    ltxTotal: [...inclusive.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, area: 'ltx-react', ms: ms(us), percent: pct(us) })),
    areas: [...areas.entries()]
      .filter(([area]) => area !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .map(([area, us]) => ({ area, ms: ms(us), percent: pct(us) })),
  }
}
