import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LtxProxyOptions, ProxyLogEntry } from '../../src/server/create-ltx-proxy'
import { SECRET_KEYS, serveProxy, startHostileUpstream, type HostileUpstream } from './proxy-stack'

// An app builds without secrets (`next build` reads no environment), so the proxy is
// constructible without a key and says what is missing when a request arrives; and its own
// 404s say which thing is missing (route, model, provider) without quoting anything secret.
// Requests go over real HTTP to a proxy whose upstream is a hand-written server that counts calls.

let hostile: HostileUpstream
const proxies: { close: () => Promise<void> }[] = []
const json = { 'content-type': 'application/json' }

beforeAll(async () => {
  hostile = await startHostileUpstream({ body: '{"request_id":"req-1"}' })
})
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()))
  await hostile.close()
})

async function proxyWith(options: Partial<LtxProxyOptions>) {
  const logs: ProxyLogEntry[] = []
  const proxy = await serveProxy({ authorize: 'anyone', log: (entry) => logs.push(entry), ...options })
  proxies.push(proxy)
  return { url: proxy.url, logs }
}

const env: Record<string, string | undefined> = {}

describe('a provider configured without its key', () => {
  it.each([
    ['undefined (the variable is not set)', env.SEGMIND_API_KEY],
    ['empty', ''],
    ['only whitespace', ' \n\t'],
  ])('%s: constructible; a request answers 500 missing-key and is logged', async (_name, apiKey) => {
    const { url, logs } = await proxyWith({ segmind: { apiKey, baseUrl: hostile.url } })
    const before = hostile.requests.length
    const response = await fetch(`${url}/segmind/v2/ltx-2-fast`, { method: 'POST', headers: json, body: '{"prompt":"a"}' })
    expect(hostile.requests.length - before, 'upstream calls').toBe(0)
    expect(response.status).toBe(500)
    expect(response.headers.get('x-ltx-proxy')).toBe('missing-key')
    expect(await response.json()).toEqual({ error: 'This server has no Segmind API key: set segmind.apiKey (e.g. SEGMIND_API_KEY in its environment).' })
    expect(logs).toEqual([expect.objectContaining({ route: 'segmind.submit', status: 500, reason: 'missing-key' })])
  })

  it("APIXO without its key or its API host says which, in APIXO's envelope", async () => {
    const noKey = await proxyWith({ apixo: { apiKey: env.APIXO_API_KEY, baseUrl: hostile.url } })
    const noHost = await proxyWith({ apixo: { apiKey: SECRET_KEYS.apixo, baseUrl: env.APIXO_BASE_URL } })
    const read = (url: string) => fetch(`${url}/apixo/api/v1/statusTask/ltx-2-19b?taskId=x`)
    expect(await (await read(noKey.url)).json()).toMatchObject({ code: 500, message: expect.stringMatching(/no APIXO API key/) as string, data: null })
    const host = await read(noHost.url)
    expect(host.status).toBe(500)
    const body = await host.text()
    expect(body).toMatch(/no APIXO API host: set apixo.baseUrl/)
    expect(body).not.toContain(SECRET_KEYS.apixo)
  })

  it('authorize still comes first: a visitor who may not use the proxy learns nothing about its setup', async () => {
    const { url } = await proxyWith({ segmind: { apiKey: undefined }, authorize: () => false })
    const response = await fetch(`${url}/segmind/v2/requests/abc/status`)
    expect([response.status, response.headers.get('x-ltx-proxy')]).toEqual([401, 'unauthorized'])
  })

  it('the other provider keeps working', async () => {
    const { url } = await proxyWith({ segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: hostile.url }, apixo: { apiKey: undefined, baseUrl: undefined } })
    const response = await fetch(`${url}/segmind/v2/ltx-2-fast`, { method: 'POST', headers: json, body: '{"prompt":"a"}' })
    expect(response.status).toBe(200)
  })
})

describe("the proxy's own 404s name their cause", () => {
  it.each([
    ['an unknown route', {}, 'GET', '/api/ltx/segmind/v9/whatever', /Not a route of this proxy:/],
    ['a path outside the base path', {}, 'GET', '/api/other/segmind/v2/ltx-video', /Not a route of this proxy \(it is mounted at \/api\/ltx\)/],
    ['a model not allowed', { models: ['ltx-video'] as const }, 'POST', '/api/ltx/segmind/v2/ltx-2-fast', /does not offer that Segmind model \(it offers: ltx-video\)/],
    ['no Segmind model allowed', { models: ['ltx-2-19b'] as const }, 'GET', '/api/ltx/segmind/v2/requests/abc/status', /offers no Segmind model/],
    ['a provider not configured', {}, 'GET', '/api/ltx/apixo/api/v1/statusTask/ltx-2-19b?taskId=abc', /does not serve APIXO: it was built without the apixo option/],
  ])('%s', async (_name, extra, method, path, message) => {
    const { url } = await proxyWith({ segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: hostile.url }, ...extra })
    const before = hostile.requests.length
    const response = await fetch(new URL(path, url), { method, headers: json, ...(method === 'POST' ? { body: '{"prompt":"a"}' } : {}) })
    expect(hostile.requests.length - before).toBe(0)
    expect(response.status).toBe(404)
    expect(response.headers.get('x-ltx-proxy')).toBe('not-found')
    const text = await response.text()
    expect(JSON.stringify(JSON.parse(text))).toMatch(message)
    expect(text).not.toContain(SECRET_KEYS.segmind)
  })
})
