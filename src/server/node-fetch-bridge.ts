// Between Node's http objects and the Fetch API: what toNodeHandler builds a Request from and
// writes a Response with, shared with Node's fast path (which builds a Request only when the
// app's own code needs one, and writes the proxy's own answers with the same writer).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'

// Hop-by-hop headers belong to one connection and must not be copied onto another.
export const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer'])

export function toHeaders(incoming: IncomingHttpHeaders): Headers {
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
export function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
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
export function preParsedBody(req: IncomingMessage): BodyInit | undefined {
  const parsed = (req as IncomingMessage & { body?: unknown }).body
  if (parsed === undefined || !req.readableEnded) return undefined
  if (typeof parsed === 'string') return parsed
  if (parsed instanceof Uint8Array) return new Uint8Array(parsed)
  return JSON.stringify(parsed)
}

export function requestUrl(req: IncomingMessage): URL {
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
export const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

export function toRequest(req: IncomingMessage, url: URL, method: string, signal: AbortSignal): Request {
  const init: RequestInit & { duplex?: 'half' } = { method, headers: toHeaders(req.headers), signal }
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = preParsedBody(req)
    init.body = parsed ?? bodyStream(req)
    if (parsed === undefined) init.duplex = 'half'
  }
  return new Request(url, init)
}

export async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
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
 * A request body as a web stream that touches the socket only when first read (no read ahead:
 * its queue holds nothing), for the Request the fast path gives the app's `authorize`: if the
 * app never reads it, the fast path reads the socket itself; `pulled.value` says whether it did.
 */
export function lazyBodyStream(req: IncomingMessage, pulled: { value: boolean }): ReadableStream<Uint8Array> {
  let inner: ReadableStreamDefaultReader<Uint8Array> | undefined
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (inner === undefined) {
          pulled.value = true
          inner = bodyStream(req).getReader()
        }
        const { done, value } = await inner.read()
        if (done) controller.close()
        else controller.enqueue(value)
      },
      async cancel(reason) {
        await inner?.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
