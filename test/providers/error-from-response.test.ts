import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { errorFromResponse, type FailedResponse } from '../../src/providers/error-from-response'
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

  it.each([
    ['upstream-key-refused', 502, /its Segmind key was refused\. Nothing was billed: Segmind refused it before creating a job\. Tell the site's operator\./],
    ['missing-key', 500, /it has no Segmind key\. Nothing was billed: the request never reached Segmind\. Tell the site's operator\./],
  ])('calls the proxy’s %s (%i) the site’s misconfiguration, not the user’s: upstream, not retryable, nothing billed', (reason, status, wording) => {
    const headers = new Headers({ 'x-ltx-proxy': reason })
    const body = '{"error":"The server\'s Segmind key was refused (HTTP 401)"}'
    const submit = errorFromResponse(failed({ status, headers, body }))
    const read = errorFromResponse(failed({ status, headers, body, operation: 'status', requestId: 'job.mac' }))

    expect(submit).toMatchObject({ kind: 'upstream', status, retryable: false, jobMayExist: false })
    expect(submit.message).toMatch(/^The site's video service is misconfigured: /)
    expect(submit.message).toMatch(wording)
    expect(read).toMatchObject({ kind: 'upstream', retryable: false, requestId: 'job.mac' })
    expect(read.message).toMatch(/The job cannot be checked until that is fixed\. Tell the site's operator\./)
    for (const error of [submit, read]) expect(error.message).not.toMatch(/sign in|HTTP 401/i)
  })

  it('never tells anyone to sign in for a misconfigured proxy, whatever status it comes with', () => {
    for (const reason of ['upstream-key-refused', 'missing-key']) {
      for (const status of [401, 403, 500, 502, 503]) {
        for (const operation of ['submit', 'status', 'result'] as const) {
          const error = errorFromResponse(failed({ status, operation, headers: new Headers({ 'x-ltx-proxy': reason }) }))
          expect(error.kind).toBe('upstream')
          expect(error.message).not.toMatch(/sign in/i)
        }
      }
    }
  })

  it.each([
    ['the proxy’s authorize (401)', 401, { 'x-ltx-proxy': 'unauthorized' }, 'unauthorized'],
    ['the app’s own 401 Response', 401, {}, 'unauthorized'],
    ['the proxy’s authorize (403)', 403, { 'x-ltx-proxy': 'forbidden' }, 'forbidden'],
    ['the app’s own 403 Response', 403, {}, 'forbidden'],
  ] as const)('reads %s as %s, without a word about provider keys', (_name, status, headers, kind) => {
    const error = errorFromResponse(failed({ status, headers: new Headers(headers) }))
    expect(error).toMatchObject({ kind, retryable: false, jobMayExist: false })
    expect(error.message).not.toMatch(/key/i)
    if (kind === 'unauthorized') expect(error.message).toMatch(/Sign in again\.$/)
  })

  it('reads the proxy’s own 404 for a job (another user’s, or unknown) as not-found, never as expired', () => {
    const error = errorFromResponse(failed({ status: 404, operation: 'status', requestId: 'a.b', headers: new Headers({ 'x-ltx-proxy': 'not-found' }) }))
    expect(error).toMatchObject({ kind: 'not-found', retryable: false, requestId: 'a.b' })
    expect(error.message).toMatch(/knows no such Segmind job/)
  })

  it('flags exactly the submit failures that may have created a job', () => {
    const mayExist = (status: number, operation: FailedResponse['operation'] = 'submit') =>
      errorFromResponse(failed({ status, operation })).jobMayExist
    expect([500, 502, 503, 504, 408].map((status) => mayExist(status))).toEqual([true, true, true, true, true])
    expect([400, 401, 403, 404, 406, 410, 422, 429].map((status) => mayExist(status))).toEqual(Array(8).fill(false))
    expect(mayExist(502, 'status')).toBe(false)
    expect(errorFromResponse(failed({ status: 502 })).message).toMatch(/\(and billed\)\. The site's server log names it.*dashboard\. Check there before submitting again\.$/)
  })

  it('names a status it does not know without calling it retryable', () => {
    expect(errorFromResponse(failed({ status: 418, body: "I'm a teapot" }))).toMatchObject({
      kind: 'upstream',
      status: 418,
      retryable: false,
    })
  })
})

describe('a 429’s wait, as people read it', () => {
  const limited = (headers: Record<string, string>) => errorFromResponse(failed({ status: 429, headers: new Headers(headers) }))

  it.each([
    [{ 'retry-after': '46' }, 'Try again in 46 s.'],
    [{ 'x-rate-limit-reset-at-utc': '2030-01-01T00:00:01.200Z' }, 'Try again in 2 s.'],
    [{ 'retry-after': '300' }, 'Try again in 5 min.'],
    [{ 'x-rate-limit-reset-at-utc': '2030-01-01T00:10:30Z' }, 'Try again in 11 min.'],
    [{}, 'Try again in a moment.'],
    [{ 'x-rate-limit-reset-at-utc': '2029-12-31T23:59:00Z' }, 'Try again in a moment.'],
  ])('%j: %s', (headers, wait) => {
    expect(limited(headers).message).toBe(`Too many requests to Segmind. ${wait}`)
  })

  it('gives the local time, not a UTC timestamp, for a wait of hours', () => {
    const error = limited({ 'retry-after': String(3 * 60 * 60) })
    const at = new Date(NOW + 3 * 60 * 60 * 1000)
    expect(error.resetAt).toEqual(at)
    expect(error.message).toBe(
      `Too many requests to Segmind. Try again after ${at.toLocaleTimeString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}.`,
    )
    expect(error.message).not.toContain(at.toISOString())
  })

  it.each([
    ['99999999999999999999'],
    ['-30'],
    ['soon'],
    ['1e400'],
    ['1000000000'],
    ['1970-01-01T00:00:00Z'],
    ['+275760-09-13T00:00:00.001Z'],
    ['Sat, 13 Sep 275760 00:00:00 GMT'],
  ])('reads an absurd reset %j as rate-limited with no resetAt, never a RangeError', (value) => {
    for (const name of ['x-rate-limit-reset-at-utc', 'retry-after']) {
      const error = limited({ [name]: value })
      expect(error).toMatchObject({ kind: 'rate-limited', resetAt: undefined, retryable: true })
      expect(error.message).toBe('Too many requests to Segmind. Try again in a moment.')
      expect(() => JSON.stringify(error)).not.toThrow()
    }
  })

  it('stays a rate limit with a readable wait for any header text at all', () => {
    // Any text a Headers object accepts (others cannot reach a transport), with numbers and dates
    // of every size mixed in, since those are what a broken header usually holds.
    const text = fc.string({ unit: 'binary-ascii' }).filter((value) => {
      try {
        new Headers({ 'retry-after': value })
        return true
      } catch {
        return false
      }
    })
    const date = fc.date({ noInvalidDate: true })
    const headerValue = fc.oneof(
      text,
      fc.bigInt().map(String),
      fc.double({ noNaN: true }).map(String),
      date.map((d) => d.toISOString()),
      date.map((d) => d.toUTCString()),
    )
    fc.assert(
      fc.property(headerValue, headerValue, fc.boolean(), (segmind, retryAfter, both) => {
        const error = limited(both ? { 'x-rate-limit-reset-at-utc': segmind, 'retry-after': retryAfter } : { 'x-rate-limit-reset-at-utc': segmind })
        expect(error.kind).toBe('rate-limited')
        expect(error.retryable).toBe(true)
        if (error.resetAt !== undefined) {
          expect(Number.isFinite(error.resetAt.getTime())).toBe(true)
          expect(error.resetAt.getTime()).toBeLessThanOrEqual(NOW + 24 * 60 * 60 * 1000)
        }
        expect(error.message).toMatch(/^Too many requests to Segmind\. Try again (in \d+ s|in \d+ min|after .+|in a moment)\.$/)
        expect(error.message).not.toMatch(/\d{4}-\d{2}-\d{2}T/)
        expect(() => JSON.stringify(error)).not.toThrow()
      }),
      { numRuns: 500 },
    )
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
