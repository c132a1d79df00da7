import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

/** Build Storybook into `dir` (under the ignored .tmp), as `npm run build:storybook` does. */
export function buildStorybook(dir = join(root, '.tmp', 'storybook-static')): string {
  const result = spawnSync('npx', ['storybook', 'build', '--quiet', '--output-dir', dir], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`storybook build failed (${result.status ?? result.signal})`)
  return dir
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.mp4': 'video/mp4',
}

/** A built Storybook served on 127.0.0.1 at a free port, until `close()`. */
export interface StaticServer {
  readonly url: string
  close(): Promise<void>
}

/** Serve the files of `dir` (GET and HEAD only, nothing outside it) on 127.0.0.1, port 0. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path))
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
    response.end(request.method === 'HEAD' ? undefined : readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
