import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLtxProxy, type ProxyLogEntry } from '../../src/server/create-ltx-proxy'
import { SECRET_KEYS, startProxyStack, type ProxyStack } from './proxy-stack'

// Any method outside the documented routes gets 405 (with allow) or 404 and a log entry, never
// a 500, through toNodeHandler over real HTTP (each request written byte by byte on a socket,
// so nothing in a client library changes the method) and through the Fetch handler itself.

let stack: ProxyStack

beforeAll(async () => {
  stack = await startProxyStack()
})
afterAll(() => stack.close())

/** Write one HTTP/1.1 request on a raw socket; the status line and headers that come back, or '' if the server hung up. */
function rawHttp(method: string, target: string): Promise<{ status: number; head: string }> {
  const { hostname, port } = new URL(stack.proxyUrl)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`${method} ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`)
    })
    let data = ''
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')))
    socket.on('close', () => {
      const head = data.split('\r\n\r\n')[0] ?? ''
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head })
    })
    socket.on('error', reject)
    socket.setTimeout(5_000, () => socket.destroy())
  })
}

const SUBMIT = '/api/ltx/segmind/v2/ltx-video'
const STATUS = '/api/ltx/segmind/v2/requests/abc/status'
const APIXO_STATUS = '/api/ltx/apixo/api/v1/statusTask/ltx-2-19b?taskId=abc'
const ELSEWHERE = '/api/ltx/anything/else'

describe('over real HTTP, through toNodeHandler', () => {
  it.each([
    ['TRACE', SUBMIT, 405, 'POST'],
    ['TRACE', STATUS, 405, 'GET'],
    ['TRACE', ELSEWHERE, 404, undefined],
    ['PUT', SUBMIT, 405, 'POST'],
    ['DELETE', STATUS, 405, 'GET'],
    ['OPTIONS', SUBMIT, 405, 'POST'],
    ['PATCH', APIXO_STATUS, 405, 'GET'],
    ['HEAD', STATUS, 405, 'GET'],
    ['PROPFIND', STATUS, 405, 'GET'],
    ['PURGE', SUBMIT, 405, 'POST'],
    ['QUERY', STATUS, 405, 'GET'],
    ['M-SEARCH', ELSEWHERE, 404, undefined],
    ['LOCK', ELSEWHERE, 404, undefined],
  ])('%s %s → %i', async (method, target, status, allow) => {
    const before = stack.sim.count()
    const logged = stack.logs.length
    const reply = await rawHttp(method, target)
    expect(reply.status).toBe(status)
    if (allow !== undefined) expect(reply.head).toMatch(new RegExp(`\\r\\nallow: ${allow}\\r\\n`, 'i'))
    expect(reply.head).toMatch(/\r\nx-content-type-options: nosniff\r\n/i)
    expect(stack.sim.count() - before, 'upstream calls').toBe(0)
    expect(stack.logs.slice(logged)).toEqual([expect.objectContaining({ method, status, reason: status === 405 ? 'method-not-allowed' : 'not-found' })])
  })

  it('CONNECT is closed by Node itself: no reply, no upstream call, no crash', async () => {
    const before = stack.sim.count()
    const logged = stack.logs.length
    const reply = await rawHttp('CONNECT', '127.0.0.1:443')
    expect(reply.status).not.toBe(500)
    expect(stack.sim.count() - before).toBe(0)
    expect(stack.logs.length).toBe(logged)
    // The proxy still answers the next request normally.
    expect((await rawHttp('TRACE', STATUS)).status).toBe(405)
  })
})

describe('through the Fetch handler', () => {
  it.each([
    ['PUT', SUBMIT, 405],
    ['DELETE', STATUS, 405],
    ['OPTIONS', STATUS, 405],
    ['PATCH', SUBMIT, 405],
    ['HEAD', STATUS, 405],
    ['QUERY', STATUS, 405],
    ['BREW', ELSEWHERE, 404],
  ])('%s %s → %i, logged', async (method, path, status) => {
    const logs: ProxyLogEntry[] = []
    let upstream = 0
    const proxy = createLtxProxy({
      authorize: 'anyone',
      segmind: { apiKey: SECRET_KEYS.segmind },
      apixo: { apiKey: SECRET_KEYS.apixo, baseUrl: 'https://apixo.example' },
      fetch: async () => {
        upstream += 1
        return new Response('{}')
      },
      log: (entry) => logs.push(entry),
    })
    const response = await proxy(new Request(`https://app.example${path}`, { method }))
    expect(response.status).toBe(status)
    expect(upstream).toBe(0)
    expect(logs).toEqual([expect.objectContaining({ method, status })])
  })
})
