import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLtxProxy, type LtxProxyOptions, type ProxyLogEntry } from '../../src/server/create-ltx-proxy'
import { toNodeHandler, type ToNodeHandlerOptions } from '../../src/server/to-node-handler'
import type { UndiciModule } from '../../src/server/undici-sender'
import { createMemoryStore } from '../../src/server/ledger/create-memory-store'
import { exampleInputs } from '../../src/testing/example-inputs'
import { closeServer, listen } from './proxy-stack'

// Differential: the same hostile request set through toNodeHandler's fast path and through the
// Fetch handler (toNodeHandler with fastPath: false), each proxy in front of its own copy of a
// hostile upstream. Status, headers (minus the connection's framing and date), body, log entries
// (minus durations) and the upstream calls must be the same.

const KEYS = { segmind: 'sk-FASTPATH-SECRET-0123456789', apixo: 'ax-FASTPATH-SECRET-9876543210' }
const SECRET = 'fast-path-test-secret-0123456789-abcdef'

/** A hostile upstream: its behaviour is chosen by a `mode:<name>` marker in the prompt, then by the job id `job-<name>`. */
function hostileUpstream(calls: string[], clients: string[]): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString()
      // Which client the proxy used: fetch says sec-fetch-mode; node:http writes `Host`, undici's Pool `host`.
      clients.push(req.headers['sec-fetch-mode'] !== undefined ? 'fetch' : req.rawHeaders.includes('Host') ? 'node:http' : 'undici')
      const auth = req.headers['x-api-key'] ?? req.headers.authorization ?? '-'
      calls.push(`${req.method} ${req.url} key=${String(auth)} type=${req.headers['content-type'] ?? '-'} body=${body}`)
      const url = req.url ?? '/'
      if (url.startsWith('/api/v1/generateTask/')) return json(res, 200, { code: 200, message: 'success', data: { taskId: 'task-ok' } })
      if (url.startsWith('/api/v1/statusTask/')) {
        return json(res, 200, { code: 200, message: 'success', data: { taskId: 'task-ok', state: 'generating', credits: 7, note: `key ${KEYS.apixo}` } })
      }
      const mode = /mode:([a-z0-9]+)/.exec(body)?.[1] ?? /requests\/job-([a-z0-9]+)/.exec(url)?.[1] ?? 'ok'
      const id = mode === 'badid' ? 'bad.id/../x' : `job-${mode}`
      const reply = {
        request_id: id,
        status: 'QUEUED',
        status_url: `https://api.segmind.com/v2/requests/${id}/status`,
        response_url: `https://api.segmind.com/v2/requests/${id}`,
        metrics: { cost: 0.5, remaining_credits: 99 },
        echo: `your key is ${KEYS.segmind}`,
        nested: [{ balance: 3, id }],
      }
      switch (mode) {
        case 'html':
          res.writeHead(500, { 'content-type': 'text/html' })
          return res.end(`<h1>oops ${KEYS.segmind} "remaining_credits": 12, job ${id}</h1>`)
        case 'redirect':
          res.writeHead(302, { location: 'https://attacker.example/' })
          return res.end()
        case 'refused':
          return json(res, 401, { error: `bad key ${KEYS.segmind}` })
        case 'big':
          res.writeHead(200, { 'content-type': 'application/json' })
          return res.end(`{"request_id":"${id}","pad":"${'x'.repeat(6 * 1024 * 1024)}"}`)
        case 'gzip':
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
          return res.end(gzipSync(JSON.stringify(reply)))
        case 'headers':
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7', 'x-rate-limit-reset-at-utc': '2026-01-01T00:00:00Z', 'set-cookie': 'upstream=1', 'x-internal': 'no' })
          return res.end(JSON.stringify(reply))
        case 'empty':
          res.writeHead(204)
          return res.end()
        default:
          return json(res, 200, reply)
      }
    })
  })
}

function json(res: import('node:http').ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

interface Reply {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

function call(origin: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, origin)
    const out = httpRequest({ hostname: url.hostname, port: url.port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }))
      res.on('error', reject)
    })
    out.on('error', reject)
    out.end(body)
  })
}

// How the bytes travel on this connection, not what the proxy says.
const FRAMING = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'])
const semantic = (reply: Reply) => ({
  status: reply.status,
  headers: Object.fromEntries(Object.entries(reply.headers).filter(([name]) => !FRAMING.has(name)).sort(([a], [b]) => a.localeCompare(b))),
  body: reply.body,
})

interface Side {
  readonly origin: string
  readonly calls: string[]
  readonly clients: string[]
  readonly logs: Omit<ProxyLogEntry, 'durationMs'>[]
  readonly servers: Server[]
}

