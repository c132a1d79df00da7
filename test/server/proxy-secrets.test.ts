import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLtxProxy } from '../../src/server/create-ltx-proxy'
import { exampleInputs } from '../../src/testing/example-inputs'
import { SECRET_KEYS, rawRequest, serveProxy, startHostileUpstream, startProxyStack, type HostileUpstream, type ProxyStack } from './proxy-stack'

// The key lives on the server: the provider gets the server's key and nothing of the client's
// credentials, and no reply, header or log line ever shows the key, in any form a client could
// decode. Attacks: a hand-written upstream on 127.0.0.1 echoes the key back escaped, encoded
// and double-encoded, in bodies, keys and headers; a client sends a hostile Host header.

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
    stack.sim.inject({ fault: 'unauthorized', route: 'segmind.status' })
    await call('upstream 401', `/segmind/v2/requests/${id}/status`)
    await call('proxy 404', '/segmind/v2/unknown-model', { method: 'POST' })
    await call('proxy 400', '/segmind/v2/ltx-video', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })

    expect(seen.length).toBeGreaterThanOrEqual(8)
    for (const reply of seen) {
      // Every reply, forwarded or the proxy's own, error or not, may not be sniffed or cached.
      const headers = new Map(JSON.parse(reply.headers) as [string, string][])
      expect([headers.get('x-content-type-options'), headers.get('cache-control')], reply.what).toEqual(['nosniff', 'no-store'])
      expect(headers.get('content-type'), reply.what).toMatch(/^(application\/json|text\/plain); charset=utf-8$/)
      for (const key of Object.values(SECRET_KEYS)) {
        expect(reply.body, reply.what).not.toContain(key)
        expect(reply.headers, reply.what).not.toContain(key)
      }
    }
    const logText = JSON.stringify(stack.logs)
    for (const key of Object.values(SECRET_KEYS)) expect(logText).not.toContain(key)
    expect(stack.logs.some((entry) => entry.upstreamStatus === 500)).toBe(true)
    // An entry holds what happened, never a header or a body.
    for (const entry of stack.logs) {
      expect(Object.keys(entry).sort()).toEqual(
        ['cost', 'durationMs', 'jobId', 'kind', 'method', 'model', 'reason', 'remainingCredits', 'route', 'status', 'upstreamStatus', 'userId'].sort(),
      )
    }
  })
})

// A key with the characters encodings change: `/` (JSON's `\/`), `+` and `=` (percent-encoding).
const KEY = 'sk/LIVE+key=Q7xv9TzR2mWp4LbN8cYd'

/** Every string a client could read out of a reply: the text, JSON strings and keys, and their percent, base64 and hex decodings. */
function clientReadings(text: string): string[] {
  const strings = [text]
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value)
    else if (Array.isArray(value)) value.forEach(walk)
    else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) strings.push(key), walk(item)
  }
  try {
    walk(JSON.parse(text))
  } catch {
    // Not JSON: the text is what the client has.
  }
  const readings = [...strings]
  for (const s of strings) {
    for (let decoded = s, i = 0; i < 3; i++) {
      try {
        decoded = decodeURIComponent(decoded.replace(/\+/g, '%2B'))
      } catch {
        break
      }
      readings.push(decoded)
    }
    readings.push(s.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))))
    for (const token of s.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []) {
      try {
        readings.push(atob(token.replace(/-/g, '+').replace(/_/g, '/')))
      } catch {
        // not base64
      }
    }
    for (const token of s.match(/(?:[0-9a-f]{2}){8,}/gi) ?? []) readings.push(token.replace(/../g, (h) => String.fromCharCode(parseInt(h, 16))))
  }
  return readings
}

