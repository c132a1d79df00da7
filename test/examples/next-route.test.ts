import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

// The README's Next.js route, as written: it must deny and validate before any upstream call.
let route: typeof import('../../examples/next-route')
const upstream = vi.fn<typeof fetch>()

beforeAll(async () => {
  process.env.SEGMIND_API_KEY = 'server-only-key'
  vi.stubGlobal('fetch', upstream)
  route = await import('../../examples/next-route')
})
afterEach(() => upstream.mockClear())

const post = (path: string, body: unknown, headers: Record<string, string> = { 'x-demo-user': 'ada' }) =>
  new Request(`https://app.example${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('examples/next-route.ts', () => {
  it('refuses anonymous callers with 401', async () => {
    const response = await route.POST(post('/api/ltx/segmind/v2/ltx-2-fast', { prompt: 'x' }, {}))
    expect(response.status).toBe(401)
    expect(upstream).not.toHaveBeenCalled()
  })

  it('answers 400 with field issues for an invalid body, spending nothing', async () => {
    const response = await route.POST(post('/api/ltx/segmind/v2/ltx-2-fast', { prompt: 'x', duration: 7 }))
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toContain('Duration must be one of: 6, 8, 10.')
    expect(upstream).not.toHaveBeenCalled()
  })

  it('answers 404 for anything but the documented routes', async () => {
    const response = await route.GET(new Request('https://app.example/api/ltx/segmind/v1/ltx-2-fast', { headers: { 'x-demo-user': 'ada' } }))
    expect(response.status).toBe(404)
    expect(upstream).not.toHaveBeenCalled()
  })

  it('forwards a valid submit with the server key and never the caller’s credentials', async () => {
    upstream.mockResolvedValueOnce(Response.json({ request_id: 'r-1', status_url: 's', response_url: 'r' }))
    const response = await route.POST(post('/api/ltx/segmind/v2/ltx-2-fast', { prompt: 'Waves' }, { 'x-demo-user': 'ada', cookie: 'session=secret' }))
    expect(response.status).toBe(200)
    const [url, init] = upstream.mock.calls[0] ?? []
    expect(String(url)).toBe('https://api.segmind.com/v2/ltx-2-fast')
    const headers = new Headers(init?.headers)
    expect(headers.get('x-api-key')).toBe('server-only-key')
    expect(headers.get('cookie')).toBeNull()
    expect(JSON.stringify(await response.json())).not.toContain('server-only-key')
  })
})
