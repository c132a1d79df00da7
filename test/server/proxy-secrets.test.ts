import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLtxProxy } from '../../src/server/create-ltx-proxy'
import { exampleInputs } from '../../src/testing/example-inputs'
import { SECRET_KEYS, startProxyStack, type ProxyStack } from './proxy-stack'

// The key lives on the server: the provider gets the server's key and nothing of the client's
// credentials, and no reply, header or log line ever shows the key.

let stack: ProxyStack
const seen: { what: string; status: number; headers: string; body: string }[] = []

/** fetch through the proxy, keeping every reply's headers and body to search them later. */
async function call(what: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${stack.proxyUrl}${path}`, init)
  const body = await response.text()
  seen.push({ what, status: response.status, headers: JSON.stringify([...response.headers]), body })
  return { status: response.status, body }
}

const clientCredentials = {
  authorization: 'Bearer client-session-token',
  'x-api-key': 'client-supplied-key',
  cookie: 'session=abc123; theme=dark',
  'content-type': 'application/json',
}

beforeAll(async () => {
  stack = await startProxyStack()
})
afterAll(() => stack.close())

describe("the client's credentials stay with the proxy", () => {
  it('Segmind gets the server key as x-api-key, and no client authorization or cookie', async () => {
    stack.sim.clearLog()
    await call('segmind submit', '/segmind/v2/ltx-video', {
      method: 'POST',
      headers: clientCredentials,
      body: JSON.stringify(exampleInputs['ltx-video']),
    })
    const [received] = stack.sim.requests
    expect(received?.route).toBe('segmind.submit')
    expect(received?.headers['x-api-key']).toBe(SECRET_KEYS.segmind)
    expect(received?.headers).not.toHaveProperty('authorization')
    expect(received?.headers).not.toHaveProperty('cookie')
  })

  it('APIXO gets the server key as a bearer token, and no client x-api-key or cookie', async () => {
    stack.sim.clearLog()
    const submitted = await call('apixo submit', '/apixo/api/v1/generateTask/ltx-2-19b', {
      method: 'POST',
      headers: clientCredentials,
      body: JSON.stringify({ input: exampleInputs['ltx-2-19b'] }),
    })
    const taskId = (JSON.parse(submitted.body) as { data: { taskId: string } }).data.taskId
    await call('apixo status', `/apixo/api/v1/statusTask/ltx-2-19b?taskId=${taskId}`, { headers: clientCredentials })
    expect(stack.sim.requests.map((r) => r.route)).toEqual(['apixo.submit', 'apixo.status'])
    for (const received of stack.sim.requests) {
      expect(received.headers.authorization).toBe(`Bearer ${SECRET_KEYS.apixo}`)
      expect(received.headers).not.toHaveProperty('x-api-key')
      expect(received.headers).not.toHaveProperty('cookie')
    }
  })
})

describe('the key never reaches a reply or a log line', () => {
  it('across successes, provider errors, proxy refusals and failures', async () => {
    const submitted = await call('submit', '/segmind/v2/ltx-2-fast', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exampleInputs['ltx-2-fast']),
    })
    const id = (JSON.parse(submitted.body) as { request_id: string }).request_id
    await call('queued status', `/segmind/v2/requests/${id}/status`)
    stack.advance(10 * 60 * 1000)
    await call('completed result', `/segmind/v2/requests/${id}`)
    await call('unknown request', '/segmind/v2/requests/0000/status')
    stack.sim.inject({ fault: 'server-error' })
    await call('upstream 500', `/segmind/v2/requests/${id}/status`)
    stack.sim.inject({ fault: 'unauthorized', route: 'apixo.status' })
    await call('upstream 401', '/apixo/api/v1/statusTask/ltx-2-19b?taskId=abc')
    await call('proxy 404', '/segmind/v2/unknown-model', { method: 'POST' })
    await call('proxy 400', '/segmind/v2/ltx-video', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })

    // And a proxy whose key the provider rejects: the 401 must not quote the key either.
    const wrongKey = await stack.extraProxy({ segmind: { apiKey: 'sk-WRONG-SECRET-KEY', baseUrl: stack.upstream.url } })
    const rejected = await fetch(`${wrongKey}/segmind/v2/requests/${id}/status`)
    const rejectedBody = await rejected.text()
    expect(rejected.status).toBe(401)
    expect(rejectedBody).not.toContain('sk-WRONG-SECRET-KEY')

    expect(seen.length).toBeGreaterThanOrEqual(8)
    for (const reply of seen) {
      for (const key of Object.values(SECRET_KEYS)) {
        expect(reply.body, reply.what).not.toContain(key)
        expect(reply.headers, reply.what).not.toContain(key)
      }
    }
    const logText = JSON.stringify(stack.logs)
    for (const key of Object.values(SECRET_KEYS)) expect(logText).not.toContain(key)
    expect(stack.logs.some((entry) => entry.upstreamStatus === 500)).toBe(true)
  })

  it('a provider that echoes the key has it redacted from the body and the headers', async () => {
    const proxy = createLtxProxy({
      authorize: 'anyone',
      segmind: { apiKey: SECRET_KEYS.segmind },
      fetch: async (_url, init) => {
        const sent = new Headers(init?.headers).get('x-api-key') ?? ''
        return new Response(JSON.stringify({ error: `Key ${sent} is over its spend limit` }), {
          status: 406,
          headers: { 'content-type': 'application/json', 'x-rate-limit-reset-at-utc': sent, 'set-cookie': `k=${sent}` },
        })
      },
    })
    const response = await proxy(new Request('http://localhost/api/ltx/segmind/v2/requests/abc/status'))
    const body = await response.text()
    expect(response.status).toBe(406)
    expect(body).toBe('{"error":"Key [redacted] is over its spend limit"}')
    expect(response.headers.get('x-rate-limit-reset-at-utc')).toBe('[redacted]')
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it("answers a Segmind submit with the proxy's own status and result URLs, not the provider's", async () => {
    const reply = await call('submit for urls', '/segmind/v2/ltx-2-fast', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exampleInputs['ltx-2-fast']),
    })
    expect(reply.status).toBe(200)
    const body = JSON.parse(reply.body) as { request_id: string; status_url: string; response_url: string }
    expect(body.status_url).toBe(`${stack.proxyUrl}/segmind/v2/requests/${body.request_id}/status`)
    expect(body.response_url).toBe(`${stack.proxyUrl}/segmind/v2/requests/${body.request_id}`)
    expect((await fetch(body.status_url)).status).toBe(200)
  })

  it('configuration errors name the problem, not the key', () => {
    expect(() => createLtxProxy({ authorize: 'anyone', segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: 'ftp://example.com' } })).toThrow(
      /segmind\.baseUrl must be an absolute http\(s\) URL/,
    )
    try {
      createLtxProxy({ authorize: 'anyone', segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: 'not a url' } })
    } catch (error) {
      expect(String(error)).not.toContain(SECRET_KEYS.segmind)
    }
    expect(() => createLtxProxy({ authorize: 'anyone', segmind: { apiKey: '' } })).toThrow(/segmind\.apiKey is missing/)
  })
})
