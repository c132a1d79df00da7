// A real MP4 of any length from a short one: the source's coded samples are repeated in a loop
// and cut at the frame asked for, with new sample tables and durations. Nothing is re-encoded, so
// it runs anywhere (Node, browsers, workers) in a few milliseconds.
//
// It relies on what scripts/make-sample-videos.sh makes: H.264 baseline (no B-frames, so any
// prefix of frames after a keyframe decodes), one keyframe at the start of the loop, and AAC
// audio whose frames stand alone well enough (a faint click where the tone loops).

/** What {@link loopMp4} makes: `frames` frames at `fps`, and the source's audio looped to the same length unless `audio` is false. */
export interface LoopMp4Options {
  readonly frames: number
  readonly fps: number
  readonly audio: boolean
}

interface Track {
  readonly kind: 'video' | 'audio'
  readonly tkhd: Uint8Array
  readonly mdhd: Uint8Array
  readonly hdlr: Uint8Array
  /** vmhd or smhd */
  readonly mediaHeader: Uint8Array
  readonly dinf: Uint8Array
  readonly stsd: Uint8Array
  readonly timescale: number
  readonly samples: readonly Uint8Array[]
  /** Which samples are keyframes; undefined when every sample is one (stss absent). */
  readonly sync: ReadonlySet<number> | undefined
}

interface Source {
  readonly ftyp: Uint8Array
  readonly mvhd: Uint8Array
  readonly video: Track
  readonly audio: Track | undefined
}

/** Samples per AAC frame: the duration of every audio sample. */
const AAC_FRAME = 1024
/** Video ticks per frame: the track's timescale is fps × this, so any whole fps is exact. */
const VIDEO_TICK = 512
const MOVIE_TIMESCALE = 1000

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl'])

function u32(view: DataView, at: number): number {
  return view.getUint32(at)
}

/** The boxes directly inside `bytes[start, end)`, by type (the first of each type). */
function children(bytes: Uint8Array, start: number, end: number): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const found = new Map<string, Uint8Array>()
  for (let at = start; at + 8 <= end; ) {
    const size = u32(view, at)
    if (size < 8 || at + size > end) throw new Error('loopMp4: the source MP4 has a malformed box.')
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
    if (!found.has(type)) found.set(type, bytes.subarray(at, at + size))
    at += size
  }
  return found
}

function inside(box: Uint8Array): Map<string, Uint8Array> {
  return children(box, 8, box.byteLength)
}

function need(boxes: Map<string, Uint8Array>, type: string): Uint8Array {
  const box = boxes.get(type)
  if (box === undefined) throw new Error(`loopMp4: the source MP4 has no ${type} box.`)
  return box
}

function viewOf(box: Uint8Array): DataView {
  return new DataView(box.buffer, box.byteOffset, box.byteLength)
}

/** Every `trak` of a `moov`, in order (children() keeps only the first of a type). */
function tracksOf(moov: Uint8Array): Uint8Array[] {
  const view = viewOf(moov)
  const tracks: Uint8Array[] = []
  for (let at = 8; at + 8 <= moov.byteLength; at += u32(view, at)) {
    if (String.fromCharCode(...moov.subarray(at + 4, at + 8)) === 'trak') tracks.push(moov.subarray(at, at + u32(view, at)))
  }
  return tracks
}

function readTrack(file: Uint8Array, trak: Uint8Array): Track | undefined {
  const t = inside(trak)
  const mdia = inside(need(t, 'mdia'))
  const hdlr = need(mdia, 'hdlr')
  const handler = String.fromCharCode(...hdlr.subarray(16, 20))
  if (handler !== 'vide' && handler !== 'soun') return undefined
  const mdhd = need(mdia, 'mdhd')
  const timescale = u32(viewOf(mdhd), mdhd[8] === 1 ? 28 : 20)
  const minf = inside(need(mdia, 'minf'))
  const stbl = inside(need(minf, 'stbl'))

  const stsz = viewOf(need(stbl, 'stsz'))
  const fixed = u32(stsz, 12)
  const count = u32(stsz, 16)
  const sizes = Array.from({ length: count }, (_, i) => (fixed !== 0 ? fixed : u32(stsz, 20 + 4 * i)))

  const stco = stbl.get('stco')
  if (stco === undefined) throw new Error('loopMp4: the source MP4 needs 32-bit chunk offsets (stco).')
  const stcoView = viewOf(stco)
  const chunkOffsets = Array.from({ length: u32(stcoView, 12) }, (_, i) => u32(stcoView, 16 + 4 * i))

  const stsc = viewOf(need(stbl, 'stsc'))
  const runs = Array.from({ length: u32(stsc, 12) }, (_, i) => ({ first: u32(stsc, 16 + 12 * i), perChunk: u32(stsc, 20 + 12 * i) }))

  const samples: Uint8Array[] = []
  chunkOffsets.forEach((chunkOffset, chunkIndex) => {
    const chunk = chunkIndex + 1
    let perChunk = 0
    for (const run of runs) if (run.first <= chunk) perChunk = run.perChunk
    let at = chunkOffset
    for (let k = 0; k < perChunk && samples.length < count; k++) {
      const size = sizes[samples.length] as number
      samples.push(file.subarray(at, at + size))
      at += size
    }
  })
  if (samples.length !== count) throw new Error('loopMp4: the source MP4 sample tables disagree.')

  const stss = stbl.get('stss')
  const sync = stss === undefined ? undefined : new Set(Array.from({ length: u32(viewOf(stss), 12) }, (_, i) => u32(viewOf(stss), 16 + 4 * i) - 1))
  const mediaHeader = minf.get('vmhd') ?? need(minf, 'smhd')
  return {
    kind: handler === 'vide' ? 'video' : 'audio',
    tkhd: need(t, 'tkhd'),
    mdhd,
    hdlr,
    mediaHeader,
    dinf: need(minf, 'dinf'),
    stsd: need(stbl, 'stsd'),
    timescale,
    samples,
    sync,
  }
}

