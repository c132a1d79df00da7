import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { REFUSE_METHOD, type RefuseMethod } from './refuse-method'

/** A Fetch-API request handler, as `createLtxProxy` returns. */
export type FetchHandler = (request: Request) => Promise<Response>

/** A Node `http` / Express request listener; `next` receives errors when mounted in Express. */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void

// Hop-by-hop headers belong to one connection and must not be copied onto another.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer'])

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming)) {
    // HTTP/2 pseudo-headers (:path, :method) are not headers a Fetch Request may carry.
    if (value === undefined || name.startsWith(':') || HOP_BY_HOP.has(name)) continue
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else headers.set(name, value)
  }
  return headers
}

/**
 * The request body as a web stream that reads from the socket only when pulled, so a handler
 * that stops reading (a 413) stops the upload instead of buffering it.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause()
      req.on('data', (chunk: Buffer) => {
        if (finished) return
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
        if ((controller.desiredSize ?? 0) <= 0) req.pause()
      })
      req.on('end', () => {
        if (finished) return
        finished = true
        controller.close()
      })
      req.on('error', (error) => {
        if (finished) return
        finished = true
        controller.error(error)
      })
      req.on('close', () => {
        if (finished) return
        finished = true
        controller.error(new Error('The client closed the connection before the body was complete.'))
      })
    },
    pull() {
      req.resume()
    },
    cancel() {
      finished = true
      req.pause()
    },
  })
}

/** Express's body parsers leave the parsed body on `req.body`; rebuild the bytes from it. */
function preParsedBody(req: IncomingMessage): BodyInit | undefined {
  const parsed = (req as IncomingMessage & { body?: unknown }).body
  if (parsed === undefined || !req.readableEnded) return undefined
  if (typeof parsed === 'string') return parsed
  if (parsed instanceof Uint8Array) return new Uint8Array(parsed)
  return JSON.stringify(parsed)
}

function requestUrl(req: IncomingMessage): URL {
  const encrypted = (req.socket as { encrypted?: boolean } | null)?.encrypted === true
  // Express strips its mount path from req.url; originalUrl keeps the path the client asked for.
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/'
  try {
    return new URL(path, `${encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`)
  } catch {
    return new URL(path.startsWith('/') ? path : '/', 'http://localhost')
  }
}

// Methods a Fetch Request cannot be built with (the Fetch standard forbids them).
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

function toRequest(req: IncomingMessage, url: URL, method: string, signal: AbortSignal): Request {
  const init: RequestInit & { duplex?: 'half' } = { method, headers: toHeaders(req.headers), signal }
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = preParsedBody(req)
    init.body = parsed ?? bodyStream(req)
    if (parsed === undefined) init.duplex = 'half'
  }
  return new Request(url, init)
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie' || HOP_BY_HOP.has(name)) continue
    res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  // A reply sent before the upload ended (a 413) closes the connection rather than reading the rest.
  if (!req.complete) res.setHeader('connection', 'close')
  const body = response.body
  if (body === null || req.method === 'HEAD') {
    await body?.cancel()
    res.end()
    return
  }
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (res.destroyed) {
        await reader.cancel()
        return
      }
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          res.once('drain', resolve)
          res.once('close', resolve)
        })
      }
    }
  } finally {
    reader.releaseLock()
  }
  res.end()
}

/**
 * A method no Fetch Request can carry: the proxy's own 405/404 (and its log entry) when the
 * handler is a proxy, else a plain 405; never an attempt to build the Request, which throws.
 */
async function refuse(handler: FetchHandler, method: string, url: URL): Promise<Response> {
  const own = (handler as { [REFUSE_METHOD]?: RefuseMethod })[REFUSE_METHOD]
  if (own !== undefined) return own(method, url.href)
  return new Response('{"error":"Method not allowed"}', {
    status: 405,
    headers: { allow: 'GET, HEAD, POST', 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
  })
}

/**
 * Serve a Fetch-API handler from Node's `http` server or Express: `http.createServer(toNodeHandler(proxy))`
 * or `app.use('/api/ltx', toNodeHandler(proxy))`. Mount it before any body parser. TRACE and
 * TRACK, which a Fetch Request cannot carry, get the proxy's 405/404 without reaching the
 * handler; CONNECT never arrives here (Node's server closes such a connection unless it
 * listens for `connect`).
 */
export function toNodeHandler(handler: FetchHandler): NodeRequestListener {
  return (req, res, next) => {
    const abort = new AbortController()
    // The client went away before the reply was written: let the handler stop its upstream call.
    res.on('close', () => {
      if (!res.writableFinished) abort.abort()
    })
    const run = async () => {
      const url = requestUrl(req)
      const method = (req.method ?? 'GET').toUpperCase()
      const response = FORBIDDEN_METHODS.has(method) ? await refuse(handler, method, url) : await handler(toRequest(req, url, method, abort.signal))
      await writeResponse(req, res, response)
    }
    run().catch((error: unknown) => {
      if (next !== undefined) return next(error)
      if (res.headersSent) {
        res.destroy()
        return
      }
      res.statusCode = 500
      res.setHeader('content-type', 'application/json; charset=utf-8')
      res.setHeader('x-content-type-options', 'nosniff')
      res.setHeader('cache-control', 'no-store')
      res.end(JSON.stringify({ error: 'Internal server error' }))
    })
  }
}
