import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSimulator } from '../../src/testing/create-simulator'
import { exampleInputs } from '../../src/testing/example-inputs'

// Under /segmind and /apixo the simulator stands in for ltx-react/server: it must behave as
// that proxy does, or an app's tests pass here and fail in production.

const post = (url: string, body: unknown) =>
  new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

afterEach(() => {
  vi.useRealTimers()
})

describe('the simulator as a stand-in for the proxy', () => {
  it('answers a Segmind submit with links that lead back through the proxy', async () => {
    const sim = createSimulator()
    const reply = await sim.fetch(post('http://app.test/api/ltx/segmind/v2/ltx-2-fast', exampleInputs['ltx-2-fast']), { basePath: '/api/ltx' })
    const body = (await reply.json()) as { request_id: string; status_url: string; response_url: string }
    expect(body.status_url).toBe(`http://app.test/api/ltx/segmind/v2/requests/${body.request_id}/status`)
    expect(body.response_url).toBe(`http://app.test/api/ltx/segmind/v2/requests/${body.request_id}`)
    const followed = await sim.fetch(new Request(body.status_url), { basePath: '/api/ltx' })
    expect(followed.status).toBe(200)
  })

  it('refuses APIXO callback mode, as a default proxy does, unless told the server allows it', async () => {
    const body = { request_type: 'callback', callback_url: 'https://app.example/hook', input: exampleInputs['ltx-2-19b'] }
    const strict = createSimulator()
    const refused = await strict.fetch(post('http://app.test/api/ltx/apixo/api/v1/generateTask/ltx-2-19b', body), { basePath: '/api/ltx' })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(await refused.json())).toMatch(/Callback mode is not allowed/)
    const open = createSimulator({ proxyAllowsCallbacks: true })
    const accepted = await open.fetch(post('http://app.test/api/ltx/apixo/api/v1/generateTask/ltx-2-19b', body), { basePath: '/api/ltx' })
    expect(accepted.status).toBe(200)
    open.dispose()
  })
})

describe('flushCallbacks', () => {
  it('finishes under fake timers even when every delivery fails and is retried', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const receiver = vi.fn<typeof fetch>(async () => new Response('down', { status: 500 }))
    const sim = createSimulator({ fetch: receiver, callbacks: { retryDelayMs: 60_000 } })
    const keyed = await sim.fetch(
      new Request('https://api.apixo.example/api/v1/generateTask/ltx-2-19b', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sim.keys.apixo}` },
        body: JSON.stringify({ request_type: 'callback', callback_url: 'https://app.example/hook', input: exampleInputs['ltx-2-19b'] }),
      }),
      { basePath: '' },
    )
    const taskId = ((await keyed.json()) as { data: { taskId: string } }).data.taskId
    sim.finish(taskId)
    await sim.flushCallbacks()
    expect(sim.callbacks.map((c) => c.attempt)).toEqual([1, 2, 3, 4])
    expect(receiver).toHaveBeenCalledTimes(4)
    sim.dispose()
  })
})

describe('faults after the job was created', () => {
  it('bills the job and still answers the submit with the fault, as a provider failing late does', async () => {
    const sim = createSimulator({ script: { faults: [{ fault: 'gateway-timeout', route: 'segmind.submit', afterCreate: true }] } })
    const reply = await sim.fetch(post('http://app.test/api/ltx/segmind/v2/ltx-2-fast', exampleInputs['ltx-2-fast']), { basePath: '/api/ltx' })
    expect(reply.status).toBe(504)
    expect(sim.jobs()).toHaveLength(1)
    const again = await sim.fetch(post('http://app.test/api/ltx/segmind/v2/ltx-2-fast', exampleInputs['ltx-2-fast']), { basePath: '/api/ltx' })
    expect(again.status).toBe(200)
    expect(sim.jobs()).toHaveLength(2)
  })
})