async function side(fastPath: boolean, undici?: false): Promise<Side> {
  const calls: string[] = []
  const clients: string[] = []
  const logs: Omit<ProxyLogEntry, 'durationMs'>[] = []
  const upstream = hostileUpstream(calls, clients)
  const upstreamUrl = await listen(upstream)
  const options: LtxProxyOptions = {
    segmind: { apiKey: KEYS.segmind, baseUrl: upstreamUrl },
    apixo: { apiKey: KEYS.apixo, baseUrl: upstreamUrl },
    secret: SECRET,
    maxBodyBytes: 4096,
    authorize: (request) => {
      if (request.headers.get('x-deny') !== null) return Response.json({ error: 'denied here' }, { status: 403 })
      if (request.headers.get('x-throw') !== null) throw new Error(`secret ${KEYS.segmind}`)
      const user = /(?:^|;\s*)user=([a-z]+)/.exec(request.headers.get('cookie') ?? '')?.[1]
      if (request.url.includes('anon')) return true
      return user ?? false
    },
    beforeUpstream: ({ request }) => (request.headers.get('x-quota') !== null ? new Response('quota', { status: 429 }) : undefined),
    log: ({ durationMs: _ignored, ...entry }) => logs.push(entry),
  }
  const proxy = createServer(toNodeHandler(createLtxProxy(options), undici === false ? { fastPath, undici } : { fastPath }))
  return { origin: await listen(proxy), calls, clients, logs, servers: [upstream, proxy] }
}

const ALICE = { cookie: 'user=alice; theme=dark' }
const BOB = { cookie: 'user=bob' }
const JSON_TYPE = { 'content-type': 'application/json' }
const SEGMIND = '/api/ltx/segmind/v2/ltx-2-19b-t2v'
const submitBody = (mode: string) => JSON.stringify({ ...exampleInputs['ltx-2-19b-t2v'], prompt: `A calm lake at dawn mode:${mode}` })
const MODES = ['ok', 'html', 'redirect', 'refused', 'big', 'gzip', 'headers', 'empty', 'badid']

