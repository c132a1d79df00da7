import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LtxProxyOptions } from '../../src/server/create-ltx-proxy'
import { exampleInputs } from '../../src/testing/example-inputs'
import { SECRET_KEYS, serveProxy, startHostileUpstream, type HostileUpstream } from './proxy-stack'

// What a user may ask the provider for is the server's choice: callbacks, APIXO routing and
// the hosts the provider is sent to fetch. Each hostile submit goes over real HTTP to a proxy
// whose upstream is a hand-written server on 127.0.0.1 that records every body it receives, so
// both "0 upstream calls" and "what the upstream received" are read from the wire.

let hostile: HostileUpstream
const proxies: { close: () => Promise<void> }[] = []
const json = { 'content-type': 'application/json' }

beforeAll(async () => {
  hostile = await startHostileUpstream()
})
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()))
  await hostile.close()
})

async function proxyWith(extra: Partial<LtxProxyOptions> = {}, apixo: Partial<NonNullable<LtxProxyOptions['apixo']>> = {}) {
  const proxy = await serveProxy({
    authorize: 'anyone',
    segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: hostile.url },
    apixo: { apiKey: SECRET_KEYS.apixo, baseUrl: hostile.url, ...apixo },
    ...extra,
  })
  proxies.push(proxy)
  return proxy.url
}

