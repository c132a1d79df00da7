import { describe, expect, it } from 'vitest'
import { createSimulator } from '../../src/testing/create-simulator'
import { exampleInputs } from '../../src/testing/example-inputs'
import { SEGMIND_RETENTION_MS, SIMULATOR_KEYS } from '../../src/testing/simulator-defaults'
import type { SimFault, Simulator, SimulatorOptions } from '../../src/testing/simulator-types'

// The simulator speaks Segmind's async v2 API as api-notes.md documents it. These tests talk
// to its Fetch core directly; the proxy tests drive the same core over real HTTP.

const ORIGIN = 'https://api.segmind.test'
const T0 = Date.UTC(2026, 0, 15, 12, 0, 0)
const key = { 'x-api-key': SIMULATOR_KEYS.segmind }
const jsonKey = { ...key, 'content-type': 'application/json' }

function setup(options: SimulatorOptions = {}) {
  let t = T0
  const sim = createSimulator({ now: () => t, ...options })
  const at = (ms: number) => (t = T0 + ms)
  const submit = (body: unknown, model = 'ltx-video', headers: Record<string, string> = jsonKey) =>
    sim.fetch(new Request(`${ORIGIN}/v2/${model}`, { method: 'POST', headers, body: JSON.stringify(body) }))
  const status = (id: string) => sim.fetch(new Request(`${ORIGIN}/v2/requests/${id}/status`, { headers: key }))
  const result = (id: string) => sim.fetch(new Request(`${ORIGIN}/v2/requests/${id}`, { headers: key }))
  const submitted = async (body: unknown = exampleInputs['ltx-video']) => {
    const response = await submit(body)
    expect(response.status).toBe(200)
    return ((await response.json()) as { request_id: string }).request_id
  }
  return { sim, at, submit, status, result, submitted }
}

