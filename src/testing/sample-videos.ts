import { loopMp4 } from './loop-mp4'
import { testPatternBase64 } from './sample-video-data'

/** The name of a sample clip the simulator serves: a 320×180 moving test pattern, with a beeping tone or silent. */
export type SampleVideoName = 'with-audio' | 'silent'

/** Every sample clip's name. */
export const sampleVideoNames: readonly SampleVideoName[] = Object.freeze(['with-audio', 'silent'])

/** How long a sample clip runs: `frames` frames at `fps` (so `frames / fps` seconds). */
export interface SampleClipLength {
  readonly frames: number
  readonly fps: number
}

/** A sample clip: which one and how long; what the simulator's video URLs name. */
export interface SampleClip extends SampleClipLength {
  readonly name: SampleVideoName
}

/** The length of a clip asked for by name alone: 4 s at 24 fps. */
export const DEFAULT_CLIP_LENGTH: SampleClipLength = Object.freeze({ frames: 96, fps: 24 })

/** The longest clip served: 10 minutes at 30 fps, far above any model's output, so a URL cannot make the simulator build a huge file. */
export const MAX_CLIP_FRAMES = 18_000
/** The highest frame rate served. */
export const MAX_CLIP_FPS = 60

/** True when `value` names a sample clip. */
export function isSampleVideoName(value: string): value is SampleVideoName {
  return value === 'with-audio' || value === 'silent'
}

/** The file name of a clip in the simulator's video URLs: `with-audio-144f-24fps.mp4` (6 s). */
export function sampleClipFileName(clip: SampleClip): string {
  return `${clip.name}-${clip.frames}f-${clip.fps}fps.mp4`
}

/**
 * The clip a file name (or a URL ending in one) names, or undefined: `with-audio-144f-24fps.mp4`,
 * or `silent.mp4` for the default length.
 */
export function parseSampleClip(fileNameOrUrl: string): SampleClip | undefined {
  const match = /(?:^|\/)(with-audio|silent)(?:-(\d{1,5})f-(\d{1,2})fps)?\.mp4(?:[?#].*)?$/.exec(fileNameOrUrl)
  if (match === null) return undefined
  const name = match[1] as SampleVideoName
  if (match[2] === undefined) return { name, ...DEFAULT_CLIP_LENGTH }
  const frames = Number(match[2])
  const fps = Number(match[3])
  if (frames < 1 || frames > MAX_CLIP_FRAMES || fps < 1 || fps > MAX_CLIP_FPS) return undefined
  return { name, frames, fps }
}

let source: Uint8Array<ArrayBuffer> | undefined

function sourceClip(): Uint8Array<ArrayBuffer> {
  if (source === undefined) {
    // atob exists in browsers and in Node 16+, so no Buffer is needed here.
    const binary = atob(testPatternBase64)
    source = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) source[i] = binary.charCodeAt(i)
  }
  return source
}

// A <video> asks for a clip several times (ranges, seeks): keep the last few built.
const built = new Map<string, Uint8Array<ArrayBuffer>>()
const KEEP = 8

/**
 * The bytes of a sample clip: an H.264 baseline MP4 (with an AAC tone unless `silent`), moov atom
 * first, exactly `length.frames` frames at `length.fps`; 4 s at 24 fps by default.
 */
export function sampleVideoBytes(name: SampleVideoName, length: SampleClipLength = DEFAULT_CLIP_LENGTH): Uint8Array<ArrayBuffer> {
  const key = sampleClipFileName({ name, ...length })
  let bytes = built.get(key)
  if (bytes === undefined) {
    bytes = loopMp4(sourceClip(), { frames: length.frames, fps: length.fps, audio: name === 'with-audio' })
    if (built.size >= KEEP) built.delete(built.keys().next().value as string)
  } else {
    built.delete(key)
  }
  built.set(key, bytes)
  return bytes
}
