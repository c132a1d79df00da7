import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'

/** One request as it reached the network edge. */
export interface SeenRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Headers
  /** The body text, read from a clone so handlers can still read the original. */
  readonly body: Promise<string>
}

/** An msw server for one test file, plus a log of every request it saw (cleared after each test). */
export function useMswServer() {
  const server = setupServer()
  const seen: SeenRequest[] = []
  server.events.on('request:start', ({ request }) => {
    seen.push({ method: request.method, url: new URL(request.url), headers: request.headers, body: request.clone().text() })
  })
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    seen.length = 0
  })
  afterAll(() => server.close())
  /** Requests whose method and path match. */
  const requests = (method: string, pathname: string): SeenRequest[] =>
    seen.filter((r) => r.method === method && r.url.pathname === pathname)
  return { server, seen, requests }
}
