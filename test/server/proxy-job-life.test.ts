import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobRef } from '../../src/core/job'
import type { ModelId, ModelInput } from '../../src/models/registry'
import { exampleInputs } from '../../src/testing/example-inputs'
import { createApixoTransport } from '../../src/transport/create-apixo-transport'
import { createSegmindTransport } from '../../src/transport/create-segmind-transport'
import type { VideoTransport } from '../../src/transport/video-transport'
import { closeServer, listen, startProxyStack, type ProxyStack } from './proxy-stack'

// A browser app's whole job life, end to end over real sockets: the library's transports talk
// to the proxy, the proxy adds the key and talks to the simulator, the video is really served.

const LORA = 'https://huggingface.co/acme/ltx-styles/resolve/main/watercolor.safetensors?download=true'
const IMAGE = 'https://cdn.example.com/photos/fox.png'

const apixoModes: Record<string, ModelInput<'ltx-2-19b'>> = {
  'text-to-video': exampleInputs['ltx-2-19b'],
  'image-to-video': { mode: 'image-to-video', prompt: 'The fox turns its head and blinks', image_urls: [IMAGE], resolution: '480p', duration: 5 },
  'text-to-video-LoRA': {
    mode: 'text-to-video-LoRA',
    prompt: 'A lighthouse in a storm, watercolor style',
    resolution: '1080p',
    duration: 8,
    aspect_ratio: '9:16',
    loras: [{ path: LORA, scale: 1.2 }],
  },
  'image-to-video-LoRA': {
    mode: 'image-to-video-LoRA',
    prompt: 'The fox runs off, watercolor style',
    image_urls: [IMAGE],
    loras: [
      { path: LORA, scale: 0.8 },
      { path: `${LORA}&v=2`, scale: 1.5 },
    ],
  },
}

let stack: ProxyStack
let segmind: VideoTransport
let apixo: VideoTransport

beforeAll(async () => {
  stack = await startProxyStack()
  segmind = createSegmindTransport({ baseUrl: `${stack.proxyUrl}/segmind` })
  apixo = createApixoTransport({ baseUrl: `${stack.proxyUrl}/apixo` })
})
afterAll(() => stack.close())

/** Follow a job through its phases by moving the simulator's clock to each boundary. */
async function followToTheEnd(transport: VideoTransport, job: JobRef) {
  // The browser holds a signed handle; the simulator knows the job by the provider's own id.
  const planned = stack.sim.jobs().at(-1)
  expect(job.id, 'a handle, not the raw id').not.toBe(planned?.id)
  expect(planned, 'the simulator knows the job the proxy created').toBeDefined()
  const phases = [(await transport.status(job)).phase]
  stack.advance((planned?.startedAt ?? 0) - stack.sim.now())
  phases.push((await transport.status(job)).phase)
  stack.advance((planned?.endsAt ?? 0) - stack.sim.now())
  const last = await transport.status(job)
  phases.push(last.phase)
  return { phases, last }
}

async function expectPlayableVideo(url: string | undefined, audio: boolean) {
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sim\/videos\/[a-z0-9-]+\.mp4$/)
  const response = await fetch(url ?? '')
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('video/mp4')
  const bytes = new Uint8Array(await response.arrayBuffer())
  expect(new TextDecoder().decode(bytes.slice(4, 8))).toBe('ftyp')
  expect(url).toMatch(audio ? /\/with-audio(-\d+f-\d+fps)?\.mp4$/ : /\/silent(-\d+f-\d+fps)?\.mp4$/)
}

