// The demo's server: the key-holding proxy (ltx-react/server) at /api/ltx, the simulator's real
// HTTP server as its upstream (or the real providers when their keys are set), and the client,
// through Vite's middleware in development or from examples/demo/dist in production.
//
//   npm run demo                        dev: Vite middleware, hot reload
//   npm run demo -- --prod              prod: the prebuilt client (vite build --config examples/demo/vite.config.ts)
//   SEGMIND_API_KEY=… npm run demo      real Segmind; APIXO_API_KEY + APIXO_BASE_URL for real APIXO
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { SimulatorOptions, Simulator } from 'ltx-react/testing'

// The server side loads the BUILT package too (dist/server.js, dist/testing.js), as an app that
// installed ltx-react would; the types come from the same public entry points.
type ServerEntry = typeof import('ltx-react/server')
type TestingEntry = typeof import('ltx-react/testing')

const here = fileURLToPath(new URL('.', import.meta.url))
const root = resolve(here, '..', '..')
const packageDist = join(root, 'dist')
const clientDist = join(here, 'dist')

/** Where each provider's requests go; never the key itself. */
export type UpstreamKind = 'simulator' | 'live'

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  /** Port on 127.0.0.1; 0 for any free port. Default `PORT` from the environment, else 5173. */
  readonly port?: number
  /** `dev` serves the client through Vite's middleware; `prod` serves examples/demo/dist. Default `dev`. */
  readonly mode?: 'dev' | 'prod'
  /** Where keys are read from; default `process.env`. Pass `{}` to force the simulator. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Options of the simulator used for providers without a key (speed, scripted jobs…). */
  readonly simulatorOptions?: SimulatorOptions
  /** Print a line per proxied request and the upstreams at start (default false). */
  readonly verbose?: boolean
}

/** A running demo server. */
export interface DemoServer {
  /** e.g. `http://127.0.0.1:5173` */
  readonly url: string
  readonly mode: 'dev' | 'prod'
  readonly upstreams: { readonly segmind: UpstreamKind; readonly apixo: UpstreamKind }
  /** The simulator behind the simulated providers; undefined when both are live. */
  readonly simulator: Simulator | undefined
  close(): Promise<void>
}

async function loadEntry<T>(file: string): Promise<T> {
  const path = join(packageDist, file)
  if (!existsSync(path)) throw new Error(`ltx-react demo: ${path} is missing; run \`npm run build\` first.`)
  return (await import(pathToFileURL(path).href)) as T
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** Serve the prebuilt client: files under examples/demo/dist, index.html for any other GET. */
function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed')
    return
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request')
    return
  }
  let file = resolve(clientDist, `.${decoded}`)
  // Never outside the build folder, whatever the path says.
  const inside = file === clientDist || file.startsWith(clientDist + sep)
  if (!inside || !existsSync(file) || !statSync(file).isFile()) file = join(clientDist, 'index.html')
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
  const body = readFileSync(file)
  response.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'x-content-type-options': 'nosniff',
    // Vite fingerprints everything under assets/; index.html must always be fresh.
    'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  response.end(request.method === 'HEAD' ? undefined : body)
}

