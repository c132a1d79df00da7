// Proxy child of the proxy benchmark: one server in front of one upstream, on 127.0.0.1 port 0.
//   node --import tsx bench/proxy/server.ts <variant> <upstream origin> [--log]
// Variants (see PROXY_VARIANTS):
//   node-undici         node:http server + undici 7 Pool (keep-alive): forwards the path, adds the key
//   node-agent          node:http server + http.Agent({ keepAlive: true }): the same, Node's own client
//   fetch-hono          a Fetch-API handler `(Request) => fetch(upstream)` on @hono/node-server's adapter
//   fetch-node-handler  the same handler through ltx-react's toNodeHandler (the adapter's own cost)
//   fal-express         @fal-ai/server-proxy 1.2.1's Express 4 handler, as its README mounts it
//   ltx-node-handler    ltx-react's createLtxProxy through toNodeHandler
//   ltx-fetch-hono      ltx-react's createLtxProxy (its Fetch-API handler) on @hono/node-server's adapter
// The forwarders do the least a key-holding proxy can: map /api/ltx/segmind/* and /api/ltx/apixo/*
// to the upstream path, add the provider's key header, pass the status and content type back.
// They read each body whole, as ltx-react's proxy does. --log counts the ltx proxy's log entries.
import { getRequestListener } from '@hono/node-server'
import { createHandler as createFalHandler } from '@fal-ai/server-proxy/express'
import express from 'express'
import { subscribe } from 'node:diagnostics_channel'
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { Pool } from 'undici'
import type { ProxyLogEntry } from '../../src/server'
import { runChild, type ChildCounters } from './child'
import { BASE_PATH, BENCH_KEYS, FAL_ROUTE, PROXY_VARIANTS, type ProxyVariant } from './protocol'

// ltx-react as an app runs it: the built package (bench/proxy.ts builds it when it is stale), not
// the sources through tsx, whose transform adds work to every closure (esbuild's keepNames).
const { createLtxProxy, toNodeHandler } = (await import(new URL('../../dist/server.js', import.meta.url).href)) as typeof import('../../src/server')

const [variantArg, upstreamArg, ...flags] = process.argv.slice(2)
const variant = variantArg as ProxyVariant
if (!(PROXY_VARIANTS as readonly string[]).includes(variant) || upstreamArg === undefined) {
  console.error(`usage: bench/proxy/server.ts <${PROXY_VARIANTS.join(' | ')}> <upstream origin> [--log]`)
  process.exit(2)
}
const upstream = new URL(upstreamArg)
const origin = upstream.origin
const counters: ChildCounters = { reasons: {} }

/** Where a forwarder sends a request path (with its query), and the key header it adds. */
function forwardTarget(path: string): { readonly path: string; readonly header: readonly [string, string] } | undefined {
  const segmind = `${BASE_PATH}/segmind/`
  const apixo = `${BASE_PATH}/apixo/`
  if (path.startsWith(segmind)) return { path: path.slice(segmind.length - 1), header: ['x-api-key', BENCH_KEYS.segmind] }
  if (path.startsWith(apixo)) return { path: path.slice(apixo.length - 1), header: ['authorization', `Bearer ${BENCH_KEYS.apixo}`] }
  return undefined
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)))
    stream.on('error', reject)
  })
}

function fail(res: ServerResponse, status: number): void {
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' })
  res.end('{"error":"forwarder"}')
}

function undiciForwarder(): Server {
  // Bounded, like any production pool; far above the benchmark's 16 in flight.
  const pool = new Pool(origin, { connections: 256 })
  return createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const target = forwardTarget(req.url ?? '/')
    if (target === undefined) return fail(res, 404)
    const headers: Record<string, string> = { [target.header[0]]: target.header[1] }
    const type = req.headers['content-type']
    if (type !== undefined) headers['content-type'] = type
    const send = async () => {
      const body = req.method === 'POST' ? await readAll(req) : null
      const reply = await pool.request({ origin, path: target.path, method: req.method === 'POST' ? 'POST' : 'GET', headers, body })
      const bytes = Buffer.from(await reply.body.arrayBuffer())
      res.writeHead(reply.statusCode, { 'content-type': String(reply.headers['content-type'] ?? 'application/json') })
      res.end(bytes)
    }
    send().catch(() => fail(res, 502))
  })
}