async function submit(proxy: string, path: string, body: unknown) {
  const before = hostile.requests.length
  const response = await fetch(`${proxy}${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) })
  const sent = hostile.requests.slice(before)
  return { status: response.status, body: (await response.json()) as { issues?: { path: (string | number)[]; message: string }[] }, sent }
}

const APIXO = '/apixo/api/v1/generateTask/ltx-2-19b'
const apixoReply = { body: '{"code":200,"message":"success","data":{"taskId":"task-1"}}' }

describe('callback_url is refused unless the server allows callbacks', () => {
  it.each([
    ['request_type callback', { request_type: 'callback', callback_url: 'https://attacker.example/hook' }],
    ['request_type async', { request_type: 'async', callback_url: 'https://attacker.example/hook' }],
    ['request_type left out', { callback_url: 'https://attacker.example/hook' }],
  ])('%s: 400 on callback_url, 0 upstream calls', async (_name, fields) => {
    const proxy = await proxyWith()
    const reply = await submit(proxy, APIXO, { ...fields, input: exampleInputs['ltx-2-19b'] })
    expect(reply.status).toBe(400)
    expect(reply.body.issues?.map((issue) => issue.path)).toEqual([['callback_url']])
    expect(reply.sent).toHaveLength(0)
  })

  it('a URL the server allows goes through, as callback mode', async () => {
    hostile.reply(apixoReply)
    const proxy = await proxyWith({}, { allowCallbackUrl: (url) => url === 'https://app.example/hooks/apixo' })
    const allowed = await submit(proxy, APIXO, { request_type: 'callback', callback_url: 'https://app.example/hooks/apixo', input: exampleInputs['ltx-2-19b'] })
    expect(allowed.status).toBe(200)
    expect(JSON.parse(allowed.sent[0]?.body ?? '')).toMatchObject({ request_type: 'callback', callback_url: 'https://app.example/hooks/apixo' })
    const other = await submit(proxy, APIXO, { request_type: 'callback', callback_url: 'https://attacker.example/hook', input: exampleInputs['ltx-2-19b'] })
    expect([other.status, other.sent.length]).toEqual([400, 0])
  })

  it('the forwarded body always says its request_type', async () => {
    hostile.reply(apixoReply)
    const proxy = await proxyWith()
    const reply = await submit(proxy, APIXO, { input: exampleInputs['ltx-2-19b'] })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.sent[0]?.body ?? '')).toEqual({ request_type: 'async', provider: 'auto', input: exampleInputs['ltx-2-19b'] })
  })
})

describe("APIXO routing is the server's choice", () => {
  it.each([
    [undefined, 'official', 'auto'],
    ['value', 'official', 'value'],
    ['official', 'auto', 'official'],
    ['value', undefined, 'value'],
  ] as const)('server %s, client %s → upstream gets %s', async (server, client, expected) => {
    hostile.reply(apixoReply)
    const proxy = await proxyWith({}, server === undefined ? {} : { routing: server })
    const reply = await submit(proxy, APIXO, { ...(client === undefined ? {} : { provider: client }), input: exampleInputs['ltx-2-19b'] })
    expect(reply.status).toBe(200)
    expect((JSON.parse(reply.sent[0]?.body ?? '') as { provider: string }).provider).toBe(expected)
  })

  it('a routing value that is not one of the three is still a 400', async () => {
    const proxy = await proxyWith({}, { routing: 'official' })
    const reply = await submit(proxy, APIXO, { provider: 'cheapest', input: exampleInputs['ltx-2-19b'] })
    expect([reply.status, reply.sent.length]).toEqual([400, 0])
  })
})

// Every host a provider must not be sent to fetch, written as an attacker would.
const PRIVATE_HOSTS = [
  'https://10.0.0.5/a.png',
  'https://172.16.3.4/a.png',
  'https://172.31.255.1/a.png',
  'https://192.168.1.1/a.png',
  'https://169.254.169.254/latest/meta-data/',
  'https://100.100.100.200/a.png',
  'https://127.0.0.1/a.png',
  'https://127.9.9.9/a.png',
  'https://0.0.0.0/a.png',
  'https://[::1]/a.png',
  'https://[fc00::1]/a.png',
  'https://[fd00:ec2::254]/a.png',
  'https://[fe80::1]/a.png',
  'https://[::ffff:127.0.0.1]/a.png',
  'https://[::ffff:7f00:1]/a.png',
  'https://[::ffff:169.254.169.254]/a.png',
  'https://2130706433/a.png',
  'https://0x7f000001/a.png',
  'https://0177.0.0.1/a.png',
  'https://0x7f.1/a.png',
  'https://localhost/a.png',
  'https://localhost./a.png',
  'https://media.localhost/a.png',
  'https://metadata.google.internal/computeMetadata/v1/',
  'https://intranet/a.png',
  'http://localhost:8080/a.png',
  'http://127.0.0.1:9/a.png',
]

describe('URL fields refuse private, link-local, loopback and metadata hosts', () => {
  it.each(PRIVATE_HOSTS)('%s in every URL field of every model: 400 on that field, 0 upstream calls', async (url) => {
    const proxy = await proxyWith()
    const cases: [string, unknown, (string | number)[]][] = [
      ['/segmind/v2/ltx-video', { prompt: 'a fox', image: url }, ['image']],
      ['/segmind/v2/ltx-2-fast', { prompt: 'a fox', image: url }, ['image']],
      ['/segmind/v2/ltx-retake-video', { ...exampleInputs['ltx-retake-video'], video_uri: url }, ['video_uri']],
      [APIXO, { input: { mode: 'image-to-video', prompt: 'a fox', image_urls: [url] } }, ['input', 'image_urls', 0]],
      [APIXO, { input: { mode: 'text-to-video-LoRA', prompt: 'a fox', loras: [{ path: 'https://cdn.example.com/l.safetensors', scale: 1 }, { path: url, scale: 1 }] } }, ['input', 'loras', 1, 'path']],
    ]
    for (const [path, body, field] of cases) {
      const reply = await submit(proxy, path, body)
      expect(reply.status, `${path} ${url}`).toBe(400)
      expect(reply.body.issues?.map((issue) => issue.path)).toEqual([field])
      expect(reply.body.issues?.[0]?.message).toMatch(/^Use a publicly reachable URL/)
      expect(reply.sent).toHaveLength(0)
    }
  })

  it('an allowed callback URL on a private host is refused too', async () => {
    const proxy = await proxyWith({}, { allowCallbackUrl: () => true })
    const reply = await submit(proxy, APIXO, { request_type: 'callback', callback_url: 'https://169.254.169.254/hook', input: exampleInputs['ltx-2-19b'] })
    expect([reply.status, reply.sent.length]).toEqual([400, 0])
  })

  it('public hosts and data URIs pass', async () => {
    hostile.reply({ body: '{"request_id":"req-2"}' })
    const proxy = await proxyWith()
    for (const image of ['https://cdn.example.com/fox.png', 'https://8.8.8.8/fox.png', 'https://[2606:4700::1111]/fox.png', 'data:image/png;base64,iVBORw0KGgo=']) {
      const reply = await submit(proxy, '/segmind/v2/ltx-2-fast', { prompt: 'a fox', image })
      expect([reply.status, reply.sent.length], image).toEqual([200, 1])
    }
  })

  it('loopback passes only when the proxy is told it is a local demo; private hosts never', async () => {
    hostile.reply({ body: '{"request_id":"req-3"}' })
    const demo = await proxyWith({ allowLoopbackUrls: true })
    for (const image of ['http://127.0.0.1:9/a.png', 'http://localhost:8080/a.png', 'https://[::1]/a.png', 'https://[::ffff:7f00:1]/a.png']) {
      expect((await submit(demo, '/segmind/v2/ltx-2-fast', { prompt: 'a fox', image })).status, image).toBe(200)
    }
    for (const image of ['https://10.0.0.5/a.png', 'https://169.254.169.254/', 'https://[fd00::1]/a.png']) {
      expect((await submit(demo, '/segmind/v2/ltx-2-fast', { prompt: 'a fox', image })).status, image).toBe(400)
    }
  })
})
