import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { gzipSync } from 'node:zlib'
import * as undici from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeBuiltins, type NodeBuiltins } from '../../src/server/node-builtins'
import { createNodeSender, type NodeSender, type NodeUpstreamCall } from '../../src/server/node-forward'
import { StopSignal } from '../../src/server/stop-signal'
import { createUndiciSender, isUndiciModule, resolveUndici } from '../../src/server/undici-sender'
import { closeServer, listen } from './proxy-stack'

// The fast path's two upstream clients (undici's Pool when the app has undici 7+, node:http's
// keep-alive agents otherwise) against a real upstream on 127.0.0.1: the same reply, the same
// limits, the same stops. The proxy's rules sit above them (node-fast-path.test.ts).

const node = nodeBuiltins() as NodeBuiltins
const MAX = 64 * 1024

interface Upstream {
  readonly url: string
  readonly server: Server
  /** Each request as the upstream saw it. */
  readonly seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[]
  /** Connections opened, and those closed, so far. */
  readonly sockets: { opened: number; closed: number; open: number; peak: number }
  /** Requests whose connection closed before the upstream answered. */
  readonly cutOff: string[]
}

async function startUpstream(): Promise<Upstream> {
  const seen: Upstream['seen'] = []
  const sockets = { opened: 0, closed: 0, open: 0, peak: 0 }
  const cutOff: string[] = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = req.url ?? '/'
      seen.push({ method: req.method ?? '', url, headers: req.headers, body: Buffer.concat(chunks).toString() })
      const reply = (status: number, headers: Record<string, string | string[]>, body: string | Buffer) => {
        res.writeHead(status, headers)
        res.end(body)
      }
      if (url === '/json') return reply(200, { 'content-type': 'application/json', 'x-many': ['a', 'b'] }, '{"ok":true}')
      if (url === '/big') return reply(200, { 'content-type': 'application/json' }, `{"pad":"${'x'.repeat(MAX * 4)}"}`)
      if (url === '/gzip') return reply(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync('{"zipped":true}'))
      if (url === '/gzip-bomb') return reply(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(Buffer.alloc(MAX * 8, 0x20)))
      if (url === '/bad-gzip') return reply(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'not gzip at all')
      if (url === '/redirect') return reply(302, { location: 'http://attacker.invalid/' }, '')
      if (url === '/echo') return reply(201, { 'content-type': 'application/json' }, JSON.stringify({ got: Buffer.concat(chunks).toString() }))
      if (url === '/slow') {
        // Never answers: only the caller's stop ends it; the upstream sees its connection close.
        res.on('close', () => {
          if (!res.writableFinished) cutOff.push(url)
        })
        return
      }
      if (url.startsWith('/wait')) return setTimeout(() => reply(200, { 'content-type': 'application/json' }, '{"waited":true}'), 30)
      reply(404, { 'content-type': 'text/plain' }, 'no such path')
    })
  })
  server.on('connection', (socket: Socket) => {
    sockets.opened++
    sockets.open++
    sockets.peak = Math.max(sockets.peak, sockets.open)
    socket.on('close', () => {
      sockets.closed++
      sockets.open--
    })
  })
  const url = await listen(server)
  return { url, server, seen, sockets, cutOff }
}

const call = (baseUrl: string, path: string, extra: Partial<NodeUpstreamCall> = {}): NodeUpstreamCall => ({
  baseUrl,
  path,
  method: 'GET',
  headers: { accept: 'application/json', 'x-api-key': 'sk-test' },
  body: undefined,
  maxBytes: MAX,
  ...extra,
})

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

/** Wait (bounded) until `check` holds. */
async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10))
}

const SENDERS: readonly [string, (connections: number) => NodeSender][] = [
  ['undici', (connections) => createUndiciSender(undici, node, connections)],
  ['node:http', (connections) => createNodeSender(node, connections)],
]

