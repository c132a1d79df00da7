import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLtxProxy } from '../../src/server/create-ltx-proxy'
import { exampleInputs } from '../../src/testing/example-inputs'
import { SECRET_KEYS, rawRequest, startProxyStack, type ProxyStack } from './proxy-stack'

// Default deny: whatever is not a documented route of an allowed model, or not a valid body,
// is answered by the proxy itself, and the simulator (the provider) never hears of it.

let stack: ProxyStack
let upstreamCalls: () => number
const json = { 'content-type': 'application/json' }

beforeAll(async () => {
  stack = await startProxyStack({ proxy: { maxBodyBytes: 4096 } })
  upstreamCalls = () => stack.sim.count()
})
afterAll(() => stack.close())

async function expectDenied<R extends { status: number }>(status: number, send: () => Promise<R>): Promise<R> {
  const before = upstreamCalls()
  const response = await send()
  expect(response.status).toBe(status)
  expect(upstreamCalls() - before, 'upstream calls').toBe(0)
  return response
}

describe('routes that are not documented are 404 and never reach the provider', () => {
  const base = () => stack.proxyUrl
  it.each([
    ['an unknown model', 'POST', '/segmind/v2/flux-pro'],
    ['a Segmind model on the APIXO route', 'POST', '/apixo/api/v1/generateTask/ltx-video'],
    ['the APIXO model on the Segmind route', 'POST', '/segmind/v2/ltx-2-19b'],
    ['the sync v1 API', 'POST', '/segmind/v1/ltx-video'],
    ['an undocumented APIXO route', 'POST', '/apixo/api/v1/cancelTask/ltx-2-19b'],
    ['an unknown provider', 'GET', '/replicate/v1/predictions'],
    ['the provider root', 'GET', '/segmind'],
    ['a trailing slash', 'GET', '/segmind/v2/requests/abc/status/'],
    ['a double slash', 'GET', '/segmind/v2//requests/abc/status'],
    ['an extra segment', 'GET', '/segmind/v2/requests/abc/status/more'],
  ])('%s (%s %s)', async (_name, method, path) => {
    const response = await expectDenied(404, () =>
      fetch(`${base()}${path}`, { method, headers: json, ...(method === 'POST' ? { body: JSON.stringify({ prompt: 'x' }) } : {}) }),
    )
    expect(response.headers.get('x-ltx-proxy')).toBe('not-found')
  })

  it('a path outside the base path', async () => {
    await expectDenied(404, () => fetch(stack.proxyUrl.replace('/api/ltx', '/api/other/segmind/v2/ltx-video'), { method: 'POST' }))
  })

  it('a model the server did not allow', async () => {
    const onlyLtxVideo = await stack.extraProxy({ models: ['ltx-video'] })
    await expectDenied(404, () =>
      fetch(`${onlyLtxVideo}/segmind/v2/ltx-2-fast`, { method: 'POST', headers: json, body: JSON.stringify(exampleInputs['ltx-2-fast']) }),
    )
    await expectDenied(404, () => fetch(`${onlyLtxVideo}/apixo/api/v1/statusTask/ltx-2-19b?taskId=abc`))
  })
})

