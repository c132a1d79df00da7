import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLtxProxy } from '../../src/server/create-ltx-proxy'
import { toNodeHandler } from '../../src/server/to-node-handler'
import { exampleInputs } from '../../src/testing/example-inputs'
import type { SimFault } from '../../src/testing/simulator-types'
import { createSegmindTransport } from '../../src/transport/create-segmind-transport'
import { SECRET_KEYS, T0, closeServer, listen, serveProxy, startHostileUpstream, startProxyStack, type ProxyStack } from './proxy-stack'

// Upstream errors reach the client with their own status (so transports see the documented
// cases), but never as HTML on the app's origin and never with the provider's words about the
// server's key; a provider that is slow or unreachable becomes a 504 or 502 in JSON. Every
// fault was served by the simulator (or a hand-written upstream) over real 127.0.0.1 sockets.

let stack: ProxyStack
let handle: string
let apixoHandle: string

beforeAll(async () => {
  stack = await startProxyStack({ proxy: { timeoutMs: 300 }, simulator: { slowMs: 5_000 } })
  const submitted = await fetch(`${stack.proxyUrl}/segmind/v2/ltx-video`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(exampleInputs['ltx-video']),
  })
  handle = ((await submitted.json()) as { request_id: string }).request_id
  const task = await fetch(`${stack.proxyUrl}/apixo/api/v1/generateTask/ltx-2-19b`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input: exampleInputs['ltx-2-19b'] }),
  })
  apixoHandle = ((await task.json()) as { data: { taskId: string } }).data.taskId
})
afterAll(() => stack.close())

const status = () => fetch(`${stack.proxyUrl}/segmind/v2/requests/${handle}/status`)

function expectSafetyHeaders(response: Response) {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  expect(response.headers.get('cache-control')).toBe('no-store')
}

describe('provider errors keep their status, never as HTML', () => {
  it.each<[SimFault, number, string, RegExp]>([
    ['server-error', 500, 'application/json', /"error":"Internal server error"/],
    ['bad-gateway', 502, 'text/plain', /<h1>502 Bad Gateway<\/h1>/],
    ['gateway-timeout', 504, 'text/plain', /Gateway Time-out/],
    ['method-not-allowed', 405, 'text/plain', /405 Not Allowed/],
    ['insufficient-credits', 406, 'text/plain', /^Insufficient credits/],
    ['model-retired', 410, 'application/json', /retired/],
  ])('%s → %i %s', async (fault, code, type, body) => {
    const before = stack.sim.count()
    stack.sim.inject({ fault, route: 'segmind.status' })
    const response = await status()
    expect(response.status).toBe(code)
    expect(response.headers.get('content-type')).toContain(type)
    expect(response.headers.get('content-type')).not.toContain('html')
    expectSafetyHeaders(response)
    expect(response.headers.get('x-ltx-proxy'), 'an upstream answer, not the proxy’s').toBeNull()
    expect(await response.text()).toMatch(body)
    expect(stack.sim.count() - before, 'upstream calls').toBe(1)
  })

  it('the transport still reads the 405 HTML page and the 406 text as their documented errors', async () => {
    const transport = createSegmindTransport({ baseUrl: `${stack.proxyUrl}/segmind` })
    const job = { id: handle, model: 'ltx-video', provider: 'segmind', submittedAt: T0 } as const
    stack.sim.inject({ fault: 'method-not-allowed', route: 'segmind.status' })
    await expect(transport.status(job)).rejects.toMatchObject({ kind: 'method-not-allowed' })
    stack.sim.inject({ fault: 'insufficient-credits', route: 'segmind.submit' })
    await expect(transport.submit('ltx-video', exampleInputs['ltx-video'])).rejects.toMatchObject({ kind: 'insufficient-credits' })
  })

  it('a 429 keeps its x-rate-limit-reset-at-utc header (and gains no Retry-After)', async () => {
    stack.sim.inject({ fault: 'rate-limited', route: 'segmind.status' })
    const response = await status()
    expect(response.status).toBe(429)
    expect(Date.parse(response.headers.get('x-rate-limit-reset-at-utc') ?? '')).toBeGreaterThan(0)
    expect(response.headers.get('retry-after')).toBeNull()
  })

  it('a FAILED request keeps its 422 and its detail', async () => {
    const submitted = await fetch(`${stack.proxyUrl}/segmind/v2/ltx-video`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...exampleInputs['ltx-video'], prompt: 'x [sim:generation-failed]' }),
    })
    const { request_id } = (await submitted.json()) as { request_id: string }
    stack.advance(10 * 60 * 1000)
    const response = await fetch(`${stack.proxyUrl}/segmind/v2/requests/${request_id}`)
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ request_id, status: 'FAILED', error: expect.stringMatching(/Generation failed/) })
  })

  it('a malformed body is passed on as text, for the transport to judge', async () => {
    stack.sim.inject({ fault: 'malformed', route: 'segmind.status' })
    const response = await status()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await response.text()).toBe('{"status":"COMPL')
  })

  it('an upstream HTML page sent as 200 text/html is served as text/plain', async () => {
    const hostile = await startHostileUpstream({ status: 200, headers: { 'content-type': 'text/html' }, body: '<script>alert(document.cookie)</script>' })
    const proxy = await serveProxy({ authorize: 'anyone', segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: hostile.url } })
    try {
      const response = await fetch(`${proxy.url}/segmind/v2/requests/${handle}/status`)
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
      expectSafetyHeaders(response)
      expect(await response.text()).toBe('<script>alert(document.cookie)</script>')
      expect(hostile.requests).toHaveLength(1)
    } finally {
      await proxy.close()
      await hostile.close()
    }
  })
})