function readSource(file: Uint8Array): Source {
  const top = children(file, 0, file.byteLength)
  const moov = need(top, 'moov')
  const tracks = tracksOf(moov).flatMap((trak) => readTrack(file, trak) ?? [])
  const video = tracks.find((track) => track.kind === 'video')
  if (video === undefined || video.samples.length === 0) throw new Error('loopMp4: the source MP4 has no video track.')
  if (video.sync !== undefined && !video.sync.has(0)) throw new Error('loopMp4: the source video must start with a keyframe.')
  return { ftyp: need(top, 'ftyp'), mvhd: need(inside(moov), 'mvhd'), video, audio: tracks.find((track) => track.kind === 'audio') }
}

// ---- writing -----------------------------------------------------------------------------

function box(type: string, ...parts: readonly Uint8Array[]): Uint8Array {
  const size = 8 + parts.reduce((sum, part) => sum + part.byteLength, 0)
  const out = new Uint8Array(size)
  new DataView(out.buffer).setUint32(0, size)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  let at = 8
  for (const part of parts) {
    out.set(part, at)
    at += part.byteLength
  }
  return out
}

/** A full box (version 0, flags 0) whose payload is the given 32-bit words. */
function wordsBox(type: string, words: readonly number[]): Uint8Array {
  const payload = new Uint8Array(4 + 4 * words.length)
  const view = new DataView(payload.buffer)
  words.forEach((word, i) => view.setUint32(4 + 4 * i, word))
  return box(type, payload)
}

/** A copy of `source` (a tkhd, mdhd or mvhd) with its duration, and for mdhd/mvhd its timescale, replaced. */
function withDuration(source: Uint8Array, duration: number, timescale?: number): Uint8Array {
  const copy = source.slice()
  const view = viewOf(copy)
  const v1 = copy[8] === 1
  const isTkhd = String.fromCharCode(...copy.subarray(4, 8)) === 'tkhd'
  // After the version/flags word: creation and modification times (4 or 8 bytes each), then
  // tkhd has track id + reserved before its duration; mdhd and mvhd have the timescale.
  const afterTimes = 12 + (v1 ? 16 : 8)
  if (isTkhd) {
    const at = afterTimes + 8
    if (v1) view.setBigUint64(at, BigInt(duration))
    else view.setUint32(at, duration)
  } else {
    if (timescale !== undefined) view.setUint32(afterTimes, timescale)
    if (v1) view.setBigUint64(afterTimes + 4, BigInt(duration))
    else view.setUint32(afterTimes + 4, duration)
  }
  return copy
}

interface Placed {
  readonly track: Track
  readonly timescale: number
  readonly delta: number
  /** Indexes into track.samples, in output order. */
  readonly picks: readonly number[]
  readonly movieDuration: number
}

