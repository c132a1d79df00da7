import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createSimulator } from '../../src/testing/create-simulator'
import { exampleInputs } from '../../src/testing/example-inputs'
import { SIMULATOR_KEYS } from '../../src/testing/simulator-defaults'
import { simulatorHandlers } from '../../src/testing/simulator-handlers'
import { createSegmindTransport } from '../../src/transport/create-segmind-transport'
import { createApixoTransport } from '../../src/transport/create-apixo-transport'

// The same simulator, served as msw handlers: how an app's own tests (and Storybook, in the
// browser) get a working backend without a server.

const sim = createSimulator()
const provider = createSimulator()
const server = setupServer(
  ...simulatorHandlers(sim),
  ...simulatorHandlers(provider, { baseUrl: 'https://api.segmind.com' }),
)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('as a stand-in for the proxy at /api/ltx (the default)', () => {
  it('the Segmind transport runs a job to a playable video, without a key', async () => {
    const transport = createSegmindTransport({ baseUrl: 'http://localhost:3000/api/ltx/segmind' })
    const job = await transport.submit('ltx-2-fast', exampleInputs['ltx-2-fast'])
    expect((await transport.status(job)).phase).toBe('queued')
    sim.finish(job.id)
    const done = await transport.status(job)
    expect(done.phase).toBe('succeeded')
    expect(done.output?.videoUrl).toBe('http://localhost:3000/api/ltx/sim/videos/with-audio-192f-24fps.mp4')
    const video = await fetch(done.output?.videoUrl ?? '')
    expect(video.headers.get('content-type')).toBe('video/mp4')
  })

  it('the APIXO transport sees a scripted failure', async () => {
    const transport = createApixoTransport({ baseUrl: 'http://localhost:3000/api/ltx/apixo' })
    const job = await transport.submit('ltx-2-19b', { ...exampleInputs['ltx-2-19b'], prompt: 'A fox [sim:content-violation]' })
    sim.finish(job.id)
    const done = await transport.status(job)
    expect(done.phase).toBe('failed')
    expect(done.error?.failCode).toBe('CONTENT_VIOLATION')
  })
})

describe('as the provider itself, at an absolute URL', () => {
  it('checks the key like Segmind does', async () => {
    const body = JSON.stringify(exampleInputs['ltx-video'])
    const anonymous = await fetch('https://api.segmind.com/v2/ltx-video', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect(anonymous.status).toBe(401)
    const keyed = await fetch('https://api.segmind.com/v2/ltx-video', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': SIMULATOR_KEYS.segmind },
      body,
    })
    expect(keyed.status).toBe(200)
    expect(provider.count('segmind.submit')).toBe(2)
    expect(sim.count('segmind.submit')).toBe(1)
  })

  it('does not catch other hosts or paths', async () => {
    const handlers = simulatorHandlers(provider, { baseUrl: 'https://api.segmind.com' })
    expect(handlers).toHaveLength(1)
    // msw reports the unhandled request on console.error before refusing it; that is the point here.
    const report = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    await expect(fetch('https://elsewhere.test/v2/ltx-video')).rejects.toThrow()
    expect(String(report.mock.calls[0]?.[0])).toContain('https://elsewhere.test/v2/ltx-video')
  })
})