/** The request set: each step may use what earlier replies said (handles). */
async function scenario(origin: string): Promise<Reply[]> {
  const replies: Reply[] = []
  const go = async (method: string, path: string, headers: Record<string, string> = {}, body?: string) => {
    const reply = await call(origin, method, path, headers, body)
    replies.push(reply)
    return reply
  }
  for (const mode of MODES) await go('POST', SEGMIND, { ...ALICE, ...JSON_TYPE }, submitBody(mode))
  await go('POST', SEGMIND, JSON_TYPE, submitBody('ok'))
  await go('POST', SEGMIND, { ...ALICE, 'content-type': 'text/plain' }, submitBody('ok'))
  await go('POST', SEGMIND, { ...ALICE, ...JSON_TYPE }, '{"prompt": ')
  await go('POST', SEGMIND, { ...ALICE, ...JSON_TYPE }, JSON.stringify({ ...exampleInputs['ltx-2-19b-t2v'], width: 'wide' }))
  await go('POST', SEGMIND, { ...ALICE, ...JSON_TYPE }, JSON.stringify({ prompt: 'x'.repeat(10_000) }))
  await go('POST', SEGMIND, { ...ALICE, ...JSON_TYPE, 'content-length': '999999' }, '{}')
  await go('POST', SEGMIND, { ...ALICE, ...JSON_TYPE }, '\xff\xfe')
  await go('POST', SEGMIND, { ...ALICE, ...JSON_TYPE, 'x-deny': '1' }, submitBody('ok'))
  await go('POST', SEGMIND, { ...ALICE, ...JSON_TYPE, 'x-quota': '1' }, submitBody('ok'))
  await go('POST', SEGMIND, { ...ALICE, ...JSON_TYPE, 'x-throw': '1' }, submitBody('ok'))
  await go('POST', '/api/ltx/segmind/v2/ltx-2-19b-t2v?anon=1', JSON_TYPE, submitBody('ok'))
  const apixo = await go('POST', '/api/ltx/apixo/api/v1/generateTask/ltx-2-19b', { ...ALICE, ...JSON_TYPE }, JSON.stringify({ request_type: 'async', input: exampleInputs['ltx-2-19b'] }))
  const taskHandle = (JSON.parse(apixo.body) as { data: { taskId: string } }).data.taskId
  await go('GET', `/api/ltx/apixo/api/v1/statusTask/ltx-2-19b?taskId=${taskHandle}`, ALICE)
  await go('GET', `/api/ltx/apixo/api/v1/statusTask/ltx-2-19b?taskId=${taskHandle}`, BOB)
  // Handles of the jobs the first submits named; read as their owner, as someone else, raw and guessed.
  const ok = JSON.parse(replies[0]?.body ?? '{}') as { request_id: string }
  const handles = [ok.request_id, 'job-ok', `job-ok.${'A'.repeat(43)}`, '..', 'x'.repeat(300)]
  for (const mode of ['html', 'redirect', 'refused', 'big', 'gzip', 'headers', 'empty']) handles.push(ok.request_id.replace('job-ok', `job-${mode}`))
  for (const handle of handles) {
    await go('GET', `/api/ltx/segmind/v2/requests/${handle}/status`, ALICE)
    await go('GET', `/api/ltx/segmind/v2/requests/${handle}`, BOB)
  }
  await go('GET', `/api/ltx/segmind/v2/requests/${ok.request_id}/status`, { ...ALICE, 'x-quota': '1' })
  await go('GET', `/api/ltx/segmind/v2/requests/${ok.request_id}/status`)
  await go('GET', `/api/ltx/segmind/v2/requests/${ok.request_id}/status`, { ...ALICE, 'x-deny': '1' })
  await go('GET', `/api/ltx/segmind/v2/requests/${ok.request_id}/%2e%2e/status`, ALICE)
  await go('GET', SEGMIND, ALICE)
  await go('HEAD', `/api/ltx/segmind/v2/requests/${ok.request_id}/status`, ALICE)
  await go('TRACE', SEGMIND, ALICE)
  await go('DELETE', SEGMIND, ALICE)
  await go('POST', '/api/ltx/segmind/v2/not-a-model', { ...ALICE, ...JSON_TYPE }, '{}')
  await go('GET', '/elsewhere', ALICE)
  await go('GET', '/api/ltx/segmind/v2/requests/job-ok/status/../../../../x', ALICE)
  // Targets the fast path reads raw and targets it leaves to the URL parser (dot segments, empty
  // segments, encodings, a query to decode): the same answers either way.
  await go('GET', `/api/ltx/segmind/v2/requests/${ok.request_id}/status/`, ALICE)
  await go('GET', `/api/ltx/segmind/v2/requests/./${ok.request_id}/status`, ALICE)
  await go('GET', `/api/ltx/segmind/v2/requests/x/../${ok.request_id}/status`, ALICE)
  await go('GET', `/api/ltx//segmind/v2/requests/${ok.request_id}/status`, ALICE)
  await go('GET', `/api/ltx/segmind/v2/requests/${ok.request_id}/status?x=%20&y=+`, ALICE)
  await go('GET', `/api/ltx/segmind/v2/requests/${ok.request_id.replace('-', '%2D')}/status`, ALICE)
  await go('GET', `/api/ltx/apixo/api/v1/statusTask/ltx-2-19b?taskId=${taskHandle.replace('.', '%2E')}`, ALICE)
  await go('GET', `/api/ltx/apixo/api/v1/statusTask/ltx-2-19b?taskId=${taskHandle}&taskId=other`, ALICE)
  await go('GET', `/api/ltx/apixo/api/v1/statusTask/ltx-2-19b?other=1&taskId=${taskHandle}`, ALICE)
  return replies
}

describe("toNodeHandler's fast path answers as the Fetch handler does", () => {
  // The fast path with each of its upstream clients, and the Fetch handler.
  let fast: Side
  let fastNode: Side
  let slow: Side
  let fastReplies: Reply[]
  let fastNodeReplies: Reply[]
  let slowReplies: Reply[]
  beforeAll(async () => {
    ;[fast, fastNode, slow] = await Promise.all([side(true), side(true, false), side(false)])
    fastReplies = await scenario(fast.origin)
    fastNodeReplies = await scenario(fastNode.origin)
    slowReplies = await scenario(slow.origin)
  })
  afterAll(async () => {
    await Promise.all([...fast.servers, ...fastNode.servers, ...slow.servers].map(closeServer))
  })

  it('really takes the fast path (upstream over undici, or node:http with undici: false) and the Fetch handler', () => {
    expect(new Set(fast.clients)).toEqual(new Set(['undici']))
    expect(new Set(fastNode.clients)).toEqual(new Set(['node:http']))
    expect(new Set(slow.clients)).toEqual(new Set(['fetch']))
  })

  it('gives every request the same status, headers and body', () => {
    expect(fastReplies.length).toBeGreaterThan(40)
    // The set reaches every kind of answer: forwarded, refused by each rule, failed upstream.
    expect(new Set(fastReplies.map((reply) => reply.status))).toEqual(new Set([200, 204, 400, 401, 403, 404, 405, 413, 415, 429, 500, 502]))
    expect(fastReplies.map(semantic)).toEqual(slowReplies.map(semantic))
    expect(fastNodeReplies.map(semantic)).toEqual(slowReplies.map(semantic))
  })

  it('makes the same upstream calls, with the same key, content type and body', () => {
    expect(fast.calls.length).toBeGreaterThan(10)
    expect(fast.calls).toEqual(slow.calls)
    expect(fastNode.calls).toEqual(slow.calls)
  })

  it('writes the same log entries', () => {
    expect(fast.logs).toEqual(slow.logs)
    expect(fastNode.logs).toEqual(slow.logs)
  })

  it('never lets a key, the credits or a cookie reach a reply', () => {
    for (const reply of [...fastReplies, ...fastNodeReplies]) {
      const text = JSON.stringify(reply)
      expect(text).not.toContain(KEYS.segmind)
      expect(text).not.toContain(KEYS.apixo)
      expect(text).not.toContain('remaining_credits')
      expect(text).not.toContain('upstream=1')
      expect(reply.headers['x-content-type-options']).toBe('nosniff')
    }
  })
})

