import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../../src/testing/create-simulator'
import { exampleInputs } from '../../src/testing/example-inputs'
import { testPatternBase64 } from '../../src/testing/sample-video-data'
import { parseSampleClip, sampleVideoBytes } from '../../src/testing/sample-videos'
import { SIMULATOR_KEYS } from '../../src/testing/simulator-defaults'
import { startSimulatorServer } from '../../src/testing/start-simulator-server'
import { readMp4 } from './read-mp4'

// The simulator's outputs are real, playable MP4s as long as the request asked for: one 2 s clip
// made by scripts/make-sample-videos.sh (committed under src/testing/assets, embedded as base64),
// looped to the requested frame count when served. A player believes mvhd and mdhd; so do these tests.

const ORIGIN = 'https://api.segmind.test'
const APIXO = 'https://api.apixo.test'

/** Submit `input` to `model` as an app would, let the job finish, and read the clip its result links to. */
async function generated(model: string, input: unknown) {
  const sim = createSimulator()
  const apixo = model === 'ltx-2-19b'
  const submit = await sim.fetch(
    apixo
      ? new Request(`${APIXO}/api/v1/generateTask/ltx-2-19b`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SIMULATOR_KEYS.apixo}`, 'content-type': 'application/json' },
          body: JSON.stringify({ request_type: 'async', provider: 'auto', input }),
        })
      : new Request(`${ORIGIN}/v2/${model}`, {
          method: 'POST',
          headers: { 'x-api-key': SIMULATOR_KEYS.segmind, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        }),
  )
  expect(submit.status, JSON.stringify(input)).toBe(200)
  const body = (await submit.json()) as { request_id?: string; data?: { taskId: string } }
  const id = body.request_id ?? body.data?.taskId ?? ''
  sim.finish(id)
  let url: string
  if (apixo) {
    const status = (await (
      await sim.fetch(new Request(`${APIXO}/api/v1/statusTask/ltx-2-19b?taskId=${id}`, { headers: { authorization: `Bearer ${SIMULATOR_KEYS.apixo}` } }))
    ).json()) as { data: { resultJson: string } }
    url = (JSON.parse(status.data.resultJson) as { resultUrls: string[] }).resultUrls[0] as string
  } else {
    url = ((await (await sim.fetch(new Request(`${ORIGIN}/v2/requests/${id}`, { headers: { 'x-api-key': SIMULATOR_KEYS.segmind } }))).json()) as { output: string }).output
  }
  const video = await sim.fetch(new Request(url))
  expect(video.status, url).toBe(200)
  const bytes = new Uint8Array(await video.arrayBuffer())
  const facts = readMp4(bytes)
  const track = (handler: string) => facts.tracks.find((t) => t.handler === handler)
  return { url, facts, video: track('vide'), audio: track('soun'), bytes, job: sim.job(id) }
}

describe('a generated clip is as long as the request asked', () => {
  it.each([6, 8, 10])('ltx-2-fast, duration %i s: the clip runs %i s (144, 192, 240 frames at 24 fps)', async (seconds) => {
    const clip = await generated('ltx-2-fast', { prompt: 'Waves', duration: seconds })
    expect(clip.facts.durationSec).toBe(seconds)
    expect(clip.video?.durationSec).toBe(seconds)
    expect(clip.video?.samples).toBe(seconds * 24)
    // Audio is cut at whole AAC frames: it ends at most one frame (23 ms) before the video.
    expect(clip.audio?.durationSec).toBeLessThanOrEqual(seconds)
    expect(clip.audio?.durationSec).toBeGreaterThan(seconds - 0.024)
  })

  it('ltx-2-fast without audio: a silent clip of the same length', async () => {
    const clip = await generated('ltx-2-fast', { prompt: 'Waves', duration: 6, generate_audio: false })
    expect(clip.facts.durationSec).toBe(6)
    expect(clip.audio).toBeUndefined()
  })

  it.each([5, 7, 12, 20])('APIXO ltx-2-19b, duration %i s', async (seconds) => {
    const clip = await generated('ltx-2-19b', { ...exampleInputs['ltx-2-19b'], duration: seconds })
    expect(clip.facts.durationSec).toBe(seconds)
    expect(clip.video?.samples).toBe(seconds * 24)
    expect(clip.audio).toBeDefined()
  })

  it.each([
    [161, 24],
    [121, 24],
    [1, 1],
    [53, 7],
    [400, 30],
  ])('ltx-2-19b-t2v, %i frames at %i fps: exactly those frames, so an odd length lasts frames / fps', async (frames, fps) => {
    const clip = await generated('ltx-2-19b-t2v', { prompt: 'A lighthouse', num_frames: frames, fps })
    expect(clip.video?.samples).toBe(frames)
    expect(clip.video?.durationSec).toBeCloseTo(frames / fps, 9)
    // mvhd counts milliseconds: 161 frames at 24 fps (6.7083 s) reads 6.708 s.
    expect(clip.facts.durationSec).toBe(Math.round((frames / fps) * 1000) / 1000)
  })

  it.each([97, 129, 257])('ltx-video, length %i frames: that many frames at 24 fps, no audio', async (length) => {
    const clip = await generated('ltx-video', { prompt: 'A fox in snow', length })
    expect(clip.video?.samples).toBe(length)
    expect(clip.video?.durationSec).toBeCloseTo(length / 24, 9)
    expect(clip.audio).toBeUndefined()
  })

  it('ltx-retake-video keeps the length (and the audio) of a source the simulator made', async () => {
    const source = await generated('ltx-2-fast', { prompt: 'Waves', duration: 10, generate_audio: false })
    const retake = await generated('ltx-retake-video', { video_uri: source.url, start_time: 2, duration: 3 })
    expect(retake.facts.durationSec).toBe(10)
    expect(retake.audio).toBeUndefined()
  })

  it('ltx-retake-video of a source of unknown length ends where the retaken segment ends', async () => {
    const retake = await generated('ltx-retake-video', { video_uri: 'https://cdn.example/clip.mp4', start_time: 1.5, duration: 4 })
    expect(retake.facts.durationSec).toBe(5.5)
    expect(retake.audio).toBeDefined()
  })

  it('names the clip in the job view and in its URL', async () => {
    const clip = await generated('ltx-2-fast', { prompt: 'Waves', duration: 6 })
    expect(clip.job?.clip).toEqual({ name: 'with-audio', frames: 144, fps: 24 })
    expect(clip.url).toBe(`${ORIGIN}/sim/videos/with-audio-144f-24fps.mp4`)
    expect(parseSampleClip(clip.url)).toEqual(clip.job?.clip)
  })
})

describe('the clips themselves', () => {
  it('come from the committed source clip, byte for byte', () => {
    const file = readFileSync(new URL('../../src/testing/assets/test-pattern.mp4', import.meta.url))
    expect(Buffer.from(testPatternBase64, 'base64').equals(file)).toBe(true)
    const facts = readMp4(file)
    expect(facts.durationSec).toBe(2)
    expect(facts.tracks.find((t) => t.handler === 'vide')?.keyframes).toEqual([1])
  })

  it('keep the package small: the source clip is under 32 KB', () => {
    expect(Buffer.from(testPatternBase64, 'base64').byteLength).toBeLessThan(32 * 1024)
  })

  it.each(Array.from({ length: 19 }, (_, i) => i + 2))('%i s at 24 fps: the duration a player reads', (seconds) => {
    const facts = readMp4(sampleVideoBytes('with-audio', { frames: seconds * 24, fps: 24 }))
    expect(facts.durationSec).toBe(seconds)
    const video = facts.tracks.find((t) => t.handler === 'vide')
    expect(video?.durationSec).toBe(seconds)
    // The loop restarts at a keyframe every 48 frames, so a player can seek anywhere.
    expect(video?.keyframes).toEqual(Array.from({ length: Math.ceil((seconds * 24) / 48) }, (_, i) => 1 + 48 * i))
  })

  it('start playing before they are fully loaded: moov before mdat', () => {
    for (const name of ['with-audio', 'silent'] as const) {
      const facts = readMp4(sampleVideoBytes(name, { frames: 144, fps: 24 }))
      expect(facts.topLevel, name).toEqual(['ftyp', 'moov', 'mdat'])
    }
  })

  it('are H.264 video, and only with-audio carries an AAC track', () => {
    expect(readMp4(sampleVideoBytes('with-audio')).tracks.map((t) => t.codec)).toEqual(['avc1', 'mp4a'])
    expect(readMp4(sampleVideoBytes('silent')).tracks.map((t) => t.codec)).toEqual(['avc1'])
  })

  it('by name alone are 4 s at 24 fps', () => {
    expect(readMp4(sampleVideoBytes('silent')).durationSec).toBe(4)
    expect(parseSampleClip('silent.mp4')).toEqual({ name: 'silent', frames: 96, fps: 24 })
  })

  it('refuse names the simulator never makes, and lengths past 10 minutes', () => {
    expect(parseSampleClip('loud-96f-24fps.mp4')).toBeUndefined()
    expect(parseSampleClip('silent-0f-24fps.mp4')).toBeUndefined()
    expect(parseSampleClip('silent-18001f-30fps.mp4')).toBeUndefined()
    expect(parseSampleClip('silent-96f-61fps.mp4')).toBeUndefined()
    expect(() => sampleVideoBytes('silent', { frames: 2.5, fps: 24 })).toThrow(RangeError)
  })
})

describe('serving them', () => {
  const sim = createSimulator()
  const get = (file: string, headers: Record<string, string> = {}, method = 'GET') =>
    sim.fetch(new Request(`http://sim.test/sim/videos/${file}`, { method, headers }))

  it('whole, as video/mp4 with its length, no key needed', async () => {
    const response = await get('with-audio-144f-24fps.mp4')
    const bytes = sampleVideoBytes('with-audio', { frames: 144, fps: 24 })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(Number(response.headers.get('content-length'))).toBe(bytes.byteLength)
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes)
  })

  it('by range, as <video> asks for it', async () => {
    const bytes = sampleVideoBytes('silent')
    const total = bytes.byteLength
    const first = await get('silent.mp4', { range: 'bytes=0-99' })
    expect(first.status).toBe(206)
    expect(first.headers.get('content-range')).toBe(`bytes 0-99/${total}`)
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(bytes.slice(0, 100))
    const open = await get('silent.mp4', { range: 'bytes=100-' })
    expect(open.headers.get('content-range')).toBe(`bytes 100-${total - 1}/${total}`)
    const tail = await get('silent.mp4', { range: 'bytes=-10' })
    expect((await tail.arrayBuffer()).byteLength).toBe(10)
    expect((await get('silent.mp4', { range: `bytes=${total}-` })).status).toBe(416)
  })

  it('HEAD answers the headers only; unknown names and absurd lengths are 404', async () => {
    const head = await get('silent.mp4', {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect((await get('nope.mp4')).status).toBe(404)
    expect((await get('silent-99999f-24fps.mp4')).status).toBe(404)
  })

  it('over real HTTP from startSimulatorServer', async () => {
    const server = await startSimulatorServer()
    try {
      const response = await fetch(`${server.url}/sim/videos/with-audio-240f-24fps.mp4`)
      expect(response.status).toBe(200)
      expect(readMp4(new Uint8Array(await response.arrayBuffer())).durationSec).toBe(10)
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    } finally {
      await server.close()
    }
  })
})