async function read(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('a job, from submit to result', () => {
  it('answers the submit with request_id, status_url and response_url', async () => {
    const { submit } = setup()
    const { status, body } = await read(await submit(exampleInputs['ltx-video']))
    expect(status).toBe(200)
    expect(body.request_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(body.status_url).toBe(`${ORIGIN}/v2/requests/${String(body.request_id)}/status`)
    expect(body.response_url).toBe(`${ORIGIN}/v2/requests/${String(body.request_id)}`)
  })

  it('goes QUEUED → PROCESSING → COMPLETED on the clock, at the default speed in seconds', async () => {
    const { sim, at, status, result, submitted } = setup()
    const id = await submitted()
    const job = sim.job(id)
    // ltx-video: 3 s queued and 20 s generating, divided by the default speed of 20.
    expect([job?.startedAt, job?.endsAt]).toEqual([T0 + 150, T0 + 1150])

    expect((await read(await status(id))).body.status).toBe('QUEUED')
    at(150)
    expect((await read(await status(id))).body.status).toBe('PROCESSING')
    expect((await read(await result(id))).body).toEqual({ request_id: id, status: 'PROCESSING', metrics: expect.any(Object) })
    at(1150)
    const done = await read(await status(id))
    expect(done.body).toMatchObject({ status: 'COMPLETED', metrics: { queue_time: 0.15, inference_time: 1, total_time: 1.15 } })
    expect(done.body).not.toHaveProperty('output')

    const full = await read(await result(id))
    expect(full.status).toBe(200)
    expect(full.body).toEqual({
      request_id: id,
      status: 'COMPLETED',
      // ltx-video renders length frames (97 by default) at 24 fps.
      output: `${ORIGIN}/sim/videos/silent-97f-24fps.mp4`,
      metrics: { cost: 0.2, remaining_credits: 999.8, queue_time: 0.15, inference_time: 1, total_time: 1.15, retry_count: 0 },
    })
  })

  it('speed scales every duration', async () => {
    const { sim, submitted } = setup({ speed: 1 })
    const job = sim.job(await submitted())
    expect((job?.endsAt ?? 0) - T0).toBe(23_000)
  })

  it('a scripted plan sets the outcome and the timing of a job', async () => {
    const { sim, at, result, submitted } = setup({
      script: { job: ({ index }) => (index === 1 ? { outcome: 'generation-failed', queueMs: 0, runMs: 1000 } : undefined) },
    })
    const first = await submitted()
    const second = await submitted()
    at(1000 / 20)
    expect(sim.job(first)?.phase).toBe('queued')
    expect(sim.job(second)?.phase).toBe('failed')
    expect((await result(second)).status).toBe(422)
  })

  it('keeps a result for one hour after it ends, then answers 404', async () => {
    const { sim, at, status, result, submitted } = setup()
    const id = await submitted()
    const ended = (sim.job(id)?.endsAt ?? 0) - T0
    at(ended + SEGMIND_RETENTION_MS - 1)
    expect((await result(id)).status).toBe(200)
    at(ended + SEGMIND_RETENTION_MS)
    expect(await read(await status(id))).toEqual({ status: 404, body: { error: 'Request not found or expired.' } })
    expect((await result(id)).status).toBe(404)
    expect(sim.job(id)?.phase).toBe('expired')
  })

  it('an unknown request id is 404', async () => {
    const { status } = setup()
    expect((await status('0c9f7d0e-0000-4000-8000-000000000000')).status).toBe(404)
  })

  it('finish() ends a job at once, for tests that do not care about time', async () => {
    const { sim, result, submitted } = setup()
    const id = await submitted()
    sim.finish(id)
    expect((await read(await result(id))).body.status).toBe('COMPLETED')
  })
})

describe('failed jobs are served as HTTP 422 with the detail', () => {
  it.each([
    ['content-violation', /safety filter/],
    ['generation-failed', /Generation failed/],
  ])('[sim:%s] in the prompt', async (marker, error) => {
    const { at, status, result, submitted } = setup()
    const id = await submitted({ ...exampleInputs['ltx-video'], prompt: `A calm lake [sim:${marker}]` })
    at(60_000)
    for (const reply of [await read(await status(id)), await read(await result(id))]) {
      expect(reply.status).toBe(422)
      expect(reply.body).toMatchObject({ request_id: id, status: 'FAILED', error: expect.stringMatching(error), metrics: { retry_count: 0 } })
    }
  })
})

describe('keys', () => {
  it.each<[string, Record<string, string>]>([
    ['no key', { 'content-type': 'application/json' }],
    ['a wrong key', { 'content-type': 'application/json', 'x-api-key': 'nope' }],
    ['the right key as a bearer token', { 'content-type': 'application/json', authorization: `Bearer ${SIMULATOR_KEYS.segmind}` }],
  ])('%s → 401', async (_name, headers) => {
    const { sim, submit } = setup()
    expect(await read(await submit(exampleInputs['ltx-video'], 'ltx-video', headers))).toEqual({
      status: 401,
      body: { error: 'Unauthorized: missing or invalid API key.' },
    })
    expect(sim.jobs()).toHaveLength(0)
  })

  it('accepts the keys it was given', async () => {
    const { submit } = setup({ keys: { segmind: 'sk-own' } })
    expect((await submit(exampleInputs['ltx-video'], 'ltx-video', { 'content-type': 'application/json', 'x-api-key': 'sk-own' })).status).toBe(200)
  })
})

describe('requests the provider refuses', () => {
  it('invalid parameters → 400, checked with the model schema', async () => {
    const { submit } = setup()
    const { status, body } = await read(await submit({ prompt: 'a', steps: 0 }))
    expect(status).toBe(400)
    expect(body.error).toMatch(/Steps must be a whole number between 1 and 50/)
  })

  it('an unknown model → 404; the APIXO model is not a Segmind model', async () => {
    const { submit } = setup()
    expect((await submit({ prompt: 'a' }, 'flux-pro')).status).toBe(404)
    expect((await submit({ prompt: 'a' }, 'ltx-2-19b')).status).toBe(404)
  })

  it('a missing Content-Type → 406 in plain text', async () => {
    const { submit } = setup()
    const response = await submit({ prompt: 'a' }, 'ltx-video', key)
    expect(response.status).toBe(406)
    expect(response.headers.get('content-type')).toContain('text/plain')
  })

  it('a wrong method → 405 as an HTML page', async () => {
    const { sim } = setup()
    const response = await sim.fetch(new Request(`${ORIGIN}/v2/ltx-video`, { headers: key }))
    expect(response.status).toBe(405)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(await response.text()).toContain('<title>405 Not Allowed</title>')
  })

  it('running out of credits → 406 in plain text', async () => {
    const { submit } = setup({ credits: 0.3 })
    expect((await submit(exampleInputs['ltx-video'])).status).toBe(200)
    const second = await submit(exampleInputs['ltx-video'])
    expect(second.status).toBe(406)
    expect(await second.text()).toMatch(/^Insufficient credits/)
  })
})

describe('rate limits', () => {
  it('over the limit → 429 with x-rate-limit-reset-at-utc and no Retry-After; the next window is open again', async () => {
    const { at, status } = setup({ rateLimits: { segmind: { requests: 2, windowMs: 60_000 } } })
    expect((await status('a')).status).toBe(404)
    expect((await status('a')).status).toBe(404)
    const limited = await status('a')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('x-rate-limit-reset-at-utc')).toBe(new Date(T0 + 60_000).toISOString())
    expect(limited.headers.get('retry-after')).toBeNull()
    at(60_000)
    expect((await status('a')).status).toBe(404)
  })
})

describe('scripted faults', () => {
  const cases: [SimFault, number, string, RegExp][] = [
    ['unauthorized', 401, 'application/json', /Unauthorized/],
    ['forbidden', 403, 'application/json', /Forbidden/],
    ['method-not-allowed', 405, 'text/html', /<h1>405 Not Allowed<\/h1>/],
    ['insufficient-credits', 406, 'text/plain', /^Insufficient credits/],
    ['model-retired', 410, 'application/json', /retired/],
    ['rate-limited', 429, 'application/json', /Rate limit/],
    ['server-error', 500, 'application/json', /Internal server error/],
    ['bad-gateway', 502, 'text/html', /502 Bad Gateway/],
    ['gateway-timeout', 504, 'text/html', /504 Gateway Time-out/],
    ['malformed', 200, 'application/json', /^\{"status":"COMPL$/],
  ]

  it.each(cases)('[sim:%s] on a submit → %i %s, and no job is made', async (fault, code, type, body) => {
    const { sim, submit } = setup()
    const response = await submit({ ...exampleInputs['ltx-video'], prompt: `A calm lake [sim:${fault}]` })
    expect(response.status).toBe(code)
    expect(response.headers.get('content-type')).toContain(type)
    expect(await response.text()).toMatch(body)
    expect(sim.jobs()).toHaveLength(0)
  })

  it('status codes work as marker names too: [sim:406]', async () => {
    const { submit } = setup()
    expect((await submit({ ...exampleInputs['ltx-video'], prompt: 'x [sim:406]' })).status).toBe(406)
  })

  it('[sim:server-error@status*2] fails the next two polls of that job only', async () => {
    const { status, submitted } = setup()
    const id = await submitted({ ...exampleInputs['ltx-video'], prompt: 'A lake [sim:server-error@status*2]' })
    const other = await submitted()
    expect((await status(other)).status).toBe(200)
    expect([(await status(id)).status, (await status(id)).status, (await status(id)).status]).toEqual([500, 500, 200])
  })

  it('inject() serves a fault to the next matching requests, counted', async () => {
    const { sim, status, submitted } = setup()
    const id = await submitted()
    sim.inject({ fault: 'bad-gateway', route: 'segmind.status', times: 2 })
    expect((await sim.fetch(new Request(`${ORIGIN}/v2/requests/${id}`, { headers: key }))).status).toBe(200)
    expect([(await status(id)).status, (await status(id)).status, (await status(id)).status]).toEqual([502, 502, 200])
  })

  it('faults given in the script are served first', async () => {
    const { submit } = setup({ script: { faults: [{ fault: 'model-retired', route: 'segmind.submit' }] } })
    expect((await submit(exampleInputs['ltx-video'])).status).toBe(410)
    expect((await submit(exampleInputs['ltx-video'])).status).toBe(200)
  })

  it('[sim:slow] holds the reply for slowMs, then answers normally (and the job exists)', async () => {
    const { sim, submit } = setup({ slowMs: 150 })
    const started = Date.now()
    const response = await submit({ ...exampleInputs['ltx-video'], prompt: 'x [sim:slow]' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(response.status).toBe(200)
    expect(sim.jobs()).toHaveLength(1)
  })

  it('a slow reply ends early when the client gives up', async () => {
    const { sim, status } = setup({ slowMs: 60_000 })
    sim.inject({ fault: 'slow' })
    const controller = new AbortController()
    const pending = sim.fetch(new Request(`${ORIGIN}/v2/requests/x/status`, { headers: key, signal: controller.signal }))
    controller.abort()
    expect((await pending).status).toBe(404)
    expect((await status('x')).status).toBe(404)
  })
})

describe('what tests can see', () => {
  it('counts and logs every request by route', async () => {
    const { sim, status, result, submitted } = setup()
    const id = await submitted()
    await status(id)
    await status(id)
    await result(id)
    await sim.fetch(new Request(`${ORIGIN}/nothing/here`))
    expect([sim.count('segmind.submit'), sim.count('segmind.status'), sim.count('segmind.result'), sim.count('unknown')]).toEqual([1, 2, 1, 1])
    expect(sim.count()).toBe(5)
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 404])
    expect(sim.requests[0]?.headers['x-api-key']).toBe(SIMULATOR_KEYS.segmind)
    sim.clearLog()
    expect(sim.count()).toBe(0)
  })
})

function mounted(sim: Simulator, path: string, init?: RequestInit) {
  return sim.fetch(new Request(`http://localhost:6006/api/ltx${path}`, init), { basePath: '/api/ltx' })
}

describe('standing in for the proxy', () => {
  it('under {basePath}/segmind it answers without a key, and serves videos under the same mount', async () => {
    const sim = createSimulator()
    const response = await mounted(sim, '/segmind/v2/ltx-2-19b-t2v', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exampleInputs['ltx-2-19b-t2v']),
    })
    const { request_id } = (await response.json()) as { request_id: string }
    sim.finish(request_id)
    const done = (await (await mounted(sim, `/segmind/v2/requests/${request_id}`)).json()) as { output: string }
    expect(done.output).toBe('http://localhost:6006/api/ltx/sim/videos/with-audio-121f-24fps.mp4')
    expect(sim.requests.every((r) => r.route === 'video' || r.viaProxy)).toBe(true)
    expect((await mounted(sim, '/sim/videos/with-audio-121f-24fps.mp4')).status).toBe(200)
    expect((await mounted(sim, '/segmind/api/v1/statusTask/ltx-2-19b?taskId=x')).status).toBe(404)
  })
})
