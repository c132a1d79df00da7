import type { Agent, IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { UpstreamSend } from './forward-upstream'
import type { NodeBuiltins } from './node-builtins'
import type { UpstreamReply } from './rewrite-upstream-reply'
import { concatBytes } from './read-limited-body'

/** Where a provider's base URL points, split once for node:http. */
interface UpstreamOrigin {
  readonly secure: boolean
  readonly hostname: string
  readonly port: string
  /** The base URL's path, without a trailing slash ('' at the root). */
  readonly prefix: string
}

/** One upstream request as the fast path sends it. */
export interface NodeUpstreamCall {
  readonly baseUrl: string
  readonly path: string
  readonly method: 'GET' | 'POST'
  readonly headers: Record<string, string>
  readonly body: string | undefined
  readonly maxBytes: number
}

/** Sends upstream requests with node:http / node:https over keep-alive agents. */
export type NodeSender = (call: NodeUpstreamCall) => UpstreamSend

// An idle pooled connection is closed after this, before a server's usual 5 s keep-alive
// timeout would close it under a request (a submit is never retried, so it must not meet one).
export const IDLE_SOCKET_MS = 4000

export function headerGetter(headers: IncomingHttpHeaders): Pick<Headers, 'get'> {
  return {
    get(name: string) {
      const value = headers[name.toLowerCase()]
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
    },
  }
}

/** A reply body in a content coding the fast path did not ask for, decoded within the same size bound. */
export function decodeReply(node: NodeBuiltins, coding: string | undefined, bytes: Uint8Array, maxBytes: number): { bytes: Uint8Array; truncated: boolean } | undefined {
  const name = (coding ?? '').trim().toLowerCase()
  if (name === '' || name === 'identity') return { bytes, truncated: false }
  const { zlib } = node
  const options = { maxOutputLength: maxBytes }
  try {
    if (name === 'gzip' || name === 'x-gzip') return { bytes: zlib.gunzipSync(bytes, options), truncated: false }
    if (name === 'deflate') return { bytes: zlib.inflateSync(bytes, options), truncated: false }
    if (name === 'br') return { bytes: zlib.brotliDecompressSync(bytes, options), truncated: false }
  } catch {
    return undefined
  }
  return undefined
}

/**
 * The fast path's way of sending: node:http(s) with one keep-alive Agent per scheme, at most
 * `maxSockets` connections per upstream host (the proxy's limiter bounds requests in flight to
 * the same number). Like the fetch path: no redirect is followed (node:http never does), the
 * reply is read up to `maxBytes` (a longer one is cut off, marked truncated, its connection
 * closed), and the body arrives decoded.
 */
export function createNodeSender(node: NodeBuiltins, maxSockets: number): NodeSender {
  const agents: Record<'http' | 'https', Agent> = {
    http: new node.http.Agent({ keepAlive: true, maxSockets, timeout: IDLE_SOCKET_MS }),
    https: new node.https.Agent({ keepAlive: true, maxSockets, timeout: IDLE_SOCKET_MS }),
  }
  const origins = new Map<string, UpstreamOrigin>()
  const originOf = (baseUrl: string): UpstreamOrigin => {
    let found = origins.get(baseUrl)
    if (found === undefined) {
      const url = new URL(baseUrl)
      found = { secure: url.protocol === 'https:', hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, prefix: url.pathname.replace(/\/+$/, '') }
      origins.set(baseUrl, found)
    }
    return found
  }

  return (call) => (signal) =>
    new Promise<UpstreamReply>((resolve, reject) => {
      let settle = () => {}
      const origin = originOf(call.baseUrl)
      const headers: Record<string, string | number> = { ...call.headers }
      if (call.body !== undefined) headers['content-length'] = Buffer.byteLength(call.body)
      const module = origin.secure ? node.https : node.http
      const request = module.request(
        {
          hostname: origin.hostname,
          port: origin.port === '' ? undefined : origin.port,
          path: `${origin.prefix}${call.path}`,
          method: call.method,
          headers,
          agent: origin.secure ? agents.https : agents.http,
        },
        (reply: IncomingMessage) => {
          const chunks: Uint8Array[] = []
          let total = 0
          const finish = (truncated: boolean) => {
            const bytes = concatBytes(chunks, Math.min(total, call.maxBytes))
            const decoded = truncated ? { bytes, truncated } : decodeReply(node, reply.headers['content-encoding'], bytes, call.maxBytes)
            settle()
            if (decoded === undefined) return reject(new Error('undecodable upstream reply'))
            resolve({ status: reply.statusCode ?? 502, headers: headerGetter(reply.headers), ...decoded })
          }
          reply.on('data', (chunk: Uint8Array) => {
            if (total > call.maxBytes) return
            chunks.push(chunk)
            total += chunk.byteLength
            if (total > call.maxBytes) {
              finish(true)
              reply.destroy()
            }
          })
          reply.on('end', () => {
            if (total <= call.maxBytes) finish(false)
          })
          reply.on('error', reject)
          reply.on('aborted', () => reject(new Error('upstream reply aborted')))
        },
      )
      // The call's signal (deadline, client gone) destroys the request; one listener, removed when
      // the call settles (cheaper than node:http's own `signal`, which watches the stream's end).
      // Rejected at once: a request still queued for a socket would only error once it got one.
      const onAbort = () => {
        const error = new Error('aborted')
        request.destroy(error)
        reject(error)
      }
      signal.addEventListener('abort', onAbort, { once: true })
      const done = () => signal.removeEventListener('abort', onAbort)
      settle = done
      request.on('error', (error) => {
        done()
        reject(error)
      })
      if (signal.aborted) onAbort()
      request.end(call.body)
    })
}
