import { http, HttpResponse, type JsonBodyType } from 'msw'
import { describe, expect, it } from 'vitest'
import type { JobRef } from '../../src/core/job'
import { LtxError, type LtxErrorKind } from '../../src/models/ltx-error'
import type { Provider } from '../../src/models/provider'
import { exampleInputs } from '../../src/testing/example-inputs'
import { createApixoTransport } from '../../src/transport/create-apixo-transport'
import { createSegmindTransport } from '../../src/transport/create-segmind-transport'
import type { VideoTransport } from '../../src/transport/video-transport'
import { useMswServer } from './msw-server'

const { server, requests } = useMswServer()

const BASES = { segmind: 'http://localhost/api/ltx/segmind', apixo: 'http://localhost/api/ltx/apixo' } as const
const JOBS: Record<Provider, JobRef> = {
  segmind: { id: 'req_123', model: 'ltx-2-19b-t2v', provider: 'segmind', submittedAt: 1_700_000_000_000 },
  apixo: { id: 'task_abc', model: 'ltx-2-19b', provider: 'apixo', submittedAt: 1_700_000_000_000 },
}

function transportFor(provider: Provider): VideoTransport {
  return provider === 'segmind'
    ? createSegmindTransport({ baseUrl: BASES.segmind })
    : createApixoTransport({ baseUrl: BASES.apixo })
}

function call(provider: Provider, operation: 'submit' | 'status'): Promise<unknown> {
  const transport = transportFor(provider)
  if (operation === 'status') return transport.status(JOBS[provider])
  return provider === 'segmind'
    ? transport.submit('ltx-2-19b-t2v', exampleInputs['ltx-2-19b-t2v'])
    : transport.submit('ltx-2-19b', exampleInputs['ltx-2-19b'])
}

