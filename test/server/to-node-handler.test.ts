import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { toNodeHandler, type FetchHandler } from '../../src/server/to-node-handler'
import { closeServer, listen } from './proxy-stack'

// toNodeHandler turns any Fetch-API handler into a Node/Express listener: the request arrives
// whole (method, URL, headers, streamed body), the reply goes out whole, a gone client aborts.

async function serve(handler: FetchHandler, wrap?: (listener: ReturnType<typeof toNodeHandler>) => (req: IncomingMessage, res: ServerResponse) => void) {
  const listener = toNodeHandler(handler)
  const server = createServer(wrap === undefined ? listener : wrap(listener))
  return { url: await listen(server), close: () => closeServer(server) }
}

describe('toNodeHandler', () => {
  it('hands over method, absolute URL, headers and body, and writes status, headers and body back', async () => {
    const app = await serve(async (request) =>
      Response.json(
        { method: request.method, url: request.url, header: request.headers.get('x-demo'), body: await request.text() },
        { status: 201, headers: { 'x-reply': 'yes' } },
      ),
    )
    try {
      const response = await fetch(`${app.url}/api/ltx/thing?x=1`, { method: 'POST', headers: { 'x-demo': 'hello' }, body: 'payload' })
      expect(response.status).toBe(201)
      expect(response.headers.get('x-reply')).toBe('yes')
      expect(await response.json()).toEqual({ method: 'POST', url: `${app.url}/api/ltx/thing?x=1`, header: 'hello', body: 'payload' })
    } finally {
      await app.close()
    }
  })

  it('under Express, keeps the mount path (originalUrl) and a body a parser already read', async () => {
    const app = await serve(
      async (request) => Response.json({ path: new URL(request.url).pathname, body: await request.json() }),
      (listener) => (req, res) => {
        // What app.use('/api/ltx', express.json(), listener) leaves behind.
        let raw = ''
        req.on('data', (chunk: Buffer) => (raw += chunk.toString()))
        req.on('end', () => {
          Object.assign(req, { originalUrl: req.url, url: '/segmind/v2/ltx-video', body: JSON.parse(raw) as unknown })
          listener(req, res)
        })
      },
    )
    try {
      const response = await fetch(`${app.url}/api/ltx/segmind/v2/ltx-video`, { method: 'POST', body: '{"prompt":"a"}' })
      expect(await response.json()).toEqual({ path: '/api/ltx/segmind/v2/ltx-video', body: { prompt: 'a' } })
    } finally {
      await app.close()
    }
  })

  it('aborts the request signal when the client goes away', async () => {
    let aborted: () => void = () => undefined
    const sawAbort = new Promise<void>((resolve) => (aborted = resolve))
    const app = await serve(
      (request) =>
        new Promise<Response>((resolve) => {
          request.signal.addEventListener('abort', () => {
            aborted()
            resolve(new Response(null, { status: 499 }))
          })
        }),
    )
    try {
      const { hostname, port } = new URL(app.url)
      const req = httpRequest({ host: hostname, port, path: '/' })
      req.on('error', () => undefined)
      req.end()
      await new Promise((resolve) => setTimeout(resolve, 50))
      req.destroy()
      await sawAbort
    } finally {
      await app.close()
    }
  })

  it('a handler that throws answers 500 without detail', async () => {
    const app = await serve(async () => {
      throw new Error('secret internals')
    })
    try {
      const response = await fetch(app.url)
      expect(response.status).toBe(500)
      expect(await response.text()).toBe('{"error":"Internal server error"}')
    } finally {
      await app.close()
    }
  })
})