describe('a provider that echoes the key, in any encoding, has it withheld from what the client decodes', () => {
  let hostile: HostileUpstream
  let proxyUrl: string
  let close: () => Promise<void>
  let handle: string
  const logs: unknown[] = []

  beforeAll(async () => {
    hostile = await startHostileUpstream({ status: 200, body: '{"request_id":"req-1"}' })
    const proxy = await serveProxy({ authorize: 'anyone', segmind: { apiKey: KEY, baseUrl: hostile.url }, log: (entry) => logs.push(entry) })
    proxyUrl = proxy.url
    close = proxy.close
    const submitted = await fetch(`${proxyUrl}/segmind/v2/ltx-2-fast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompt":"a"}' })
    handle = ((await submitted.json()) as { request_id: string }).request_id
  })
  afterAll(async () => {
    await close()
    await hostile.close()
  })

  const b64 = btoa(`x-api-key: ${KEY}`)
  const hex = [...new TextEncoder().encode(KEY)].map((b) => b.toString(16).padStart(2, '0')).join('')
  it.each<[string, string, string]>([
    ['plain, in a JSON string', 'application/json', `{"error":"Key ${KEY} is over its spend limit"}`],
    ['JSON-escaped with \\/', 'application/json', `{"error":"Key ${KEY.replace(/\//g, '\\/')} is over its spend limit"}`],
    ['JSON-escaped with \\u00xx', 'application/json', `{"error":"Key ${[...KEY].map((c) => `\\u00${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')}"}`],
    ['URL-encoded in a link', 'application/json', `{"error":"See https://status.example/?key=${encodeURIComponent(KEY)}"}`],
    ['URL-encoded twice', 'application/json', `{"error":"See https://status.example/?key=${encodeURIComponent(encodeURIComponent(KEY))}"}`],
    ['base64 of the header', 'application/json', `{"error":"Request dump: ${b64}"}`],
    ['base64url of the header', 'application/json', `{"error":"Request dump: ${b64.replace(/\+/g, '-').replace(/\//g, '_')}"}`],
    ['hex', 'application/json', `{"error":"key bytes ${hex}"}`],
    ['as a JSON object key', 'application/json', `{"${KEY}":"over limit"}`],
    ['as HTML entities in a text page', 'text/html', `<p>Key ${[...KEY].map((c) => `&#${c.charCodeAt(0)};`).join('')} refused</p>`],
    ['JSON-escaped in a cut-off JSON body', 'application/json', `{"error":"Key ${KEY.replace(/\//g, '\\/')}`],
    ['percent-encoded in plain text', 'text/plain', `Insufficient credits for key ${encodeURIComponent(KEY)}`],
  ])('%s', async (_name, type, body) => {
    hostile.reply({ status: 406, headers: { 'content-type': type }, body })
    const before = hostile.requests.length
    const response = await fetch(`${proxyUrl}/segmind/v2/requests/${handle}/status`)
    const text = await response.text()
    expect(hostile.requests.length - before, 'upstream calls').toBe(1)
    expect(response.status).toBe(406)
    for (const reading of clientReadings(text)) expect(reading).not.toContain(KEY)
    expect(text).toContain('[redacted]')
    expect(JSON.stringify(logs)).not.toContain(KEY)
  })

  it('keeps the rest of the sentence when the key was there as plain text', async () => {
    hostile.reply({ status: 406, body: `{"error":"Key ${KEY} is over its spend limit"}` })
    const response = await fetch(`${proxyUrl}/segmind/v2/requests/${handle}/status`)
    expect(await response.json()).toEqual({ error: 'Key [redacted] is over its spend limit' })
  })

  it('drops a passed-on header that holds the key in any form, and never passes set-cookie', async () => {
    hostile.reply({ status: 429, headers: { 'x-rate-limit-reset-at-utc': encodeURIComponent(KEY), 'retry-after': '3', 'set-cookie': `k=${KEY}` }, body: '{}' })
    const response = await fetch(`${proxyUrl}/segmind/v2/requests/${handle}/status`)
    expect(response.status).toBe(429)
    expect(response.headers.get('x-rate-limit-reset-at-utc')).toBeNull()
    expect(response.headers.get('retry-after')).toBe('3')
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('never forwards the text of a 401 or 403, whatever it says', async () => {
    for (const status of [401, 403]) {
      hostile.reply({ status, headers: { 'content-type': 'text/plain' }, body: `bad key ${btoa(KEY)} for team acme` })
      const response = await fetch(`${proxyUrl}/segmind/v2/requests/${handle}/status`)
      const text = await response.text()
      expect(response.status).toBe(502)
      expect(text).not.toMatch(/bad key|acme/)
    }
  })
})

describe("links never reflect the request's Host", () => {
  it('a Segmind submit gets relative status and result links, whatever Host the client sent', async () => {
    const before = stack.sim.count('segmind.submit')
    const reply = await rawRequest(stack.proxyUrl, '/api/ltx/segmind/v2/ltx-2-fast', {
      method: 'POST',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(exampleInputs['ltx-2-fast']),
    })
    expect(stack.sim.count('segmind.submit') - before).toBe(1)
    const body = JSON.parse(reply.body) as { request_id: string; status_url: string; response_url: string }
    expect(body.status_url).toBe(`/api/ltx/segmind/v2/requests/${body.request_id}/status`)
    expect(body.response_url).toBe(`/api/ltx/segmind/v2/requests/${body.request_id}`)
    expect(reply.body).not.toContain('evil.example')
    expect(reply.body).not.toContain(stack.upstream.url)
    expect((await fetch(new URL(body.status_url, stack.proxyUrl))).status).toBe(200)
  })

  it('with a configured origin, the links are absolute on that origin', async () => {
    const proxyUrl = await stack.extraProxy({ origin: 'https://app.example' })
    const reply = await rawRequest(proxyUrl, '/api/ltx/segmind/v2/ltx-2-fast', {
      method: 'POST',
      headers: { host: 'evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(exampleInputs['ltx-2-fast']),
    })
    const body = JSON.parse(reply.body) as { request_id: string; status_url: string }
    expect(body.status_url).toBe(`https://app.example/api/ltx/segmind/v2/requests/${body.request_id}/status`)
  })

  it('an origin with a path is refused when the proxy is built', () => {
    expect(() => createLtxProxy({ authorize: 'anyone', origin: 'https://app.example/base' })).toThrow(/origin must be an origin/)
  })
})

describe('configuration', () => {
  it('errors name the problem, not the key', () => {
    expect(() => createLtxProxy({ authorize: 'anyone', segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: 'ftp://example.com' } })).toThrow(
      /segmind\.baseUrl must be an absolute http\(s\) URL/,
    )
    let message = ''
    try {
      createLtxProxy({ authorize: 'anyone', segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: 'not a url' } })
    } catch (error) {
      message = String(error)
    }
    expect(message).toMatch(/baseUrl/)
    expect(message).not.toContain(SECRET_KEYS.segmind)
    expect(() => createLtxProxy({ authorize: 'anyone', secret: 'too-short' })).toThrow(/secret must be at least 32 characters/)
  })
})
