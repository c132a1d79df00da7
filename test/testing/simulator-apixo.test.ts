import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from '../../src/testing/create-simulator'
import { exampleInputs } from '../../src/testing/example-inputs'
import { SIMULATOR_KEYS } from '../../src/testing/simulator-defaults'
import type { SimulatorOptions } from '../../src/testing/simulator-types'
import { startCallbackReceiver, type CallbackReceiver } from './callback-receiver'

// The simulator speaks APIXO's task API: the { code, message, data } envelope, resultJson as a
// JSON string, documented fail codes, bearer keys, and callbacks that are retried.

const ORIGIN = 'https://api.apixo.test'
const T0 = Date.UTC(2026, 0, 15, 12, 0, 0)
const bearer = { authorization: `Bearer ${SIMULATOR_KEYS.apixo}` }
const jsonBearer = { ...bearer, 'content-type': 'application/json' }

function setup(options: SimulatorOptions = {}) {
  let t = T0
  const sim = createSimulator({ now: () => t, ...options })
  const at = (ms: number) => {
    t = T0 + ms
    sim.advance(0)
  }
  const generate = (body: unknown, headers: Record<string, string> = jsonBearer) =>
    sim.fetch(new Request(`${ORIGIN}/api/v1/generateTask/ltx-2-19b`, { method: 'POST', headers, body: JSON.stringify(body) }))
  const status = (taskId: string, headers: Record<string, string> = bearer) =>
    sim.fetch(new Request(`${ORIGIN}/api/v1/statusTask/ltx-2-19b?taskId=${taskId}`, { headers }))
  const created = async (input: unknown = exampleInputs['ltx-2-19b'], extra: Record<string, unknown> = {}) => {
    const response = await generate({ request_type: 'async', provider: 'auto', input, ...extra })
    expect(response.status).toBe(200)
    return ((await response.json()) as { data: { taskId: string } }).data.taskId
  }
  return { sim, at, generate, status, created }
}

async function data(response: Response) {
  return ((await response.json()) as { data: Record<string, unknown> }).data
}

describe('a task, from generateTask to success', () => {
  it('answers generateTask with the envelope and a taskId', async () => {
    const { generate } = setup()
    const response = await generate({ input: exampleInputs['ltx-2-19b'] })
    expect(await response.json()).toEqual({ code: 200, message: 'success', data: { taskId: expect.stringMatching(/^[0-9a-f]{32}$/) } })
  })

  it('goes pending → processing → success, with resultJson as a JSON string and times in Unix ms', async () => {
    const { at, status, created } = setup()
    const taskId = await created()
    // 720p: 60–90 s documented, so 75 s, after 5 s queued; divided by the default speed of 20.
    expect(await data(await status(taskId))).toEqual({
      taskId,
      state: 'pending',
      resultJson: null,
      failCode: null,
      failMsg: null,
      createTime: T0,
      completeTime: null,
      costTime: null,
    })
    at(250)
    expect((await data(await status(taskId))).state).toBe('processing')
    at(250 + 3750)
    const done = await data(await status(taskId))
    expect(done).toMatchObject({ state: 'success', createTime: T0, completeTime: T0 + 4000, costTime: 3750 })
    expect(typeof done.resultJson).toBe('string')
    expect(JSON.parse(String(done.resultJson))).toEqual({ resultUrls: [`${ORIGIN}/sim/videos/with-audio-240f-24fps.mp4`] })
  })

  it('tasks are not forgotten after an hour (only Segmind expires its records)', async () => {
    const { at, status, created } = setup()
    const taskId = await created()
    at(3 * 60 * 60 * 1000)
    expect((await data(await status(taskId))).state).toBe('success')
  })
})

describe('failed tasks carry the documented fail codes', () => {
  it.each([
    ['content-violation', 'CONTENT_VIOLATION', 'Content violates safety guidelines'],
    ['invalid-image-url', 'INVALID_IMAGE_URL', 'Cannot access provided image URL'],
    ['invalid-lora-url', 'INVALID_LORA_URL', 'Cannot download LoRA model'],
    ['generation-failed', 'GENERATION_FAILED', 'Video generation failed, please try again'],
  ])('[sim:%s] → failed with %s', async (marker, failCode, failMsg) => {
    const { sim, status, created } = setup()
    const taskId = await created({ ...exampleInputs['ltx-2-19b'], prompt: `A fox [sim:${marker}]` })
    sim.finish(taskId)
    expect(await data(await status(taskId))).toMatchObject({ state: 'failed', resultJson: null, failCode, failMsg })
  })
})

