import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../../src/testing/create-simulator'
import { sampleVideoBytes, sampleVideoNames } from '../../src/testing/sample-videos'
import { startSimulatorServer } from '../../src/testing/start-simulator-server'

// The simulator's outputs are real, small, playable MP4s: made by scripts/make-sample-videos.sh,
// committed under src/testing/assets and embedded as base64 so every runtime can serve them.

const ascii = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes)

/** The top-level MP4 boxes, in file order. */
function topLevelBoxes(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const boxes: string[] = []
  for (let at = 0; at + 8 <= bytes.byteLength && boxes.length < 50; ) {
    const size = view.getUint32(at)
    boxes.push(ascii(bytes.slice(at + 4, at + 8)))
    if (size < 8) break
    at += size
  }
  return boxes
}

describe('the sample clips', () => {
  it('are the committed MP4 files, byte for byte', () => {
    expect([...sampleVideoNames].sort()).toEqual(['silent', 'with-audio'])
    for (const name of sampleVideoNames) {
      const file = readFileSync(new URL(`../../src/testing/assets/${name}.mp4`, import.meta.url))
      expect(Buffer.from(sampleVideoBytes(name)).equals(file), name).toBe(true)
    }
  })

  it('are small: under 200 KB together', () => {
    const total = sampleVideoNames.reduce((sum, name) => sum + sampleVideoBytes(name).byteLength, 0)
    expect(total).toBeLessThan(200 * 1024)
  })

  it('start playing before they are fully loaded: the moov box comes before the media data', () => {
    for (const name of sampleVideoNames) {
      const boxes = topLevelBoxes(sampleVideoBytes(name))
      expect(boxes[0], name).toBe('ftyp')
      expect(boxes.indexOf('moov'), name).toBeGreaterThan(-1)
      expect(boxes.indexOf('moov'), name).toBeLessThan(boxes.indexOf('mdat'))
    }
  })

  it('are H.264 video, and only with-audio carries an AAC track', () => {
    const withAudio = ascii(sampleVideoBytes('with-audio'))
    const silent = ascii(sampleVideoBytes('silent'))
    expect(withAudio).toContain('avc1')
    expect(silent).toContain('avc1')
    expect(withAudio).toContain('mp4a')
    expect(silent).not.toContain('mp4a')
  })
})

describe('serving them', () => {
  const sim = createSimulator()
  const get = (name: string, headers: Record<string, string> = {}, method = 'GET') =>
    sim.fetch(new Request(`http://sim.test/sim/videos/${name}.mp4`, { method, headers }))

  it('whole, as video/mp4 with its length, no key needed', async () => {
    const response = await get('with-audio')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(Number(response.headers.get('content-length'))).toBe(sampleVideoBytes('with-audio').byteLength)
    expect((await response.arrayBuffer()).byteLength).toBe(sampleVideoBytes('with-audio').byteLength)
  })

  it('by range, as <video> asks for it', async () => {
    const total = sampleVideoBytes('silent').byteLength
    const first = await get('silent', { range: 'bytes=0-99' })
    expect(first.status).toBe(206)
    expect(first.headers.get('content-range')).toBe(`bytes 0-99/${total}`)
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(sampleVideoBytes('silent').slice(0, 100))
    const open = await get('silent', { range: 'bytes=100-' })
    expect(open.headers.get('content-range')).toBe(`bytes 100-${total - 1}/${total}`)
    const tail = await get('silent', { range: 'bytes=-10' })
    expect((await tail.arrayBuffer()).byteLength).toBe(10)
    expect((await get('silent', { range: `bytes=${total}-` })).status).toBe(416)
  })

  it('HEAD answers the headers only; unknown names are 404', async () => {
    const head = await get('silent', {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect((await get('nope')).status).toBe(404)
  })

  it('over real HTTP from startSimulatorServer', async () => {
    const server = await startSimulatorServer()
    try {
      const response = await fetch(`${server.url}/sim/videos/with-audio.mp4`, { headers: { range: 'bytes=0-7' } })
      expect(response.status).toBe(206)
      expect(ascii(new Uint8Array(await response.arrayBuffer())).slice(4)).toBe('ftyp')
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    } finally {
      await server.close()
    }
  })
})
