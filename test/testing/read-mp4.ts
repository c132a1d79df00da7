// A reader of the MP4 facts a player goes by, written apart from src/testing/loop-mp4.ts so the
// tests do not check the writer with itself: the movie's duration (mvhd), each track's handler,
// duration (mdhd), sample count (stsz) and keyframes (stss), and the top-level box order.

export interface Mp4Track {
  readonly handler: string
  readonly durationSec: number
  readonly samples: number
  /** 1-based sample numbers of the keyframes; undefined when every sample is one. */
  readonly keyframes: readonly number[] | undefined
  readonly codec: string
}

export interface Mp4Facts {
  readonly topLevel: readonly string[]
  readonly durationSec: number
  readonly tracks: readonly Mp4Track[]
}

interface Box {
  readonly type: string
  readonly start: number
  readonly end: number
}

function boxes(view: DataView, start: number, end: number): Box[] {
  const out: Box[] = []
  for (let at = start; at + 8 <= end; ) {
    const size = view.getUint32(at)
    if (size < 8) throw new Error(`bad box size ${size} at ${at}`)
    const type = String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + at + 4, 4))
    out.push({ type, start: at, end: at + size })
    at += size
  }
  return out
}

const child = (view: DataView, parent: Box, type: string): Box => {
  const found = boxes(view, parent.start + 8, parent.end).find((box) => box.type === type)
  if (found === undefined) throw new Error(`no ${type} in ${parent.type}`)
  return found
}

/** Timescale and duration of an mvhd or mdhd box (versions 0 and 1). */
function timing(view: DataView, box: Box): { timescale: number; duration: number } {
  const v1 = view.getUint8(box.start + 8) === 1
  const at = box.start + 12 + (v1 ? 16 : 8)
  return { timescale: view.getUint32(at), duration: v1 ? Number(view.getBigUint64(at + 4)) : view.getUint32(at + 4) }
}

/** Read the facts of an MP4 file. */
export function readMp4(bytes: Uint8Array): Mp4Facts {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const top = boxes(view, 0, bytes.byteLength)
  const moov = top.find((box) => box.type === 'moov')
  if (moov === undefined) throw new Error('no moov')
  const movie = timing(view, child(view, moov, 'mvhd'))
  const tracks = boxes(view, moov.start + 8, moov.end)
    .filter((box) => box.type === 'trak')
    .map((trak) => {
      const mdia = child(view, trak, 'mdia')
      const media = timing(view, child(view, mdia, 'mdhd'))
      const hdlr = child(view, mdia, 'hdlr')
      const stbl = child(view, child(view, mdia, 'minf'), 'stbl')
      const stsd = child(view, stbl, 'stsd')
      const stsz = child(view, stbl, 'stsz')
      const stss = boxes(view, stbl.start + 8, stbl.end).find((box) => box.type === 'stss')
      const keyframes =
        stss === undefined
          ? undefined
          : Array.from({ length: view.getUint32(stss.start + 12) }, (_, i) => view.getUint32(stss.start + 16 + 4 * i))
      return {
        handler: String.fromCharCode(...bytes.subarray(hdlr.start + 16, hdlr.start + 20)),
        durationSec: media.duration / media.timescale,
        samples: view.getUint32(stsz.start + 16),
        keyframes,
        // The first sample entry's type: avc1, mp4a…
        codec: String.fromCharCode(...bytes.subarray(stsd.start + 20, stsd.start + 24)),
      }
    })
  return { topLevel: top.map((box) => box.type), durationSec: movie.duration / movie.timescale, tracks }
}