describe("the provider refusing the server's key is the operator's problem, not the user's", () => {
  it.each<[string, SimFault, 'segmind.status' | 'apixo.status']>([
    ['Segmind 401', 'unauthorized', 'segmind.status'],
    ['Segmind 403', 'forbidden', 'segmind.status'],
    ['APIXO 401', 'unauthorized', 'apixo.status'],
  ])('%s → 502 upstream-key-refused, the upstream text withheld', async (_name, fault, route) => {
    stack.sim.inject({ fault, route })
    const before = stack.sim.count()
    const response =
      route === 'segmind.status' ? await status() : await fetch(`${stack.proxyUrl}/apixo/api/v1/statusTask/ltx-2-19b?taskId=${apixoHandle}`)
    expect(stack.sim.count() - before).toBe(1)
    expect(response.status).toBe(502)
    expect(response.headers.get('x-ltx-proxy')).toBe('upstream-key-refused')
    expectSafetyHeaders(response)
    const body = JSON.stringify(await response.json())
    expect(body).toMatch(/refused this server's (Segmind|APIXO) API key/)
    expect(body).not.toMatch(/sign in|unauthori[sz]ed|forbidden/i)
  })

  it('APIXO refusing the key inside an HTTP 200 envelope is the same 502', async () => {
    const hostile = await startHostileUpstream({ status: 200, body: `{"code":401,"message":"Invalid key ${SECRET_KEYS.apixo}","data":null}` })
    const proxy = await serveProxy({ authorize: 'anyone', apixo: { apiKey: SECRET_KEYS.apixo, baseUrl: hostile.url } })
    try {
      const response = await fetch(`${proxy.url}/apixo/api/v1/statusTask/ltx-2-19b?taskId=${apixoHandle}`)
      expect(response.status).toBe(502)
      expect(response.headers.get('x-ltx-proxy')).toBe('upstream-key-refused')
      expect(await response.text()).not.toContain('Invalid key')
      expect(hostile.requests).toHaveLength(1)
    } finally {
      await proxy.close()
      await hostile.close()
    }
  })

  it('a proxy with a wrong key answers 502, and its own authorize alone answers 401/403', async () => {
    const wrongKey = await stack.extraProxy({ segmind: { apiKey: 'sk-WRONG-SECRET-KEY', baseUrl: stack.upstream.url }, secret: 'x'.repeat(32) })
    const submitted = await fetch(`${wrongKey}/segmind/v2/ltx-2-fast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exampleInputs['ltx-2-fast']),
    })
    expect(submitted.status).toBe(502)
    expect(submitted.headers.get('x-ltx-proxy')).toBe('upstream-key-refused')
    const denied = await stack.extraProxy({ authorize: () => false })
    const refused = await fetch(`${denied}/segmind/v2/requests/${handle}/status`)
    expect([refused.status, refused.headers.get('x-ltx-proxy')]).toEqual([401, 'unauthorized'])
  })
})

describe("authorize's own Response", () => {
  it('gains nosniff and no-store, even a redirect whose headers are immutable', async () => {
    const own = await stack.extraProxy({ authorize: () => Response.redirect('https://app.example/login', 302) })
    const response = await fetch(`${own}/segmind/v2/requests/${handle}/status`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('https://app.example/login')
    expectSafetyHeaders(response)
    const limited = await stack.extraProxy({ authorize: () => Response.json({ error: 'Slow down' }, { status: 429, headers: { 'cache-control': 'max-age=600' } }) })
    const slow = await fetch(`${limited}/segmind/v2/requests/${handle}/status`)
    expect(slow.status).toBe(429)
    expectSafetyHeaders(slow)
  })
})

describe('a provider that does not answer', () => {
  it('too slowly: 504 with a JSON body, after timeoutMs', async () => {
    stack.sim.inject({ fault: 'slow', route: 'segmind.status' })
    const started = Date.now()
    const response = await status()
    expect(response.status).toBe(504)
    expect(response.headers.get('x-ltx-proxy')).toBe('upstream-timeout')
    expectSafetyHeaders(response)
    expect(await response.json()).toEqual({ error: 'Segmind did not answer within 0.3 s.' })
    expect(Date.now() - started).toBeLessThan(4_000)
  })

  it('APIXO too slowly: 504 in the APIXO envelope', async () => {
    stack.sim.inject({ fault: 'slow', route: 'apixo.status' })
    const response = await fetch(`${stack.proxyUrl}/apixo/api/v1/statusTask/ltx-2-19b?taskId=${apixoHandle}`)
    expect(response.status).toBe(504)
    expect(await response.json()).toMatchObject({ code: 504, data: null })
  })

  it('not at all: 502 with a JSON body', async () => {
    // A port that was just listening and is now closed: nothing answers there. The handle was
    // signed by another instance with the same key: no shared state is needed to read it.
    const gone = createServer()
    const deadUrl = await listen(gone)
    await closeServer(gone)
    const proxy = createServer(toNodeHandler(createLtxProxy({ authorize: 'anyone', segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: deadUrl } })))
    const proxyUrl = await listen(proxy)
    try {
      const before = stack.sim.count()
      const response = await fetch(`${proxyUrl}/api/ltx/segmind/v2/requests/${handle}/status`)
      expect(response.status).toBe(502)
      expect(response.headers.get('content-type')).toContain('application/json')
      expect(response.headers.get('x-ltx-proxy')).toBe('upstream-unreachable')
      expect(await response.json()).toEqual({ error: 'Segmind could not be reached.' })
      expect(stack.sim.count()).toBe(before)
    } finally {
      await closeServer(proxy)
    }
  })
})
