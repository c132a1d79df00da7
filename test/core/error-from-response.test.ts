import { describe, expect, it } from 'vitest'
import { errorFromResponse, type FailedResponse } from '../../src/core/error-from-response'
import { parseResetAt } from '../../src/core/parse-reset-at'

const NOW = Date.parse('2030-01-01T00:00:00Z')

function failed(overrides: Partial<FailedResponse>): FailedResponse {
  return { provider: 'segmind', operation: 'submit', status: 500, body: '', now: NOW, ...overrides }
}

describe('errorFromResponse', () => {
  it('tells an unknown model on submit (not-found) from an unknown job on status (expired)', () => {
    expect(errorFromResponse(failed({ status: 404, operation: 'submit' })).kind).toBe('not-found')
    expect(errorFromResponse(failed({ status: 404, operation: 'status', requestId: 'req_1' }))).toMatchObject({
      kind: 'expired',
      requestId: 'req_1',
    })
    expect(errorFromResponse(failed({ status: 404, operation: 'result' })).kind).toBe('expired')
  })

  it.each([
    ['Insufficient credits', 'insufficient-credits'],
    ['{"error":"Your team has reached its monthly spend limit"}', 'insufficient-credits'],
    ['Missing Content-Type header', 'bad-content-type'],
    ['{"message":"Unsupported media type"}', 'bad-content-type'],
    ['', 'insufficient-credits'],
  ])('reads a 406 saying %j as %s', (body, kind) => {
    expect(errorFromResponse(failed({ status: 406, body })).kind).toBe(kind)
  })

  it('never invites the same submit again after a server error, but does for a status read', () => {
    expect(errorFromResponse(failed({ status: 502, operation: 'submit' })).retryable).toBe(false)
    expect(errorFromResponse(failed({ status: 502, operation: 'status' })).retryable).toBe(true)
  })

  it('quotes the provider sentence but never an HTML page', () => {
    const quoted = errorFromResponse(failed({ status: 400, body: '{"error":{"message":"fps must be <= 30"}}' }))
    const html = errorFromResponse(failed({ status: 401, body: '<html><body><h1>401</h1></body></html>' }))

    expect(quoted.message).toContain('fps must be <= 30')
    expect(html.message).not.toContain('<')
    expect(html.detail).toBe('<html><body><h1>401</h1></body></html>')
  })

  it('names a status it does not know without calling it retryable', () => {
    expect(errorFromResponse(failed({ status: 418, body: "I'm a teapot" }))).toMatchObject({
      kind: 'upstream',
      status: 418,
      retryable: false,
    })
  })
})

describe('parseResetAt', () => {
  it.each([
    ['x-rate-limit-reset-at-utc', '2030-01-01T00:01:00Z', '2030-01-01T00:01:00.000Z'],
    ['x-rate-limit-reset-at-utc', '2030-01-01 00:01:00', '2030-01-01T00:01:00.000Z'],
    ['x-rate-limit-reset-at-utc', String(NOW / 1000 + 90), '2030-01-01T00:01:30.000Z'],
    ['x-rate-limit-reset-at-utc', String(NOW + 5000), '2030-01-01T00:00:05.000Z'],
    ['retry-after', '30', '2030-01-01T00:00:30.000Z'],
    ['retry-after', 'Tue, 01 Jan 2030 00:02:00 GMT', '2030-01-01T00:02:00.000Z'],
  ])('reads %s: %s', (name, value, expected) => {
    expect(parseResetAt(new Headers({ [name]: value }), NOW)?.toISOString()).toBe(expected)
  })

  it('prefers Segmind’s header, falls back to Retry-After, and gives up on nonsense', () => {
    const both = new Headers({ 'x-rate-limit-reset-at-utc': '2030-01-01T00:05:00Z', 'retry-after': '1' })
    expect(parseResetAt(both, NOW)?.toISOString()).toBe('2030-01-01T00:05:00.000Z')
    expect(parseResetAt(new Headers({ 'x-rate-limit-reset-at-utc': 'soon', 'retry-after': '2' }), NOW)?.getTime()).toBe(NOW + 2000)
    expect(parseResetAt(new Headers({ 'retry-after': 'later' }), NOW)).toBeUndefined()
    expect(parseResetAt(new Headers(), NOW)).toBeUndefined()
  })
})
