import { sampleVideoData } from './sample-video-data'

/** The name of a sample clip the simulator serves: a 4 s, 320×180 moving test pattern, with or without a tone. */
export type SampleVideoName = keyof typeof sampleVideoData

/** Every sample clip's name. */
export const sampleVideoNames = Object.freeze(Object.keys(sampleVideoData)) as readonly SampleVideoName[]

/** True when `value` names a sample clip. */
export function isSampleVideoName(value: string): value is SampleVideoName {
  return Object.prototype.hasOwnProperty.call(sampleVideoData, value)
}

const decoded = new Map<SampleVideoName, Uint8Array<ArrayBuffer>>()

/** The bytes of a sample clip (an H.264 baseline + AAC MP4 with the moov atom first), decoded once. */
export function sampleVideoBytes(name: SampleVideoName): Uint8Array<ArrayBuffer> {
  let bytes = decoded.get(name)
  if (bytes === undefined) {
    // atob exists in browsers and in Node 16+, so no Buffer is needed here.
    const binary = atob(sampleVideoData[name])
    bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    decoded.set(name, bytes)
  }
  return bytes
}