describe('every Segmind model, through the transport and the proxy', () => {
  const cases: [ModelId, boolean][] = [
    ['ltx-2-19b-t2v', true],
    ['ltx-video', false],
    ['ltx-2-fast', true],
    ['ltx-retake-video', true],
  ]
  it.each(cases)('%s: submit, queued, running, succeeded with a playable video', async (model, audio) => {
    const job = await segmind.submit(model, exampleInputs[model])
    expect(job).toMatchObject({ model, provider: 'segmind' })

    const { phases, last } = await followToTheEnd(segmind, job)

    expect(phases).toEqual(['queued', 'running', 'succeeded'])
    // The operator's account data stays on the server (exposeCost is off by default).
    expect(last.metrics?.totalTime).toBeGreaterThan(0)
    expect(last.metrics?.cost).toBeUndefined()
    expect(last.metrics?.remainingCredits).toBeUndefined()
    await expectPlayableVideo(last.output?.videoUrl, audio)
  })

  it('ltx-2-fast without audio gets the silent clip', async () => {
    const job = await segmind.submit('ltx-2-fast', { ...exampleInputs['ltx-2-fast'], generate_audio: false })
    const { last } = await followToTheEnd(segmind, job)
    await expectPlayableVideo(last.output?.videoUrl, false)
  })

  it('a content violation ends as failed, with the reason, and an hour later as expired', async () => {
    const job = await segmind.submit('ltx-video', { ...exampleInputs['ltx-video'], prompt: 'a scene [sim:content-violation]' })
    const { phases, last } = await followToTheEnd(segmind, job)
    expect(phases).toEqual(['queued', 'running', 'failed'])
    expect(last.error?.kind).toBe('generation-failed')
    expect(last.error?.message).toMatch(/content/i)

    stack.advance(60 * 60 * 1000)
    const fresh = createSegmindTransport({ baseUrl: `${stack.proxyUrl}/segmind` })
    expect((await fresh.status(job)).phase).toBe('expired')
  })
})

describe('APIXO ltx-2-19b in every mode, through the transport and the proxy', () => {
  it.each(Object.entries(apixoModes))('%s: pending, processing, success with a playable video', async (mode, input) => {
    const job = await apixo.submit('ltx-2-19b', input)
    expect(stack.sim.jobs().at(-1)?.input).toMatchObject({ mode })

    const { phases, last } = await followToTheEnd(apixo, job)

    expect(phases).toEqual(['queued', 'running', 'succeeded'])
    expect(last.providerStatus).toBe('success')
    await expectPlayableVideo(last.output?.videoUrl, true)
  })

  it('documented generation times set the pace: 1080p with a LoRA takes longer than 480p', () => {
    const jobs = stack.sim.jobs().filter((j) => j.provider === 'apixo')
    const duration = (mode: string) => {
      const job = jobs.find((j) => (j.input as { mode: string }).mode === mode)
      return (job?.endsAt ?? 0) - (job?.startedAt ?? 0)
    }
    // 480p: 40–60 s; 1080p: 90–120 s plus 10–20 s for the LoRA; divided by the default speed.
    expect(duration('image-to-video')).toBe((50 * 1000) / 20)
    expect(duration('text-to-video-LoRA')).toBe((120 * 1000) / 20)
  })

  it('a failed task carries its documented fail code', async () => {
    const job = await apixo.submit('ltx-2-19b', { ...exampleInputs['ltx-2-19b'], prompt: 'a fox [sim:invalid-lora-url]' })
    const { last } = await followToTheEnd(apixo, job)
    expect(last.phase).toBe('failed')
    expect(last.error?.failCode).toBe('INVALID_LORA_URL')
  })

  it('callback mode: a server-allowed callback URL receives the status envelope when the task ends', async () => {
    const received: unknown[] = []
    const receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        received.push(JSON.parse(body))
        res.end('ok')
      })
    })
    const hook = `${await listen(receiver)}/hooks/apixo`
    try {
      const proxyUrl = await stack.extraProxy({ apixo: { apiKey: 'ax-APIXO-SECRET-9876543210', baseUrl: stack.upstream.url, allowCallbackUrl: (url) => url === hook } })
      const transport = createApixoTransport({ baseUrl: `${proxyUrl}/apixo`, requestType: 'callback', callbackUrl: hook })
      const job = await transport.submit('ltx-2-19b', exampleInputs['ltx-2-19b'])
      await followToTheEnd(transport, job)
      await stack.sim.flushCallbacks()

      expect(received).toHaveLength(1)
      // APIXO posts to the app directly, so the callback names the provider's own task id.
      expect(received[0]).toMatchObject({ code: 200, data: { taskId: stack.sim.jobs().at(-1)?.id, state: 'success' } })
    } finally {
      await closeServer(receiver)
    }
  })
})