function trak(placed: Placed, trackId: number, offsets: readonly number[]): Uint8Array {
  const { track, picks } = placed
  const tkhd = withDuration(track.tkhd, placed.movieDuration)
  new DataView(tkhd.buffer).setUint32(12 + (tkhd[8] === 1 ? 16 : 8), trackId)
  const sizes = picks.map((pick) => (track.samples[pick] as Uint8Array).byteLength)
  const sync = track.sync
  const keyframes = sync === undefined ? undefined : picks.flatMap((pick, i) => (sync.has(pick) ? [i + 1] : []))
  const stbl = box(
    'stbl',
    track.stsd,
    wordsBox('stts', [1, picks.length, placed.delta]),
    ...(keyframes === undefined ? [] : [wordsBox('stss', [keyframes.length, ...keyframes])]),
    // One sample per chunk: the samples of both tracks interleave in time order in mdat.
    wordsBox('stsc', [1, 1, 1, 1]),
    wordsBox('stsz', [0, sizes.length, ...sizes]),
    wordsBox('stco', [offsets.length, ...offsets]),
  )
  const mdhd = withDuration(track.mdhd, picks.length * placed.delta, placed.timescale)
  return box('trak', tkhd, box('mdia', mdhd, track.hdlr, box('minf', track.mediaHeader, track.dinf, stbl)))
}

function moov(source: Source, placed: readonly Placed[], offsets: readonly (readonly number[])[], movieDuration: number): Uint8Array {
  const mvhd = withDuration(source.mvhd, movieDuration, MOVIE_TIMESCALE)
  new DataView(mvhd.buffer).setUint32(mvhd.byteLength - 4, placed.length + 1)
  return box('moov', mvhd, ...placed.map((p, i) => trak(p, i + 1, offsets[i] ?? [])))
}

function checkOptions({ frames, fps }: LoopMp4Options): void {
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`loopMp4: frames must be a whole number ≥ 1, got ${String(frames)}.`)
  if (!Number.isInteger(fps) || fps < 1) throw new RangeError(`loopMp4: fps must be a whole number ≥ 1, got ${String(fps)}.`)
}

/**
 * An MP4 of exactly `frames` frames at `fps` (duration `frames / fps` seconds), made from a short
 * source clip by looping its coded frames from its first keyframe; its audio, when kept, is looped
 * to the same length (whole AAC frames, so it ends up to 23 ms before the video). The moov box comes
 * first, so `<video>` starts playing before the whole file arrives.
 */
export function loopMp4(sourceBytes: Uint8Array, options: LoopMp4Options): Uint8Array<ArrayBuffer> {
  checkOptions(options)
  const source = readSource(sourceBytes)
  const seconds = options.frames / options.fps
  const movieDuration = Math.round(seconds * MOVIE_TIMESCALE)
  const cycle = (count: number, length: number) => Array.from({ length: count }, (_, i) => i % length)
  const placed: Placed[] = [
    {
      track: source.video,
      timescale: options.fps * VIDEO_TICK,
      delta: VIDEO_TICK,
      picks: cycle(options.frames, source.video.samples.length),
      movieDuration,
    },
  ]
  const audio = source.audio
  if (options.audio && audio !== undefined && audio.samples.length > 0) {
    const count = Math.max(1, Math.floor((seconds * audio.timescale) / AAC_FRAME))
    placed.push({
      track: audio,
      timescale: audio.timescale,
      delta: AAC_FRAME,
      picks: cycle(count, audio.samples.length),
      movieDuration: Math.round(((count * AAC_FRAME) / audio.timescale) * MOVIE_TIMESCALE),
    })
  }

  // Time order across tracks, so a player reading from the front gets both as it goes.
  const order = placed
    .flatMap((p, track) => p.picks.map((pick, index) => ({ track, pick, index, time: (index * p.delta) / p.timescale })))
    .sort((a, b) => a.time - b.time || a.track - b.track)

  const sizeOf = (entry: { track: number; pick: number }) => ((placed[entry.track] as Placed).track.samples[entry.pick] as Uint8Array).byteLength
  const mediaBytes = order.reduce((sum, entry) => sum + sizeOf(entry), 0)
  const placeholder = placed.map((p) => p.picks.map(() => 0))
  const headerBytes = source.ftyp.byteLength + moov(source, placed, placeholder, movieDuration).byteLength + 8

  const offsets = placed.map((p) => new Array<number>(p.picks.length).fill(0))
  let at = headerBytes
  for (const entry of order) {
    ;(offsets[entry.track] as number[])[entry.index] = at
    at += sizeOf(entry)
  }

  const head = moov(source, placed, offsets, movieDuration)
  const out = new Uint8Array(headerBytes + mediaBytes)
  out.set(source.ftyp, 0)
  out.set(head, source.ftyp.byteLength)
  const mdatAt = source.ftyp.byteLength + head.byteLength
  new DataView(out.buffer).setUint32(mdatAt, 8 + mediaBytes)
  out.set([0x6d, 0x64, 0x61, 0x74], mdatAt + 4)
  at = headerBytes
  for (const entry of order) {
    out.set((placed[entry.track] as Placed).track.samples[entry.pick] as Uint8Array, at)
    at += sizeOf(entry)
  }
  return out
}