describe.each(SENDERS)('the %s sender', (_name, make) => {
  let upstream: Upstream
  let send: NodeSender
  beforeAll(async () => {
    upstream = await startUpstream()
    send = make(4)
  })
  afterAll(() => closeServer(upstream.server))

  it('reads a reply whole: status, headers (repeated ones joined), body; sends the headers given', async () => {
    const reply = await send(call(upstream.url, '/json'))(new StopSignal())
    expect(reply.status).toBe(200)
    expect(reply.truncated).toBe(false)
    expect(text(reply.bytes)).toBe('{"ok":true}')
    expect(reply.headers.get('content-type')).toBe('application/json')
    expect(reply.headers.get('x-many')).toBe('a, b')
    expect(reply.headers.get('x-absent')).toBeNull()
    const request = upstream.seen.at(-1)
    expect(request?.headers['x-api-key']).toBe('sk-test')
    expect(request?.headers.accept).toBe('application/json')
  })

  it('sends a body with its length, under the base URL path', async () => {
    const body = JSON.stringify({ prompt: 'a calm lake, ünïcode' })
    const reply = await send(call(`${upstream.url}/`, '/echo', { method: 'POST', body, headers: { 'content-type': 'application/json' } }))(new StopSignal())
    expect(reply.status).toBe(201)
    expect(JSON.parse(text(reply.bytes))).toEqual({ got: body })
    const request = upstream.seen.at(-1)
    expect(request?.method).toBe('POST')
    expect(request?.headers['content-length']).toBe(String(Buffer.byteLength(body)))
  })

  it('cuts a reply off at the size limit, marks it truncated, and closes that connection', async () => {
    const closedBefore = upstream.sockets.closed
    const reply = await send(call(upstream.url, '/big'))(new StopSignal())
    expect(reply.truncated).toBe(true)
    expect(reply.bytes.byteLength).toBe(MAX)
    await until(() => upstream.sockets.closed > closedBefore)
    expect(upstream.sockets.closed).toBeGreaterThan(closedBefore)
  })

  it('decodes a gzip reply, bounded by the same limit; an undecodable one is an error', async () => {
    expect(text((await send(call(upstream.url, '/gzip'))(new StopSignal())).bytes)).toBe('{"zipped":true}')
    // A small gzip body that decodes far past the limit is refused, not inflated into memory.
    await expect(send(call(upstream.url, '/gzip-bomb'))(new StopSignal())).rejects.toThrow()
    await expect(send(call(upstream.url, '/bad-gzip'))(new StopSignal())).rejects.toThrow(/undecodable/)
  })

  it('never follows a redirect: the 302 itself is the reply', async () => {
    const count = upstream.seen.length
    const reply = await send(call(upstream.url, '/redirect'))(new StopSignal())
    expect(reply.status).toBe(302)
    expect(reply.headers.get('location')).toBe('http://attacker.invalid/')
    expect(upstream.seen.length).toBe(count + 1)
  })

  it('stops a call when its signal stops: the promise rejects and the upstream sees its connection close', async () => {
    const stop = new StopSignal()
    const pending = send(call(upstream.url, '/slow'))(stop)
    await until(() => upstream.seen.some((request) => request.url === '/slow'))
    stop.abort()
    await expect(pending).rejects.toThrow()
    await until(() => upstream.cutOff.length > 0)
    expect(upstream.cutOff).toEqual(['/slow'])
  })

  it('sends nothing for a call stopped before it starts', async () => {
    const stop = new StopSignal()
    stop.abort()
    const count = upstream.seen.length
    await expect(send(call(upstream.url, '/json'))(stop)).rejects.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(upstream.seen.length).toBe(count)
  })

  it('stops a call still waiting for a connection: it rejects and never reaches the upstream', async () => {
    const fresh = await startUpstream()
    try {
      const single = make(1)
      const holding = new StopSignal()
      const first = single(call(fresh.url, '/slow'))(holding)
      await until(() => fresh.seen.length === 1)
      const queued = new StopSignal()
      const second = single(call(fresh.url, '/json'))(queued)
      queued.abort()
      await expect(second).rejects.toThrow()
      holding.abort()
      await expect(first).rejects.toThrow()
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(fresh.seen.map((request) => request.url)).toEqual(['/slow'])
    } finally {
      await closeServer(fresh.server)
    }
  })

  it('keeps connections alive and opens at most its limit for many calls at once', async () => {
    const fresh = await startUpstream()
    try {
      const limited = make(3)
      const replies = await Promise.all(Array.from({ length: 24 }, (_, i) => limited(call(fresh.url, `/wait/${i}`))(new StopSignal())))
      expect(replies.every((reply) => reply.status === 200)).toBe(true)
      expect(fresh.sockets.peak).toBeLessThanOrEqual(3)
      expect(fresh.sockets.opened).toBeLessThanOrEqual(3)
    } finally {
      await closeServer(fresh.server)
    }
  })
})

describe('which undici the fast path takes', () => {
  it("resolves the app's own undici 7 when it is installed", () => {
    expect(resolveUndici(node)).toBe(undici.default ?? undici)
  })

  it('takes undici 7 or later only: a module without its handler API is not used', () => {
    expect(isUndiciModule(undici)).toBe(true)
    expect(isUndiciModule({ Pool: class {} })).toBe(false)
    expect(isUndiciModule(null)).toBe(false)
  })
})