describe('what the fast path leaves to the Fetch handler', () => {
  /** Which client reached the upstream for one status read and one submit through toNodeHandler with these options. */
  async function clientsFor(extra: Record<string, unknown>, handlerOptions: ToNodeHandlerOptions = {}, parsedBody?: unknown): Promise<string[]> {
    const calls: string[] = []
    const clients: string[] = []
    const upstream = hostileUpstream(calls, clients)
    const upstreamUrl = await listen(upstream)
    const proxy = createLtxProxy({ authorize: 'anyone', segmind: { apiKey: KEYS.segmind, baseUrl: upstreamUrl }, ...extra } as LtxProxyOptions)
    const listener = toNodeHandler(proxy, handlerOptions)
    const server = createServer((req, res) => {
      if (parsedBody === undefined || req.method !== 'POST') return listener(req, res)
      // As Express's json() leaves it: the body read, parsed onto req.body.
      req.resume()
      req.on('end', () => listener(Object.assign(req, { body: parsedBody }), res))
    })
    const origin = await listen(server)
    try {
      const submitted = await call(origin, 'POST', SEGMIND, JSON_TYPE, submitBody('ok'))
      expect(submitted.status).toBe(200)
      const handle = (JSON.parse(submitted.body) as { request_id: string }).request_id
      expect((await call(origin, 'GET', `/api/ltx/segmind/v2/requests/${handle}/status`)).status).toBe(200)
      return clients
    } finally {
      await Promise.all([closeServer(server), closeServer(upstream)])
    }
  }

  it("serves both routes itself by default, upstream over the app's undici", async () => {
    expect(await clientsFor({})).toEqual(['undici', 'undici'])
  })

  it('sends with node:http with undici: false, and with the undici module it is given', async () => {
    expect(await clientsFor({}, { undici: false })).toEqual(['node:http', 'node:http'])
    expect(await clientsFor({}, { undici: await import('undici') })).toEqual(['undici', 'undici'])
  })

  it('refuses, at once, an undici option that is not undici 7 or later', () => {
    const proxy = createLtxProxy({ authorize: 'anyone', segmind: { apiKey: KEYS.segmind } })
    const old = { Pool: class {} } as unknown as UndiciModule
    expect(() => toNodeHandler(proxy, { undici: old })).toThrow(/undici module, version 7 or later/)
  })

  it('is off with fastPath: false', async () => {
    expect(await clientsFor({}, { fastPath: false })).toEqual(['fetch', 'fetch'])
  })

  it('is off with LTX_PROXY_NODE_FAST_PATH=0', async () => {
    const before = process.env.LTX_PROXY_NODE_FAST_PATH
    process.env.LTX_PROXY_NODE_FAST_PATH = '0'
    try {
      expect(await clientsFor({})).toEqual(['fetch', 'fetch'])
    } finally {
      if (before === undefined) delete process.env.LTX_PROXY_NODE_FAST_PATH
      else process.env.LTX_PROXY_NODE_FAST_PATH = before
    }
  })

  it("uses the app's own fetch when one is given", async () => {
    let used = 0
    const clients = await clientsFor({ fetch: (input: RequestInfo | URL, init?: RequestInit) => (used++, globalThis.fetch(input, init)) })
    expect(clients).toEqual(['fetch', 'fetch'])
    expect(used).toBe(2)
  })

  it('leaves a proxy with a job ledger wholly to the Fetch handler', async () => {
    expect(await clientsFor({ store: createMemoryStore() })).toEqual(['fetch', 'fetch'])
  })

  it('leaves a proxy with an option it does not know wholly to the Fetch handler', async () => {
    expect(await clientsFor({ someFutureOption: true })).toEqual(['fetch', 'fetch'])
  })

  it('leaves a body an Express parser already read to the Fetch handler, which rebuilds it', async () => {
    expect(await clientsFor({}, {}, JSON.parse(submitBody('ok')))).toEqual(['fetch', 'undici'])
  })
})