function agentForwarder(): Server {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 })
  return createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const target = forwardTarget(req.url ?? '/')
    if (target === undefined) return fail(res, 404)
    const headers: Record<string, string> = { [target.header[0]]: target.header[1] }
    const type = req.headers['content-type']
    if (type !== undefined) headers['content-type'] = type
    const send = (body: Buffer | undefined) => {
      const out = httpRequest({ host: upstream.hostname, port: upstream.port, path: target.path, method: req.method, headers, agent }, (reply) => {
        readAll(reply).then((bytes) => {
          res.writeHead(reply.statusCode ?? 502, { 'content-type': reply.headers['content-type'] ?? 'application/json' })
          res.end(bytes)
        }, () => fail(res, 502))
      })
      out.on('error', () => fail(res, 502))
      out.end(body)
    }
    if (req.method === 'POST') readAll(req).then(send, () => fail(res, 400))
    else {
      req.resume()
      send(undefined)
    }
  })
}

/** The least a Fetch-API forwarder does: the same mapping, with the global fetch. */
async function fetchForwarder(request: Request): Promise<Response> {
  const url = new URL(request.url)
  const target = forwardTarget(`${url.pathname}${url.search}`)
  if (target === undefined) return new Response('{"error":"forwarder"}', { status: 404 })
  const headers: Record<string, string> = { [target.header[0]]: target.header[1] }
  const type = request.headers.get('content-type')
  if (type !== null) headers['content-type'] = type
  const init: RequestInit = { method: request.method, headers }
  if (request.method === 'POST') init.body = await request.arrayBuffer()
  const reply = await fetch(`${origin}${target.path}`, init)
  return new Response(await reply.arrayBuffer(), {
    status: reply.status,
    headers: { 'content-type': reply.headers.get('content-type') ?? 'application/json' },
  })
}

const count = (key: string) => {
  counters.reasons[key] = (counters.reasons[key] ?? 0) + 1
}

/**
 * With --log (the burst's child only): the proxy's log entries by status and reason, the
 * upstream connections its fetch opened and failed to open (undici's diagnostics channels, which
 * Node's own fetch publishes), and why an upstream fetch failed.
 */
function ltxProxy(): (request: Request) => Promise<Response> {
  if (!flags.includes('--log')) {
    return createLtxProxy({
      authorize: 'anyone',
      segmind: { apiKey: BENCH_KEYS.segmind, baseUrl: origin },
      apixo: { apiKey: BENCH_KEYS.apixo, baseUrl: origin },
    })
  }
  subscribe('undici:client:connected', () => count('upstream connection opened'))
  subscribe('undici:client:connectError', (message) => {
    const error = (message as { error?: { code?: string; name?: string } }).error
    count(`upstream connect error ${error?.code ?? error?.name ?? '?'}`)
  })
  return createLtxProxy({
    authorize: 'anyone',
    segmind: { apiKey: BENCH_KEYS.segmind, baseUrl: origin },
    apixo: { apiKey: BENCH_KEYS.apixo, baseUrl: origin },
    log: (entry: ProxyLogEntry) => count(`${entry.status} ${entry.reason ?? `upstream ${entry.upstreamStatus ?? '-'}`}`),
    fetch: (input, init) =>
      globalThis.fetch(input, init).catch((error: unknown) => {
        const cause = (error as { cause?: { code?: string; name?: string } } | null)?.cause
        count(`upstream fetch failed: ${cause?.code ?? cause?.name ?? (error instanceof Error ? error.name : '?')}`)
        throw error
      }),
  })
}

function falProxy(): Server {
  const app = express()
  // As @fal-ai/server-proxy's README mounts it: a JSON body parser, then the handler.
  app.use(express.json())
  app.all(
    FAL_ROUTE,
    createFalHandler({
      // The target is this run's upstream, named by the client in x-fal-target-url.
      allowedUrlPatterns: [`${upstream.host}/**`],
      allowedEndpoints: ['**'],
      allowUnauthorizedRequests: true,
      isAuthenticated: async () => true,
      resolveFalAuth: async () => `Key ${BENCH_KEYS.segmind}`,
    }),
  )
  const server = createServer({ keepAliveTimeout: 60_000 }, app)
  return server
}

function nodeServer(listener: (req: IncomingMessage, res: ServerResponse) => void): Server {
  return createServer({ keepAliveTimeout: 60_000 }, listener)
}

function build(): Server {
  switch (variant) {
    case 'node-undici':
      return undiciForwarder()
    case 'node-agent':
      return agentForwarder()
    case 'fetch-hono':
      return nodeServer(getRequestListener(fetchForwarder))
    case 'fetch-node-handler':
      return nodeServer(toNodeHandler(fetchForwarder))
    case 'fal-express':
      return falProxy()
    case 'ltx-node-handler':
      return nodeServer(toNodeHandler(ltxProxy()))
    case 'ltx-fetch-hono':
      return nodeServer(getRequestListener(ltxProxy()))
    default:
      variant satisfies never
      throw new Error('unreachable')
  }
}

runChild(build(), counters)
