import { createServer, type Server } from 'node:http'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readLimitedBody, readRequestBody } from '../../src/server/read-limited-body'
import { getRequestListener } from '@hono/node-server'

// readLimitedBody reads a reply whole at once only when fetch itself bounds it (a received reply,
// a declared unencoded length within the limit); every other body is counted chunk by chunk.
// Real replies from a server on 127.0.0.1, and hostile ones built in code.

const LIMIT = 1000
let server: Server
let origin = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    const kind = req.url ?? '/'
    if (kind === '/small') return res.writeHead(200, { 'content-type': 'application/json', 'content-length': '13' }).end('{"ok":"yes"} ')
    if (kind === '/declared-big') return res.writeHead(200, { 'content-length': String(LIMIT * 3) }).end('x'.repeat(LIMIT * 3))
    if (kind === '/chunked-big') {
      res.writeHead(200)
      for (let i = 0; i < 6; i++) res.write('y'.repeat(LIMIT / 2))
      return res.end()
    }
    // A small encoded body that decodes far past the limit.
    const bomb = gzipSync(Buffer.alloc(LIMIT * 50, 'z'))
    return res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.byteLength) }).end(bomb)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('readLimitedBody', () => {
  it('reads a received reply of a declared length within the limit whole', async () => {
    const read = await readLimitedBody(await fetch(`${origin}/small`), LIMIT, { readPrefix: true })
    expect(read).toEqual({ ok: true, bytes: new TextEncoder().encode('{"ok":"yes"} ') })
  })

  it.each(['/declared-big', '/chunked-big', '/gzip'])('cuts %s off at the limit, keeping the first bytes', async (path) => {
    const read = await readLimitedBody(await fetch(`${origin}${path}`), LIMIT, { readPrefix: true })
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(read.prefix.byteLength).toBe(LIMIT)
  })

  it('does not trust a length declared on a body built in code', async () => {
    let pulled = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new Uint8Array(400))
      },
    })
    const lying = new Response(endless, { headers: { 'content-length': '10' } })
    const read = await readLimitedBody(lying, LIMIT, { readPrefix: true })
    expect(read.ok).toBe(false)
    // Read chunk by chunk and stopped just past the limit, not drained.
    expect(pulled).toBeLessThan(6)
  })

  it('refuses a request whose declared length is over the limit before reading it', async () => {
    const request = new Request('http://127.0.0.1/x', { method: 'POST', body: 'a'.repeat(LIMIT + 1), headers: { 'content-length': String(LIMIT + 1) } })
    expect(await readLimitedBody(request, LIMIT)).toEqual({ ok: false, reason: 'too-large', prefix: new Uint8Array(0) })
  })
})

describe('readRequestBody (a submit body)', () => {
  const post = (body: BodyInit, headers: Record<string, string>) => new Request('http://127.0.0.1/submit', { method: 'POST', body, headers, ...({ duplex: 'half' } as object) })

  it('reads a body of a declared length within the limit whole', async () => {
    const read = await readRequestBody(post('{"a":1}', { 'content-length': '7' }), 100)
    expect(read).toEqual({ ok: true, bytes: new TextEncoder().encode('{"a":1}') })
  })

  it('refuses a body built in code that is longer than the length it declares', async () => {
    const read = await readRequestBody(post('x'.repeat(500), { 'content-length': '5' }), 100)
    expect(read.ok).toBe(false)
  })

  it('counts an undeclared (streamed) body chunk by chunk and stops past the limit', async () => {
    let pulls = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++
        controller.enqueue(new Uint8Array(64))
        if (pulls > 1000) controller.close()
      },
    })
    const read = await readRequestBody(post(stream, {}), 200)
    expect(read.ok).toBe(false)
    expect(pulls).toBeLessThan(10)
  })

  it("reads a real upload on Hono's Node adapter whole, and refuses one over the limit unread", async () => {
    const results: string[] = []
    const server = createServer(
      getRequestListener(async (request) => {
        const read = await readRequestBody(request, 64)
        results.push(read.ok ? `ok ${read.bytes.byteLength}` : 'too-large')
        return new Response('done')
      }),
    )
    const origin = await new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)))
    try {
      await (await fetch(origin, { method: 'POST', body: '{"prompt":"a lake"}' })).text()
      await (await fetch(origin, { method: 'POST', body: 'y'.repeat(1000) })).text()
      expect(results).toEqual(['ok 19', 'too-large'])
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