describe('ids that are not handles are unknown jobs, and never reach the provider', () => {
  // Each path was sent raw over HTTP (no client-side normalisation), as a hostile client can.
  it.each([
    ['a traversal id', 'GET', '/api/ltx/segmind/v2/requests/../../../v1/ltx-video/status'],
    ['a traversal id without a status', 'GET', '/api/ltx/segmind/v2/requests/..'],
    ['an encoded traversal', 'GET', '/api/ltx/segmind/v2/requests/%2e%2e%2f%2e%2e%2fv1/status'],
    ['an encoded slash', 'GET', '/api/ltx/segmind/v2/requests/abc%2Fdef/status'],
    ['an encoded slash in the model', 'POST', '/api/ltx/segmind/v2/ltx-video%2F..%2Fltx-2-fast'],
    ['a dotted id that is no handle', 'GET', '/api/ltx/segmind/v2/requests/abc.def'],
    ['an id over 200 characters', 'GET', `/api/ltx/segmind/v2/requests/${'a'.repeat(201)}/status`],
    ['a raw provider id of 128 safe characters', 'GET', `/api/ltx/segmind/v2/requests/${'a'.repeat(128)}/status`],
    ['an APIXO traversal taskId', 'GET', '/api/ltx/apixo/api/v1/statusTask/ltx-2-19b?taskId=../../x'],
    ['an APIXO encoded-slash taskId', 'GET', '/api/ltx/apixo/api/v1/statusTask/ltx-2-19b?taskId=a%2Fb'],
    ['a missing taskId', 'GET', '/api/ltx/apixo/api/v1/statusTask/ltx-2-19b'],
    ['two taskIds', 'GET', '/api/ltx/apixo/api/v1/statusTask/ltx-2-19b?taskId=a&taskId=b'],
  ])('%s is refused', async (_name, method, path) => {
    await expectDenied(404, () => rawRequest(stack.proxyUrl, path, { method, headers: json, body: method === 'POST' ? '{"prompt":"x"}' : undefined }))
  })
})

describe('a method a route does not take is 405 with allow', () => {
  it.each([
    ['GET', '/segmind/v2/ltx-video', 'POST'],
    ['PUT', '/segmind/v2/ltx-video', 'POST'],
    ['POST', '/segmind/v2/requests/abc/status', 'GET'],
    ['DELETE', '/segmind/v2/requests/abc', 'GET'],
    ['OPTIONS', '/segmind/v2/ltx-video', 'POST'],
    ['POST', '/apixo/api/v1/statusTask/ltx-2-19b?taskId=abc', 'GET'],
    ['GET', '/apixo/api/v1/generateTask/ltx-2-19b', 'POST'],
  ])('%s %s', async (method, path, allow) => {
    const response = await expectDenied(405, () => fetch(`${stack.proxyUrl}${path}`, { method }))
    expect(response.headers.get('allow')).toBe(allow)
    expect(response.headers.get('x-ltx-proxy')).toBe('method-not-allowed')
  })
})

describe('bodies are checked before any credit is spent', () => {
  it('an oversize body answers 413', async () => {
    const huge = JSON.stringify({ prompt: 'x'.repeat(64 * 1024) })
    const response = await expectDenied(413, () =>
      fetch(`${stack.proxyUrl}/segmind/v2/ltx-video`, { method: 'POST', headers: json, body: huge }),
    )
    expect(response.headers.get('x-ltx-proxy')).toBe('payload-too-large')
  })

  it('an oversize chunked upload (no content-length) answers 413 too', async () => {
    const { hostname, port } = new URL(stack.proxyUrl)
    const before = upstreamCalls()
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: hostname, port, path: '/api/ltx/segmind/v2/ltx-video', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.write(`{"prompt":"${'y'.repeat(2048)}`)
      req.write('y'.repeat(4096))
      req.end('"}')
    })
    expect(status).toBe(413)
    expect(upstreamCalls() - before).toBe(0)
  })

  it('invalid parameters answer 400 with one issue per field, worded for people', async () => {
    const response = await expectDenied(400, () =>
      fetch(`${stack.proxyUrl}/segmind/v2/ltx-video`, { method: 'POST', headers: json, body: JSON.stringify({ prompt: '', steps: 99, colour: 'red' }) }),
    )
    const body = (await response.json()) as { error: string; issues: { path: string[]; message: string }[] }
    expect(body.issues.map((i) => i.path[0]).sort()).toEqual(['colour', 'prompt', 'steps'])
    expect(body.issues.find((i) => i.path[0] === 'steps')?.message).toMatch(/Steps must be a whole number between 1 and 50/)
    expect(body.error).toBe(body.issues[0]?.message.concat(' (and 2 more)'))
  })

  it('invalid APIXO input answers 400 in the APIXO envelope', async () => {
    const response = await expectDenied(400, () =>
      fetch(`${stack.proxyUrl}/apixo/api/v1/generateTask/ltx-2-19b`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ input: { mode: 'image-to-video', prompt: 'a fox', image_urls: [] } }),
      }),
    )
    const body = (await response.json()) as { code: number; data: null; issues: { path: (string | number)[] }[] }
    expect(body).toMatchObject({ code: 400, data: null })
    expect(body.issues[0]?.path).toEqual(['input', 'image_urls'])
  })

  it('callback mode is refused unless the server allows the URL', async () => {
    const response = await expectDenied(400, () =>
      fetch(`${stack.proxyUrl}/apixo/api/v1/generateTask/ltx-2-19b`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ request_type: 'callback', callback_url: 'https://attacker.example/hook', input: exampleInputs['ltx-2-19b'] }),
      }),
    )
    expect(((await response.json()) as { issues: { path: string[] }[] }).issues[0]?.path).toEqual(['callback_url'])
  })

  it('a body that is not JSON answers 400, and a non-JSON content type 415', async () => {
    await expectDenied(400, () => fetch(`${stack.proxyUrl}/segmind/v2/ltx-video`, { method: 'POST', headers: json, body: '{"prompt":' }))
    await expectDenied(415, () =>
      fetch(`${stack.proxyUrl}/segmind/v2/ltx-video`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"prompt":"a"}' }),
    )
  })
})

