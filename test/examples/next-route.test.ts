import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createSessionValue, SESSION_COOKIE } from '../../examples/next/app/session'

// The README's Next.js route (examples/next/app/api/ltx/[...path]/route.ts), as written: it
// signs users in by the session cookie the browser sends, and denies and validates before any
// upstream call. The upstream is a stub of fetch that counts the calls.
type Route = typeof import('../../examples/next/app/api/ltx/[...path]/route')
const upstream = vi.fn<typeof fetch>()

async function loadRoute(env: { SEGMIND_API_KEY?: string }): Promise<Route> {
  vi.resetModules()
  vi.stubEnv('SEGMIND_API_KEY', env.SEGMIND_API_KEY)
  vi.stubGlobal('fetch', upstream)
  return import('../../examples/next/app/api/ltx/[...path]/route')
}

let route: Route
let adaCookie: string

beforeAll(async () => {
  // One secret for the test's session helper and the route's own copy of it (a fresh module).
  vi.stubEnv('SESSION_SECRET', 'a test secret, never a real one, 32+ chars')
  route = await loadRoute({ SEGMIND_API_KEY: 'server-only-key' })
  adaCookie = `${SESSION_COOKIE}=${await createSessionValue('ada')}`
})
afterEach(() => upstream.mockReset())

const post = (path: string, body: unknown, headers: Record<string, string> = { cookie: adaCookie }) =>
  new Request(`https://app.example${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('examples/next route handler', () => {
  it('refuses a caller without a session with 401, spending nothing', async () => {
    const response = await route.POST(post('/api/ltx/segmind/v2/ltx-2-fast', { prompt: 'x' }, {}))
    expect(response.status).toBe(401)
    expect(upstream).not.toHaveBeenCalled()
  })

  it('refuses a session cookie whose user id was edited', async () => {
    const forged = adaCookie.replace('=ada.', '=bob.')
    expect(forged).not.toBe(adaCookie)
    const response = await route.POST(post('/api/ltx/segmind/v2/ltx-2-fast', { prompt: 'x' }, { cookie: forged }))
    expect(response.status).toBe(401)
    expect(upstream).not.toHaveBeenCalled()
  })

  it('answers 400 with field issues for an invalid body from a signed-in user, spending nothing', async () => {
    const response = await route.POST(post('/api/ltx/segmind/v2/ltx-2-fast', { prompt: 'x', duration: 7 }))
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toContain('Duration must be one of: 6, 8, 10.')
    expect(upstream).not.toHaveBeenCalled()
  })

  it('answers 404 for anything but the documented routes', async () => {
    const response = await route.GET(new Request('https://app.example/api/ltx/segmind/v1/ltx-2-fast', { headers: { cookie: adaCookie } }))
    expect(response.status).toBe(404)
    expect(upstream).not.toHaveBeenCalled()
  })

  it('forwards a signed-in submit with the server key, never the session cookie', async () => {
    upstream.mockResolvedValueOnce(Response.json({ request_id: 'r-1', status_url: 's', response_url: 'r' }))
    const response = await route.POST(post('/api/ltx/segmind/v2/ltx-2-fast', { prompt: 'Waves' }))
    expect(response.status).toBe(200)
    expect(upstream).toHaveBeenCalledTimes(1)
    const [url, init] = upstream.mock.calls[0] ?? []
    expect(String(url)).toBe('https://api.segmind.com/v2/ltx-2-fast')
    const headers = new Headers(init?.headers)
    expect(headers.get('x-api-key')).toBe('server-only-key')
    expect(headers.get('cookie')).toBeNull()
    expect(JSON.stringify(await response.json())).not.toContain('server-only-key')
  })

  it('loads without a key (so `next build` passes) and then answers 500 missing-key, spending nothing', async () => {
    const keyless = await loadRoute({})
    const response = await keyless.POST(post('/api/ltx/segmind/v2/ltx-2-fast', { prompt: 'Waves' }))
    expect(response.status).toBe(500)
    expect(response.headers.get('x-ltx-proxy')).toBe('missing-key')
    expect(upstream).not.toHaveBeenCalled()
  })
})
