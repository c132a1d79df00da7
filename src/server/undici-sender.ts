import type { IncomingHttpHeaders } from 'node:http'
import type { NodeSender } from './node-forward'
import { decodeReply, headerGetter, IDLE_SOCKET_MS } from './node-forward'
import type { NodeBuiltins } from './node-builtins'
import type { UpstreamReply } from './rewrite-upstream-reply'
import { concatBytes } from './read-limited-body'

/** What the sender needs of undici's request controller (undici 7's handler API). */
interface DispatchController {
  abort(reason: Error): void
}

/** undici 7's Dispatcher handler, as far as the sender uses it. */
interface DispatchHandler {
  onRequestStart(controller: DispatchController, context: unknown): void
  onResponseStart(controller: DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void
  onResponseData(controller: DispatchController, chunk: Uint8Array): void
  onResponseEnd(controller: DispatchController, trailers: unknown): void
  onResponseError(controller: DispatchController, error: Error): void
}

interface DispatchOptions {
  readonly origin: string
  readonly path: string
  readonly method: 'GET' | 'POST'
  readonly headers: Record<string, string>
  readonly body?: string
}

/**
 * The `undici` package (7 or later), as `await import('undici')` gives it. The fast path uses its
 * `Pool`, one per upstream origin, and `dispatch` with a handler of undici 7's API.
 */
export interface UndiciModule {
  readonly Pool: abstract new (...args: never[]) => unknown
  readonly cacheStores: object
}

/** What the sender calls of undici's Pool. */
type UndiciPool = new (
  origin: string,
  options: { readonly connections: number; readonly keepAliveTimeout: number; readonly keepAliveMaxTimeout: number },
) => { dispatch(options: DispatchOptions, handler: DispatchHandler): boolean }

/**
 * True for undici 7 or later, whose `dispatch` takes the handler API the sender uses (6 calls
 * other methods). `cacheStores` arrived with 7.0; a module without it is not used.
 */
export function isUndiciModule(value: unknown): value is UndiciModule {
  const found = value as { Pool?: unknown; cacheStores?: unknown } | null
  return typeof found?.Pool === 'function' && typeof found.cacheStores === 'object' && found.cacheStores !== null
}

/**
 * The app's own `undici` (an optional peer dependency), resolved from where ltx-react is
 * installed, or undefined: not installed, older than 7, or not resolvable (a bundled server);
 * the fast path then sends with node:http.
 */
export function resolveUndici(node: NodeBuiltins): UndiciModule | undefined {
  try {
    const found: unknown = node.module.createRequire(import.meta.url)('undici')
    return isUndiciModule(found) ? found : undefined
  } catch {
    return undefined
  }
}

// IDLE_SOCKET_MS as for node:http's agent; undici also honours a shorter Keep-Alive hint, less a threshold.

/**
 * The fast path's sender on undici (the HTTP client inside Node's own fetch, when the app has
 * the package): one keep-alive Pool per upstream origin with at most `connections` connections,
 * requests dispatched with a plain handler (no body stream, no Response). As the node:http
 * sender: no redirect followed, no retry, the reply read up to `maxBytes` (a longer one cut off
 * and marked truncated), and the body decoded when the upstream coded it anyway.
 */
export function createUndiciSender(undici: UndiciModule, node: NodeBuiltins, connections: number): NodeSender {
  const Pool = undici.Pool as unknown as UndiciPool
  const pools = new Map<string, InstanceType<UndiciPool>>()
  const origins = new Map<string, { readonly origin: string; readonly prefix: string }>()
  const originOf = (baseUrl: string) => {
    let found = origins.get(baseUrl)
    if (found === undefined) {
      const url = new URL(baseUrl)
      found = { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') }
      origins.set(baseUrl, found)
    }
    return found
  }
  const poolOf = (origin: string) => {
    let pool = pools.get(origin)
    if (pool === undefined) {
      pool = new Pool(origin, { connections, keepAliveTimeout: IDLE_SOCKET_MS, keepAliveMaxTimeout: IDLE_SOCKET_MS })
      pools.set(origin, pool)
    }
    return pool
  }

  return (call) => (signal) =>
    new Promise<UpstreamReply>((resolve, reject) => {
      if (signal.aborted) return reject(new Error('aborted'))
      const { origin, prefix } = originOf(call.baseUrl)
      const chunks: Uint8Array[] = []
      let total = 0
      let status = 502
      let headers: IncomingHttpHeaders = {}
      let controller: DispatchController | undefined
      let stopped: Error | undefined
      let settled = false
      const onAbort = () => {
        stopped = new Error('aborted')
        if (controller !== undefined) return controller.abort(stopped)
        // Still waiting for a connection: rejected now; the pool drops it unsent when its turn comes.
        settle()
        reject(stopped)
      }
      const settle = () => {
        settled = true
        signal.removeEventListener('abort', onAbort)
      }
      const finish = (truncated: boolean) => {
        const bytes = concatBytes(chunks, Math.min(total, call.maxBytes))
        const decoded = truncated ? { bytes, truncated } : decodeReply(node, headers['content-encoding'], bytes, call.maxBytes)
        settle()
        if (decoded === undefined) return reject(new Error('undecodable upstream reply'))
        resolve({ status, headers: headerGetter(headers), ...decoded })
      }
      signal.addEventListener('abort', onAbort, { once: true })
      const options: DispatchOptions = { origin, path: `${prefix}${call.path}`, method: call.method, headers: call.headers }
      if (call.body !== undefined) (options as { body?: string }).body = call.body
      poolOf(origin).dispatch(options, {
        onRequestStart(c) {
          controller = c
          if (stopped !== undefined) c.abort(stopped)
        },
        onResponseStart(_c, statusCode, replyHeaders) {
          status = statusCode
          headers = replyHeaders
        },
        onResponseData(c, chunk) {
          if (settled) return
          chunks.push(chunk)
          total += chunk.byteLength
          if (total > call.maxBytes) {
            finish(true)
            c.abort(new Error('upstream reply too large'))
          }
        },
        onResponseEnd() {
          if (!settled) finish(false)
        },
        onResponseError(_c, error) {
          if (settled) return
          settle()
          reject(error)
        },
      })
    })
}