/**
 * Start the demo: the proxy at `/api/ltx` (simulator upstream unless `SEGMIND_API_KEY` /
 * `APIXO_API_KEY` are set), `/api/demo/config` (which upstreams are live, never a key) and the
 * client, on 127.0.0.1.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const env = options.env ?? process.env
  const mode = options.mode ?? 'dev'
  const port = options.port ?? Number(env.PORT ?? 5173)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`ltx-react demo: PORT must be a port number, got ${String(env.PORT)}.`)
  if (mode === 'prod' && !existsSync(join(clientDist, 'index.html'))) {
    throw new Error(
      `ltx-react demo: ${clientDist} is missing; run \`npm run build && npx vite build --config examples/demo/vite.config.ts\` first.`,
    )
  }

  const segmindKey = env.SEGMIND_API_KEY?.trim() ?? ''
  const apixoKey = env.APIXO_API_KEY?.trim() ?? ''
  const apixoBaseUrl = env.APIXO_BASE_URL?.trim() ?? ''
  if (apixoKey !== '' && apixoBaseUrl === '') {
    throw new Error('ltx-react demo: APIXO_API_KEY is set but APIXO_BASE_URL is not; give APIXO’s API host (https://…).')
  }
  const upstreams = {
    segmind: segmindKey === '' ? 'simulator' : 'live',
    apixo: apixoKey === '' ? 'simulator' : 'live',
  } as const satisfies DemoServer['upstreams']

  const { createLtxProxy, toNodeHandler } = await loadEntry<ServerEntry>('server.js')
  const needsSimulator = upstreams.segmind === 'simulator' || upstreams.apixo === 'simulator'
  const testing = needsSimulator ? await loadEntry<TestingEntry>('testing.js') : undefined
  const sim =
    testing === undefined
      ? undefined
      : await testing.startSimulatorServer({
          port: 0,
          host: '127.0.0.1',
          ...(options.simulatorOptions === undefined ? {} : { simulatorOptions: options.simulatorOptions }),
        })

  const cleanups: (() => Promise<void>)[] = []
  if (sim !== undefined) cleanups.push(() => sim.close())
  try {
    // A simulated provider: the simulator's own (public) keys, held by the proxy all the same.
    const simulated = (provider: 'segmind' | 'apixo') => {
      if (sim === undefined || testing === undefined) throw new Error('ltx-react demo: the simulator did not start.')
      return { apiKey: testing.SIMULATOR_KEYS[provider], baseUrl: sim.url }
    }
    const proxy = createLtxProxy({
      basePath: '/api/ltx',
      segmind: upstreams.segmind === 'live' ? { apiKey: segmindKey } : simulated('segmind'),
      apixo: upstreams.apixo === 'live' ? { apiKey: apixoKey, baseUrl: apixoBaseUrl } : simulated('apixo'),
      // The demo listens on 127.0.0.1 only, so only this machine's browser reaches it. A deployed
      // app must return its signed-in user here (see the README's proxy section).
      authorize: 'anyone',
      // The simulator serves its videos from 127.0.0.1, and a retake sends one back to it.
      allowLoopbackUrls: sim !== undefined,
      ...(options.verbose === true
        ? {
            log: (entry) =>
              console.log(`  ${entry.method} ${entry.route ?? '?'} ${entry.model ?? ''} → ${entry.status}${entry.reason === undefined ? '' : ` (${entry.reason})`}`),
          }
        : {}),
    })
    const proxyListener = toNodeHandler(proxy)
    const config = JSON.stringify({ upstreams })

    let vite: import('vite').ViteDevServer | undefined
    const server = createServer((request, response) => {
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname
      if (pathname === '/api/ltx' || pathname.startsWith('/api/ltx/')) {
        void proxyListener(request, response)
        return
      }
      if (pathname === '/api/demo/config') {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(config)
        return
      }
      if (pathname.startsWith('/api/')) {
        response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end('{"error":"Not found"}')
        return
      }
      if (vite !== undefined) {
        vite.middlewares(request, response)
        return
      }
      serveStatic(request, response, pathname)
    })

    if (mode === 'dev') {
      if (!existsSync(join(packageDist, 'index.js'))) throw new Error('ltx-react demo: dist/ is missing; run `npm run build` first.')
      const { createServer: createViteServer } = await import('vite')
      vite = await createViteServer({
        configFile: join(here, 'vite.config.ts'),
        appType: 'spa',
        server: { middlewareMode: true, hmr: { server } },
      })
      const devServer = vite
      cleanups.push(() => devServer.close())
    }

    await new Promise<void>((done, fail) => {
      server.once('error', fail)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', fail)
        done()
      })
    })
    cleanups.unshift(
      () =>
        new Promise<void>((done) => {
          server.close(() => done())
          server.closeAllConnections()
        }),
    )
    const address = server.address()
    const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : port}`
    let closing: Promise<void> | undefined
    return {
      url,
      mode,
      upstreams,
      simulator: sim?.simulator,
      close: () => (closing ??= runCleanups(cleanups)),
    }
  } catch (error) {
    await runCleanups(cleanups)
    throw error
  }
}

async function runCleanups(cleanups: readonly (() => Promise<void>)[]): Promise<void> {
  for (const cleanup of cleanups) await cleanup()
}

function isMainModule(): boolean {
  const entry = process.argv[1]
  if (entry === undefined) return false
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isMainModule()) {
  const mode = process.argv.includes('--prod') || process.env.DEMO_MODE === 'prod' ? 'prod' : 'dev'
  try {
    const demo = await startDemoServer({ mode, verbose: true })
    console.log(`ltx-react demo (${demo.mode}) on ${demo.url}`)
    console.log(`  upstreams: Segmind ${demo.upstreams.segmind}, APIXO ${demo.upstreams.apixo}`)
    const stop = () => {
      void demo.close().then(() => process.exit(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
