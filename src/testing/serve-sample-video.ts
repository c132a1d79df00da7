import { sampleVideoBytes, type SampleClip } from './sample-videos'

/**
 * Answer a GET or HEAD for a sample clip the way a CDN does, including single byte ranges:
 * browsers ask `<video>` sources for `Range: bytes=0-` and seek with further ranges.
 */
export function serveSampleVideo(clip: SampleClip, request: Request): Response {
  const bytes = sampleVideoBytes(clip.name, clip)
  const total = bytes.byteLength
  const headers = new Headers({
    'content-type': 'video/mp4',
    'accept-ranges': 'bytes',
    'cache-control': 'public, max-age=3600',
  })
  const head = request.method === 'HEAD'
  const range = request.headers.get('range')
  if (range === null) {
    headers.set('content-length', String(total))
    return new Response(head ? null : bytes, { status: 200, headers })
  }
  const parsed = parseRange(range, total)
  if (parsed === undefined) {
    headers.set('content-range', `bytes */${total}`)
    return new Response(null, { status: 416, headers })
  }
  const [start, end] = parsed
  headers.set('content-range', `bytes ${start}-${end}/${total}`)
  headers.set('content-length', String(end - start + 1))
  return new Response(head ? null : bytes.slice(start, end + 1), { status: 206, headers })
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range, clamped; undefined when unsatisfiable. */
function parseRange(header: string, total: number): [number, number] | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (match === null) return undefined
  const [, from = '', to = ''] = match
  if (from === '' && to === '') return undefined
  if (from === '') {
    const suffix = Number(to)
    if (suffix === 0) return undefined
    return [Math.max(0, total - suffix), total - 1]
  }
  const start = Number(from)
  const end = to === '' ? total - 1 : Math.min(Number(to), total - 1)
  if (start >= total || end < start) return undefined
  return [start, end]
}