describe('requests APIXO refuses', () => {
  it.each<[string, Record<string, string>]>([
    ['no key', {}],
    ['a wrong key', { authorization: 'Bearer nope' }],
    ['the key without "Bearer"', { authorization: SIMULATOR_KEYS.apixo }],
    ['the key as x-api-key', { 'x-api-key': SIMULATOR_KEYS.apixo }],
  ])('%s → 401 in the envelope', async (_name, headers) => {
    const { status } = setup()
    const response = await status('abc', headers)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ code: 401, message: 'Invalid or missing API Key', data: null })
  })

  it('invalid input → 400 naming the field', async () => {
    const { generate } = setup()
    const response = await generate({ input: { mode: 'text-to-video', prompt: 'a', duration: 30 } })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 400, message: expect.stringMatching(/duration must be a whole number between 5 and 20 s/), data: null })
  })

  it('callback mode without a callback_url → 400', async () => {
    const { generate } = setup()
    expect((await generate({ request_type: 'callback', input: exampleInputs['ltx-2-19b'] })).status).toBe(400)
  })

  it('an unknown task → 404, a missing taskId → 400', async () => {
    const { sim, status } = setup()
    expect((await status('0123')).status).toBe(404)
    expect((await sim.fetch(new Request(`${ORIGIN}/api/v1/statusTask/ltx-2-19b`, { headers: bearer }))).status).toBe(400)
  })

  it('more requests than the limit in a minute → 429 (APIXO documents 10,000; here 3)', async () => {
    const { at, status } = setup({ rateLimits: { apixo: { requests: 3, windowMs: 60_000 } } })
    const codes = []
    for (let i = 0; i < 4; i++) codes.push((await status('x')).status)
    expect(codes).toEqual([404, 404, 404, 429])
    at(60_000)
    expect((await status('x')).status).toBe(404)
  })

  it('more active tasks than the concurrency limit → 429, until one ends', async () => {
    const { sim, generate, created } = setup({ maxConcurrentTasks: 2 })
    const first = await created()
    await created()
    const third = await generate({ input: exampleInputs['ltx-2-19b'] })
    expect(third.status).toBe(429)
    expect(await third.json()).toMatchObject({ code: 429, data: null })
    sim.finish(first)
    expect((await generate({ input: exampleInputs['ltx-2-19b'] })).status).toBe(200)
  })

  it('status faults work on APIXO too', async () => {
    const { status, created } = setup()
    const taskId = await created({ ...exampleInputs['ltx-2-19b'], prompt: 'A fox [sim:malformed@status]' })
    expect(await (await status(taskId)).text()).toBe('{"status":"COMPL')
    expect((await status(taskId)).status).toBe(200)
  })
})

describe('callbacks', () => {
  let receiver: CallbackReceiver

  beforeAll(async () => {
    receiver = await startCallbackReceiver()
  })
  afterAll(() => receiver.close())

  function callbackSetup() {
    receiver.bodies.length = 0
    return setup({ callbacks: { retryDelayMs: 10, timeoutMs: 2_000 } })
  }

  it('POSTs the status envelope to callback_url when the task ends; a receiver that fails twice gets it on the third try', async () => {
    receiver.answers = [500, 503, 200]
    const { sim, at, status, created } = callbackSetup()
    const taskId = await created(exampleInputs['ltx-2-19b'], { request_type: 'callback', callback_url: receiver.url })
    at(1000)
    await sim.flushCallbacks()
    expect(sim.callbacks).toHaveLength(0)

    at(4000)
    await sim.flushCallbacks()

    expect(sim.callbacks.map((c) => [c.attempt, c.status, c.delivered])).toEqual([
      [1, 500, false],
      [2, 503, false],
      [3, 200, true],
    ])
    expect(receiver.bodies).toHaveLength(3)
    expect(receiver.bodies[2]).toEqual(await (await status(taskId)).json())
    expect(receiver.bodies[2]).toMatchObject({ code: 200, data: { taskId, state: 'success' } })
  })

  it('gives up after 3 retries (4 attempts in all)', async () => {
    receiver.answers = [500, 500, 500, 500, 500]
    const { sim, created } = callbackSetup()
    const taskId = await created({ ...exampleInputs['ltx-2-19b'], prompt: 'A fox [sim:content-violation]' }, {
      request_type: 'callback',
      callback_url: receiver.url,
    })
    sim.finish(taskId)
    await sim.flushCallbacks()
    expect(sim.callbacks.map((c) => c.attempt)).toEqual([1, 2, 3, 4])
    expect(sim.callbacks.every((c) => !c.delivered)).toBe(true)
    expect(receiver.bodies[0]).toMatchObject({ data: { state: 'failed', failCode: 'CONTENT_VIOLATION' } })
  })

  it('an unreachable receiver is retried the same way', async () => {
    const { sim, created } = callbackSetup()
    const taskId = await created(exampleInputs['ltx-2-19b'], { request_type: 'callback', callback_url: 'http://127.0.0.1:9/nothing' })
    sim.finish(taskId)
    await sim.flushCallbacks()
    expect(sim.callbacks).toHaveLength(4)
    expect(sim.callbacks.every((c) => c.status === undefined && c.error !== undefined)).toBe(true)
  })

  it('with the real clock, a callback fires by itself when the task ends', async () => {
    receiver.answers = [200]
    const sim = createSimulator({ speed: 400, callbacks: { retryDelayMs: 10 } })
    try {
      // 720p at speed 400: about 0.2 s.
      await sim.fetch(
        new Request(`${ORIGIN}/api/v1/generateTask/ltx-2-19b`, {
          method: 'POST',
          headers: jsonBearer,
          body: JSON.stringify({ request_type: 'callback', callback_url: receiver.url, input: exampleInputs['ltx-2-19b'] }),
        }),
      )
      for (let i = 0; i < 100 && sim.callbacks.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        await sim.flushCallbacks()
      }
      expect(sim.callbacks.map((c) => c.delivered)).toEqual([true])
    } finally {
      sim.dispose()
    }
  })
})
