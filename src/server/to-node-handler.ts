import type { IncomingMessage, ServerResponse } from 'node:http'
import { createNodeFastPath } from './node-fast-path'
import { FORBIDDEN_METHODS, requestUrl, toRequest, writeResponse } from './node-fetch-bridge'
import { REFUSE_METHOD, type RefuseMethod } from './refuse-method'
import { isUndiciModule, type UndiciModule } from './undici-sender'

/** A Fetch-API request handler, as `createLtxProxy` returns. */
export type FetchHandler = (request: Request) => Promise<Response>

/** A Node `http` / Express request listener; `next` receives errors when mounted in Express. */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void

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

/** Options of {@link toNodeHandler}. */
export interface ToNodeHandlerOptions {
  /**
   * Serve a `createLtxProxy` proxy's status, result and submit requests on Node's fast path
   * (straight from Node's request to its response, upstream with undici or node:http; same rules, same
   * replies and log entries). Default true; `false` (or `LTX_PROXY_NODE_FAST_PATH=0` in the
   * environment) sends every request through the Fetch handler, e.g. to debug one or the other.
   */
  readonly fastPath?: boolean
  /**
   * The fast path's upstream client. By default it is the app's own `undici` package (7 or
   * later, an optional peer dependency: `npm install undici`) when ltx-react can resolve it, and
   * node:http's keep-alive agents otherwise. Pass the module (`await import('undici')`) where it
   * cannot be resolved at run time (a bundled server), or `false` for node:http.
   */
  readonly undici?: UndiciModule | false
}

function fastPathWanted(options: ToNodeHandlerOptions): boolean {
  if (options.fastPath !== undefined) return options.fastPath
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.LTX_PROXY_NODE_FAST_PATH
  return env !== '0' && env !== 'false' && env !== 'off'
}

function serveError(res: ServerResponse, next: ((error?: unknown) => void) | undefined, error: unknown): void {
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
}

/**
 * Serve a Fetch-API handler from Node's `http` server or Express: `http.createServer(toNodeHandler(proxy))`
 * or `app.use('/api/ltx', toNodeHandler(proxy))`. Mount it before any body parser. TRACE and
 * TRACK, which a Fetch Request cannot carry, get the proxy's 405/404 without reaching the
 * handler; CONNECT never arrives here (Node's server closes such a connection unless it
 * listens for `connect`). A proxy from `createLtxProxy` has its hot routes served on Node's fast
 * path (see {@link ToNodeHandlerOptions.fastPath}); every other request, and every request of
 * any other handler, goes through the Fetch API.
 */
export function toNodeHandler(handler: FetchHandler, options: ToNodeHandlerOptions = {}): NodeRequestListener {
  if (options.undici !== undefined && options.undici !== false && !isUndiciModule(options.undici)) {
    throw new TypeError('toNodeHandler: `undici` must be the undici module, version 7 or later (`await import("undici")`), or false.')
  }
  const fast = fastPathWanted(options) ? createNodeFastPath(handler, { undici: options.undici }) : undefined
  return (req, res, next) => {
    const served = fast?.(req, res)
    if (served !== undefined) {
      served.catch((error: unknown) => serveError(res, next, error))
      return
    }
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
    run().catch((error: unknown) => serveError(res, next, error))
  }
}