async function failureOf(provider: Provider, operation: 'submit' | 'status', reply: () => Response): Promise<LtxError> {
  server.use(http.all(`${BASES[provider]}/*`, reply))
  const outcome = await call(provider, operation).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )
  if (!('error' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`)
  expect(outcome.error).toBeInstanceOf(LtxError)
  return outcome.error as LtxError
}

const HTML_405 = `<!DOCTYPE html>
<html><head><title>405 Not Allowed</title></head>
<body><center><h1>405 Not Allowed</h1></center><hr><center>nginx</center></body></html>`

const text = (body: string, status: number) => () => new HttpResponse(body, { status, headers: { 'content-type': 'text/plain' } })
const json = (body: JsonBodyType, status = 200, headers: Record<string, string> = {}) => () => HttpResponse.json(body, { status, headers })
const apixoEnvelope = (code: number, message: string, data: unknown = null) => json({ code, message, data })

interface Case {
  readonly provider: Provider
  readonly operation: 'submit' | 'status'
  readonly reply: () => Response
  readonly kind: LtxErrorKind
  readonly status?: number
  readonly retryable: boolean
  readonly message?: RegExp
}

const cases: Record<string, Case> = {
  'Segmind 400 with a JSON reason': {
    provider: 'segmind', operation: 'submit', reply: json({ error: 'width must be at most 1280' }, 400),
    kind: 'validation', status: 400, retryable: false, message: /width must be at most 1280/,
  },
  'a 401 from the app’s authorize (its own Response)': {
    provider: 'segmind', operation: 'submit', reply: json({ error: 'Unauthorized' }, 401),
    kind: 'unauthorized', status: 401, retryable: false, message: /Sign in again/,
  },
  'a 401 from the proxy’s authorize': {
    provider: 'segmind', operation: 'status', reply: json({ error: 'Sign in first' }, 401, { 'x-ltx-proxy': 'unauthorized' }),
    kind: 'unauthorized', status: 401, retryable: false, message: /Sign in again/,
  },
  'a 403 from the proxy’s authorize': {
    provider: 'apixo', operation: 'submit', reply: json({ code: 403, message: 'Not on your plan', data: null }, 403, { 'x-ltx-proxy': 'forbidden' }),
    kind: 'forbidden', status: 403, retryable: false, message: /Not on your plan/,
  },
  'Segmind refused the server’s key (the proxy’s 502)': {
    provider: 'segmind', operation: 'submit', reply: json({ error: 'The server’s Segmind key was refused.' }, 502, { 'x-ltx-proxy': 'upstream-key-refused' }),
    kind: 'upstream', status: 502, retryable: false, message: /misconfigured: its Segmind key was refused\. Nothing was billed.*operator/,
  },
  'APIXO refused the server’s key, on status (the proxy’s 502)': {
    provider: 'apixo', operation: 'status', reply: json({ code: 502, message: 'The server’s APIXO key was refused.', data: null }, 502, { 'x-ltx-proxy': 'upstream-key-refused' }),
    kind: 'upstream', status: 502, retryable: false, message: /misconfigured: its APIXO key was refused/,
  },
  'a proxy configured without a key (500 missing-key)': {
    provider: 'apixo', operation: 'submit', reply: json({ code: 500, message: 'No APIXO key is configured.', data: null }, 500, { 'x-ltx-proxy': 'missing-key' }),
    kind: 'upstream', status: 500, retryable: false, message: /misconfigured: it has no APIXO key\. Nothing was billed: the request never reached APIXO/,
  },
  'Segmind 403': {
    provider: 'segmind', operation: 'submit', reply: json({ error: 'Forbidden' }, 403),
    kind: 'forbidden', status: 403, retryable: false,
  },
  'Segmind 404 on submit (unknown model)': {
    provider: 'segmind', operation: 'submit', reply: json({ error: 'Model not found' }, 404),
    kind: 'not-found', status: 404, retryable: false, message: /baseUrl/,
  },
  'Segmind 405 as an HTML page': {
    provider: 'segmind', operation: 'submit', reply: () => new HttpResponse(HTML_405, { status: 405, headers: { 'content-type': 'text/html' } }),
    kind: 'method-not-allowed', status: 405, retryable: false, message: /baseUrl/,
  },
  'Segmind 406 as plain text about credits': {
    provider: 'segmind', operation: 'submit', reply: text('Insufficient credits', 406),
    kind: 'insufficient-credits', status: 406, retryable: false, message: /Top up/,
  },
  'Segmind 406 as plain text about the spend limit': {
    provider: 'segmind', operation: 'submit', reply: text('Team spend limit reached for this billing period', 406),
    kind: 'insufficient-credits', status: 406, retryable: false, message: /spend limit/,
  },
  'Segmind 406 about the content type': {
    provider: 'segmind', operation: 'submit', reply: json({ error: 'Content-Type must be application/json' }, 406),
    kind: 'bad-content-type', status: 406, retryable: false, message: /Content-Type: application\/json/,
  },
  'Segmind 410 for a retired model': {
    provider: 'segmind', operation: 'submit', reply: json({ error: 'This model has been deprecated' }, 410),
    kind: 'model-retired', status: 410, retryable: false, message: /Choose another model/,
  },
  'Segmind 500 on submit': {
    provider: 'segmind', operation: 'submit', reply: json({ error: 'Internal server error' }, 500),
    kind: 'upstream', status: 500, retryable: false, message: /may still have been created/,
  },
  'Segmind 502 on status': {
    provider: 'segmind', operation: 'status', reply: text('Bad Gateway', 502),
    kind: 'upstream', status: 502, retryable: true,
  },
  'Segmind 504 on status': {
    provider: 'segmind', operation: 'status', reply: text('Gateway Timeout', 504),
    kind: 'upstream', status: 504, retryable: true,
  },
  'Segmind 401 on status': {
    provider: 'segmind', operation: 'status', reply: json({ error: 'Unauthorized' }, 401),
    kind: 'unauthorized', status: 401, retryable: false,
  },
  // A submit's unreadable reply is never retryable: the job may exist (the message says where to look).
  'Segmind submit reply cut off mid-JSON': {
    provider: 'segmind', operation: 'submit', reply: () => new HttpResponse('{"request_id":"req_1', { status: 200, headers: { 'content-type': 'application/json' } }),
    kind: 'malformed-response', retryable: false, message: /server log names it.*before submitting again/,
  },
  'Segmind submit reply without a request id': {
    provider: 'segmind', operation: 'submit', reply: json({ id: 'req_1' }),
    kind: 'malformed-response', retryable: false,
  },
  // Unreadable reads are retryable: the poller backs off and asks again (a CDN page, a cut-off body).
  'an HTML page served with 200 (a CDN, or baseUrl pointing at the app)': {
    provider: 'segmind', operation: 'status', reply: () => new HttpResponse('<!doctype html><html><body>app</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    kind: 'malformed-response', retryable: true, message: /Watching tries again/,
  },
  'Segmind status cut off mid-JSON': {
    provider: 'segmind', operation: 'status', reply: () => new HttpResponse('{"status":"PROCE', { status: 200, headers: { 'content-type': 'application/json' } }),
    kind: 'malformed-response', retryable: true,
  },
  'Segmind status with an undocumented state': {
    provider: 'segmind', operation: 'status', reply: json({ status: 'STARTING' }),
    kind: 'malformed-response', retryable: true,
  },
  'Segmind network failure on status': {
    provider: 'segmind', operation: 'status', reply: () => HttpResponse.error(),
    kind: 'network', retryable: true,
  },
  'APIXO 400 with its envelope': {
    provider: 'apixo', operation: 'submit', reply: json({ code: 400, message: 'prompt is required', data: null }, 400),
    kind: 'validation', status: 400, retryable: false, message: /prompt is required/,
  },
  'APIXO envelope code 429 inside HTTP 200': {
    provider: 'apixo', operation: 'submit', reply: apixoEnvelope(429, 'Rate limit exceeded'),
    kind: 'rate-limited', status: 429, retryable: true,
  },
  'APIXO envelope code 500 inside HTTP 200 on status': {
    provider: 'apixo', operation: 'status', reply: apixoEnvelope(500, 'internal error'),
    kind: 'upstream', status: 500, retryable: true,
  },
  'APIXO 403': {
    provider: 'apixo', operation: 'status', reply: json({ code: 403, message: 'Forbidden', data: null }, 403),
    kind: 'forbidden', status: 403, retryable: false,
  },
  'APIXO 500 on submit': {
    provider: 'apixo', operation: 'submit', reply: json({ code: 500, message: 'server error', data: null }, 500),
    kind: 'upstream', status: 500, retryable: false,
  },
  'APIXO reply that is not an envelope': {
    provider: 'apixo', operation: 'status', reply: json({ state: 'success' }),
    kind: 'malformed-response', retryable: true,
  },
  'APIXO status cut off mid-JSON': {
    provider: 'apixo', operation: 'status', reply: () => new HttpResponse('{"code":200,"message":"success","data":{"sta', { status: 200 }),
    kind: 'malformed-response', retryable: true,
  },
  'APIXO status with an undocumented state': {
    provider: 'apixo', operation: 'status', reply: apixoEnvelope(200, 'success', { taskId: 'task_abc', state: 'STARTING' }),
    kind: 'malformed-response', retryable: true,
  },
  'APIXO status as an HTML page with 200': {
    provider: 'apixo', operation: 'status', reply: () => new HttpResponse('<html><body>Just a moment…</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    kind: 'malformed-response', retryable: true,
  },
  'APIXO success whose resultJson is not JSON': {
    provider: 'apixo', operation: 'status', reply: apixoEnvelope(200, 'success', { taskId: 'task_abc', state: 'success', resultJson: '{resultUrls: [https://cdn.apixo.ai/v.mp4' }),
    kind: 'malformed-response', retryable: true, message: /resultJson/,
  },
  'APIXO success whose resultJson has no URLs': {
    provider: 'apixo', operation: 'status', reply: apixoEnvelope(200, 'success', { taskId: 'task_abc', state: 'success', resultJson: '{"resultUrls":[]}' }),
    kind: 'malformed-response', retryable: true, message: /resultUrls/,
  },
  'APIXO success whose resultJson is an object without URLs': {
    provider: 'apixo', operation: 'status', reply: apixoEnvelope(200, 'success', { taskId: 'task_abc', state: 'success', resultJson: { urls: ['https://cdn.apixo.ai/v.mp4'] } }),
    kind: 'malformed-response', retryable: true, message: /resultUrls/,
  },
  'APIXO success whose URL is a script': {
    provider: 'apixo', operation: 'status', reply: apixoEnvelope(200, 'success', { taskId: 'task_abc', state: 'success', resultJson: '{"resultUrls":["javascript:alert(1)"]}' }),
    kind: 'malformed-response', retryable: true,
  },
  'APIXO submit envelope without a taskId': {
    provider: 'apixo', operation: 'submit', reply: apixoEnvelope(200, 'success', {}),
    kind: 'malformed-response', retryable: false,
  },
}

describe('every documented failure becomes an LtxError of the right kind', () => {
  it.each(Object.entries(cases))('%s', async (_name, c) => {
    const error = await failureOf(c.provider, c.operation, c.reply)

    expect(error.kind).toBe(c.kind)
    expect(error.retryable).toBe(c.retryable)
    // A submit may have made a job exactly when it failed without a clear refusal.
    expect(error.jobMayExist).toBe(c.operation === 'submit' && (c.kind === 'malformed-response' || (c.kind === 'upstream' && !/misconfigured/.test(error.message))))
    expect(error.message).not.toMatch(c.kind === 'unauthorized' ? /key/i : /sign in/i)
    if (c.status !== undefined) expect(error.status).toBe(c.status)
    if (c.message !== undefined) expect(error.message).toMatch(c.message)
    if (c.operation === 'status') expect(error.requestId).toBe(JOBS[c.provider].id)
  })

  it('keeps the raw HTML of a 405 page and the raw text of a 406 as the detail', async () => {
    const page = await failureOf('segmind', 'submit', () => new HttpResponse(HTML_405, { status: 405 }))
    const credits = await failureOf('segmind', 'submit', text('Insufficient credits', 406))

    expect(page.detail).toBe(HTML_405)
    expect(page.message).not.toContain('<')
    expect(credits.detail).toBe('Insufficient credits')
  })

  it('keeps a JSON body parsed as the detail', async () => {
    const error = await failureOf('segmind', 'submit', json({ error: 'bad fps', field: 'fps' }, 400))

    expect(error.detail).toEqual({ error: 'bad fps', field: 'fps' })
  })

  it('reads when a Segmind rate limit lifts from x-rate-limit-reset-at-utc, and says the wait in seconds', async () => {
    const resetAt = new Date(Date.now() + 30_000).toISOString()
    const error = await failureOf('segmind', 'status', json({ error: 'Too many requests' }, 429, { 'x-rate-limit-reset-at-utc': resetAt }))

    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryable: true })
    expect(error.resetAt?.toISOString()).toBe(resetAt)
    expect(error.message).toMatch(/^Too many requests to Segmind \(Too many requests\)\. Try again in (29|30) s\.$/)
  })

  it('keeps a 429 with an absurd reset header a rate limit, with no resetAt', async () => {
    const error = await failureOf('segmind', 'submit', json({ error: 'Too many requests' }, 429, { 'x-rate-limit-reset-at-utc': '99999999999999999999' }))

    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryable: true, resetAt: undefined })
    expect(error.message).toMatch(/Try again in a moment\.$/)
  })

  it.each([
    ['an empty body', ''],
    ['a plain-text body', 'Unprocessable Entity'],
    ['an HTML page', '<html><body><h1>422</h1></body></html>'],
  ])('reads a Segmind 422 with %s as a failed job, not an unreadable reply', async (_name, body) => {
    server.use(http.get(`${BASES.segmind}/v2/requests/req_123/status`, () => new HttpResponse(body, { status: 422 })))

    const snapshot = await transportFor('segmind').status(JOBS.segmind)

    expect(snapshot).toMatchObject({ phase: 'failed', providerStatus: 'FAILED' })
    expect(snapshot.error).toMatchObject({ kind: 'generation-failed', status: 422, requestId: 'req_123', retryable: false })
    expect(snapshot.error?.message).toMatch(body.startsWith('Unprocessable') ? /^Segmind could not make this video: Unprocessable Entity\./ : /^Segmind could not make this video\./)
    expect(snapshot.metrics).toBeUndefined()
  })

  it('reads when an APIXO rate limit lifts from Retry-After seconds', async () => {
    const before = Date.now()
    const error = await failureOf('apixo', 'submit', json({ code: 429, message: 'Rate limit exceeded', data: null }, 429, { 'retry-after': '30' }))

    expect(error.kind).toBe('rate-limited')
    expect(error.resetAt?.getTime()).toBeGreaterThanOrEqual(before + 30_000)
    expect(error.resetAt?.getTime()).toBeLessThan(Date.now() + 31_000)
  })

  it('refuses a Segmind result whose output is not a video URL', async () => {
    server.use(
      http.get(`${BASES.segmind}/v2/requests/req_123/status`, () => HttpResponse.json({ status: 'COMPLETED' })),
      http.get(`${BASES.segmind}/v2/requests/req_123`, () => HttpResponse.json({ status: 'COMPLETED', output: 'javascript:alert(1)' })),
    )

    const error = await transportFor('segmind').status(JOBS.segmind).catch((e: unknown) => e)

    expect(error).toMatchObject({ kind: 'malformed-response', requestId: 'req_123' })
  })

  it('sends a submit once even when the reply is a server error', async () => {
    await failureOf('apixo', 'submit', json({ code: 500, message: 'server error', data: null }, 502))

    expect(requests('POST', '/api/ltx/apixo/api/v1/generateTask/ltx-2-19b')).toHaveLength(1)
  })

  it('cancels an APIXO status call through its AbortSignal', async () => {
    server.use(http.all(`${BASES.apixo}/*`, () => new Promise<Response>(() => {})))
    const controller = new AbortController()
    const pending = transportFor('apixo').status(JOBS.apixo, { signal: controller.signal })
    controller.abort()

    await expect(pending).rejects.toMatchObject({ kind: 'aborted', requestId: 'task_abc' })
  })
})
