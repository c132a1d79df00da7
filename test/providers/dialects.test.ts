import { describe, expect, it } from 'vitest'
import { PROVIDERS } from '../../src/models/provider'
import type { RouteSpec } from '../../src/providers/dialect'
import { dialects } from '../../src/providers/index'
import type { SubmitPath, TransportOperation } from '../../src/providers/route-paths'

// The proxy (and, later, the simulator) read each provider's routes through its dialect's pure
// matcher, and build upstream paths with the same templates the transports use: a path built for
// a route must be read back as that route, with the same model and job id.

const none = new URLSearchParams()
const pathOf = (route: TransportOperation, spec: RouteSpec) => (route === 'submit' ? (spec.path as SubmitPath)('ltx-video') : spec.path('job-1', 'ltx-video'))
const routesOf = (provider: (typeof PROVIDERS)[number]) =>
  Object.entries(dialects[provider].routes as Readonly<Partial<Record<TransportOperation, RouteSpec>>>) as [TransportOperation, RouteSpec][]

describe.each(PROVIDERS)('the %s dialect', (provider) => {
  const dialect = dialects[provider]

  it('reads back every path it builds as its route, with the model and the job id', () => {
    for (const [route, spec] of routesOf(provider)) {
      const [path, query = ''] = pathOf(route, spec).split('?')
      const found = dialect.matchRoute(spec.method, `/${path}`, new URLSearchParams(query))
      expect(found, route).toMatchObject({ kind: 'route', route })
      if (found?.kind !== 'route') continue
      if (found.model !== undefined) expect(found.model).toBe('ltx-video')
      if (route === 'submit') expect(found.id).toBeUndefined()
      else expect(found.id).toBe('job-1')
    }
  })

  it('names the method a route takes when asked with another', () => {
    for (const [route, spec] of routesOf(provider)) {
      const [path, query = ''] = pathOf(route, spec).split('?')
      const other = spec.method === 'GET' ? 'POST' : 'GET'
      expect(dialect.matchRoute(other, `/${path}`, new URLSearchParams(query))).toEqual({ kind: 'wrong-method', route, allow: spec.method })
    }
  })

  it('matches no path outside its routes', () => {
    for (const path of ['', '/', '/v2', '/api/v1', '/v2/requests', '/api/v1/generateTask', '/api/v1/other/ltx-video', '/v2/requests/x/status/more', '/v3/ltx-video']) {
      expect(dialect.matchRoute('GET', path, none), path).toBeUndefined()
      expect(dialect.matchRoute('POST', path, none), path).toBeUndefined()
    }
  })

  it('writes its errors so that a transport reads the message back, with the job a failed submit named', () => {
    const body = dialect.errorBody(503, 'Busy.', { handle: 'h.1', issues: [{ path: ['prompt'], message: 'Prompt is required.' }] }) as Record<string, unknown>
    expect(JSON.stringify(body)).toContain('Busy.')
    expect(dialect.submittedId(body)).toBe('h.1')
    expect(body.issues).toEqual([{ path: ['prompt'], message: 'Prompt is required.' }])
    // Without a handle, no job is named.
    expect(dialect.submittedId(dialect.errorBody(400, 'Bad.') as Record<string, unknown>)).toBeUndefined()
  })

  it('carries the key in a header of its own', () => {
    const [name, value] = dialect.authHeader('k-123')
    expect(name).toMatch(/^[a-z-]+$/)
    expect(value).toContain('k-123')
  })
})

describe('APIXO status', () => {
  const match = (query: string) => dialects.apixo.matchRoute('GET', '/api/v1/statusTask/ltx-2-19b', new URLSearchParams(query))

  it('takes the task id only when the query holds exactly one, not empty', () => {
    expect(match('taskId=t1')).toMatchObject({ kind: 'route', route: 'status', model: 'ltx-2-19b', id: 't1' })
    expect(match('')).toMatchObject({ kind: 'route', id: undefined })
    expect(match('taskId=')).toMatchObject({ kind: 'route', id: undefined })
    expect(match('taskId=a&taskId=b')).toMatchObject({ kind: 'route', id: undefined })
  })
})

describe('Segmind paths', () => {
  it('compares segments raw: an encoded slash or dot stays inside its segment', () => {
    expect(dialects.segmind.matchRoute('GET', '/v2/requests/a%2Fb/status')).toMatchObject({ route: 'status', id: 'a%2Fb' })
    expect(dialects.segmind.matchRoute('POST', '/v2/%2e%2e')).toMatchObject({ route: 'submit', model: '%2e%2e' })
  })
})
