import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLtxProxy } from '../../src/server/create-ltx-proxy'
import { toNodeHandler } from '../../src/server/to-node-handler'
import { exampleInputs } from '../../src/testing/example-inputs'
import type { SimFault } from '../../src/testing/simulator-types'
import { SECRET_KEYS, closeServer, listen, startProxyStack, type ProxyStack } from './proxy-stack'

// Upstream errors reach the client with their own status and body (so transports see the
// documented shapes); a provider that is slow or unreachable becomes a 504 or 502 in JSON.

let stack: ProxyStack
let jobId: string

beforeAll(async () => {
  stack = await startProxyStack({ proxy: { timeoutMs: 300 }, simulator: { slowMs: 5_000 } })
  const submitted = await fetch(`${stack.proxyUrl}/segmind/v2/ltx-video`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(exampleInputs['ltx-video']),
  })
  jobId = ((await submitted.json()) as { request_id: string }).request_id
})
afterAll(() => stack.close())

const status = () => fetch(`${stack.proxyUrl}/segmind/v2/requests/${jobId}/status`)

describe('provider errors pass through unchanged', () => {
  it.each<[SimFault, number, string, RegExp]>([
    ['server-error', 500, 'application/json', /"error":"Internal server error"/],
    ['bad-gateway', 502, 'text/html', /<h1>502 Bad Gateway<\/h1>/],
    ['gateway-timeout', 504, 'text/html', /Gateway Time-out/],
    ['method-not-allowed', 405, 'text/html', /405 Not Allowed/],
    ['insufficient-credits', 406, 'text/plain', /^Insufficient credits/],
    ['model-retired', 410, 'application/json', /retired/],
    ['forbidden', 403, 'application/json', /Forbidden/],
  ])('%s → %i %s', async (fault, code, type, body) => {
    stack.sim.inject({ fault, route: 'segmind.status' })
    const response = await status()
    expect(response.status).toBe(code)
    expect(response.headers.get('content-type')).toContain(type)
    expect(response.headers.get('x-ltx-proxy'), 'an upstream answer, not the proxy’s').toBeNull()
    expect(await response.text()).toMatch(body)
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
    expect(await response.json()).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/Generation failed/) })
  })

  it('a malformed body is passed on as it came, for the transport to judge', async () => {
    stack.sim.inject({ fault: 'malformed', route: 'segmind.status' })
    const response = await status()
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('{"status":"COMPL')
  })
})

describe('a provider that does not answer', () => {
  it('too slowly: 504 with a JSON body, after timeoutMs', async () => {
    stack.sim.inject({ fault: 'slow', route: 'segmind.status' })
    const started = Date.now()
    const response = await status()
    expect(response.status).toBe(504)
    expect(response.headers.get('x-ltx-proxy')).toBe('upstream-timeout')
    expect(await response.json()).toEqual({ error: 'The video service did not answer within 0.3 s.' })
    expect(Date.now() - started).toBeLessThan(4_000)
  })

  it('APIXO too slowly: 504 in the APIXO envelope', async () => {
    stack.sim.inject({ fault: 'slow', route: 'apixo.status' })
    const response = await fetch(`${stack.proxyUrl}/apixo/api/v1/statusTask/ltx-2-19b?taskId=abc`)
    expect(response.status).toBe(504)
    expect(await response.json()).toMatchObject({ code: 504, data: null })
  })

  it('not at all: 502 with a JSON body', async () => {
    // A port that was just listening and is now closed: nothing answers there.
    const gone = createServer()
    const deadUrl = await listen(gone)
    await closeServer(gone)
    const proxy = createServer(toNodeHandler(createLtxProxy({ authorize: 'anyone', segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: deadUrl } })))
    const proxyUrl = await listen(proxy)
    try {
      const before = stack.sim.count()
      const response = await fetch(`${proxyUrl}/api/ltx/segmind/v2/requests/abc/status`)
      expect(response.status).toBe(502)
      expect(response.headers.get('content-type')).toContain('application/json')
      expect(await response.json()).toEqual({ error: 'The video service could not be reached.' })
      expect(stack.sim.count()).toBe(before)
    } finally {
      await closeServer(proxy)
    }
  })
})