describe('authorize and per-user limits', () => {
  it('authorize can refuse with 401, or answer a 403 of its own', async () => {
    const signedOut = await stack.extraProxy({ authorize: () => false })
    await expectDenied(401, () => fetch(`${signedOut}/segmind/v2/requests/abc/status`))
    const forbidden = await stack.extraProxy({ authorize: async () => new Response('{"error":"Not on your plan"}', { status: 403 }) })
    await expectDenied(403, () => fetch(`${forbidden}/segmind/v2/requests/abc/status`))
  })

  it('a per-user limit built on authorize: the third submit of a user is refused before the provider is asked', async () => {
    const used = new Map<string, number>()
    const limited = await stack.extraProxy({
      authorize: (request) => request.headers.get('x-user') ?? false,
      beforeUpstream: ({ userId, route }) => {
        if (!route.endsWith('.submit') || userId === undefined) return
        const count = used.get(userId) ?? 0
        if (count >= 2) return Response.json({ error: 'You can make 2 videos an hour.' }, { status: 429 })
        used.set(userId, count + 1)
      },
    })
    const submit = (user: string) =>
      fetch(`${limited}/segmind/v2/ltx-video`, { method: 'POST', headers: { ...json, 'x-user': user }, body: JSON.stringify(exampleInputs['ltx-video']) })

    expect((await submit('ada')).status).toBe(200)
    expect((await submit('ada')).status).toBe(200)
    await expectDenied(429, () => submit('ada'))
    expect((await submit('grace')).status).toBe(200)
    expect(stack.logs.filter((l) => l.userId === 'ada').map((l) => l.status)).toEqual([200, 200, 429])
  })
})

describe('the Fetch handler reads an oversize body only up to the limit', () => {
  it('stops pulling a streamed upload just past maxBodyBytes', async () => {
    let pulled = 0
    const chunk = new Uint8Array(1024).fill(0x61)
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        // A 100 MB upload, produced only as fast as it is read.
        if (pulled >= 100 * 1024 * 1024) return controller.close()
        pulled += chunk.byteLength
        controller.enqueue(chunk)
      },
    })
    let upstream = 0
    const proxy = createLtxProxy({
      authorize: 'anyone',
      segmind: { apiKey: SECRET_KEYS.segmind },
      maxBodyBytes: 10 * 1024,
      fetch: async () => {
        upstream += 1
        return new Response('{}')
      },
    })
    const response = await proxy(
      new Request('http://localhost/api/ltx/segmind/v2/ltx-video', { method: 'POST', headers: json, body: endless, duplex: 'half' } as RequestInit),
    )
    expect(response.status).toBe(413)
    expect(upstream).toBe(0)
    // The limit, plus what the stream had queued ahead: nowhere near the 100 MB offered.
    expect(pulled).toBeLessThanOrEqual(16 * 1024)
  })
})
