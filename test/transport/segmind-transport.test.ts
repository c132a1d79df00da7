import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { jobRefSchema, type JobRef } from '../../src/core/job'
import { LtxError } from '../../src/models/ltx-error'
import { exampleInputs } from '../../src/testing/example-inputs'
import { createSegmindTransport } from '../../src/transport/create-segmind-transport'
import { ltx2FastModel } from '../../src/models/ltx-2-fast'
import { useMswServer } from './msw-server'
import { rejectionOf } from './rejection-of'

const BASE = 'http://localhost/api/ltx/segmind'
const { server, seen, requests } = useMswServer()

const job: JobRef = { id: 'req_123', model: 'ltx-2-fast', provider: 'segmind', submittedAt: 1_700_000_000_000 }
const STATUS = '/api/ltx/segmind/v2/requests/req_123/status'
const RESULT = '/api/ltx/segmind/v2/requests/req_123'

const completedResult = {
  status: 'COMPLETED',
  output: 'https://cdn.segmind.com/output/req_123.mp4',
  metrics: { cost: 0.35, remaining_credits: 12.5, inference_time: 41.2, queue_time: 1.2, total_time: 42.4, retry_count: 0 },
}

describe('Segmind transport: submitting', () => {
  it('sends the validated input with its defaults to POST {baseUrl}/v2/{model} and returns a plain-JSON JobRef', async () => {
    server.use(
      http.post(`${BASE}/v2/ltx-2-fast`, () =>
        HttpResponse.json({
          request_id: 'req_123',
          status_url: 'https://api.segmind.com/v2/requests/req_123/status',
          response_url: 'https://api.segmind.com/v2/requests/req_123',
        }),
      ),
    )
    const transport = createSegmindTransport({ baseUrl: `${BASE}/` })
    const before = Date.now()

    const ref = await transport.submit('ltx-2-fast', ltx2FastModel.parse({ prompt: 'A lighthouse at dusk' }))

    expect(ref).toMatchObject({ id: 'req_123', model: 'ltx-2-fast', provider: 'segmind' })
    expect(ref.submittedAt).toBeGreaterThanOrEqual(before)
    expect(JSON.parse(JSON.stringify(ref))).toEqual(ref)
    const [post] = requests('POST', '/api/ltx/segmind/v2/ltx-2-fast')
    expect(post?.headers.get('content-type')).toBe('application/json')
    expect(JSON.parse((await post?.body) ?? '')).toEqual({
      prompt: 'A lighthouse at dusk',
      duration: 8,
      generate_audio: true,
      resolution: '2k',
    })
  })

  it('sends the input as given to a model named by id, and reads the proxy’s field issues from its 400', async () => {
    server.use(
      http.post(`${BASE}/v2/ltx-2-fast`, () =>
        HttpResponse.json(
          { error: 'Duration (s) must be one of 6, 8, 10 … 20.', issues: [{ path: ['duration'], message: 'Duration (s) must be one of 6, 8, 10 … 20.' }] },
          { status: 400, headers: { 'x-ltx-proxy': 'validation' } },
        ),
      ),
    )
    const transport = createSegmindTransport({ baseUrl: BASE })

    const error = await rejectionOf(transport.submit('ltx-2-fast', { prompt: 'x', duration: 7 }))

    const [post] = requests('POST', '/api/ltx/segmind/v2/ltx-2-fast')
    expect(JSON.parse((await post?.body) ?? '')).toEqual({ prompt: 'x', duration: 7 })
    expect(error.kind).toBe('validation')
    expect(error.retryable).toBe(false)
    expect(error.message).toBe('Duration (s) must be one of 6, 8, 10 … 20.')
    expect(error.issues).toEqual([{ path: ['duration'], message: 'Duration (s) must be one of 6, 8, 10 … 20.' }])
  })

  it('takes field issues only from the proxy, not from an upstream 400', async () => {
    server.use(
      http.post(`${BASE}/v2/ltx-2-fast`, () =>
        HttpResponse.json({ error: 'bad duration', issues: [{ path: ['duration'], message: 'made up' }] }, { status: 400 }),
      ),
    )
    const transport = createSegmindTransport({ baseUrl: BASE })

    const error = await rejectionOf(transport.submit('ltx-2-fast', { prompt: 'x', duration: 7 }))

    expect(error.kind).toBe('validation')
    expect(error.issues).toEqual([])
    expect(error.message).toMatch(/Segmind rejected the request \(bad duration\)/)
  })

  it('refuses a model hosted by another provider, or an unknown one, without a request', async () => {
    const transport = createSegmindTransport({ baseUrl: BASE })

    expect((await rejectionOf(transport.submit('ltx-2-19b', exampleInputs['ltx-2-19b']))).kind).toBe('not-found')
    expect((await rejectionOf(transport.submit('sora' as never, {}))).kind).toBe('not-found')
    expect(seen).toHaveLength(0)
  })

  it('never sends a second POST after a network error, and says the job may exist', async () => {
    server.use(http.post(`${BASE}/v2/ltx-2-fast`, () => HttpResponse.error()))
    const transport = createSegmindTransport({ baseUrl: BASE })

    const error = await rejectionOf(transport.submit('ltx-2-fast', exampleInputs['ltx-2-fast']))

    expect(error.kind).toBe('network')
    expect(error.retryable).toBe(false)
    expect(error.jobMayExist).toBe(true)
    expect(error.message).toMatch(/before submitting again/)
    expect(requests('POST', '/api/ltx/segmind/v2/ltx-2-fast')).toHaveLength(1)
  })

  it('says nothing was sent when an input given by id cannot be written as JSON', async () => {
    const transport = createSegmindTransport({ baseUrl: BASE })

    const error = await rejectionOf(transport.submit('ltx-2-fast', { prompt: 'x', seed: 10n }))

    expect(error).toMatchObject({ kind: 'validation', retryable: false, jobMayExist: false })
    expect(error.message).toMatch(/nothing was sent/)
    expect(seen).toHaveLength(0)
  })

  it('says the connection failed during a submit whose reply broke off, and that the job may exist', async () => {
    const transport = createSegmindTransport({
      baseUrl: BASE,
      fetch: async () => new Response(new ReadableStream({ start: (controller) => controller.error(new TypeError('reset')) }), { status: 200 }),
    })

    const error = await rejectionOf(transport.submit('ltx-2-fast', exampleInputs['ltx-2-fast']))

    expect(error).toMatchObject({ kind: 'network', retryable: false })
    expect(error.message).toMatch(/^The connection failed\. The job may still have been created/)
  })

  it('uses an injected fetch instead of the global one', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => Response.json({ request_id: 'req_own' }))
    const transport = createSegmindTransport({ baseUrl: 'https://proxy.example/api/ltx/segmind', fetch })

    const ref = await transport.submit('ltx-video', exampleInputs['ltx-video'])

    expect(ref.id).toBe('req_own')
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(String(fetch.mock.calls[0]?.[0])).toBe('https://proxy.example/api/ltx/segmind/v2/ltx-video')
    expect(seen).toHaveLength(0)
  })
})

describe('Segmind transport: watching a job', () => {
  it.each([
    ['QUEUED', 'queued'],
    ['PROCESSING', 'running'],
  ] as const)('maps %s to %s and keeps the timing metrics', async (status, phase) => {
    server.use(http.get(`${BASE}/v2/requests/req_123/status`, () => HttpResponse.json({ status, metrics: { queue_time: 1.5 } })))
    const transport = createSegmindTransport({ baseUrl: BASE })

    const snapshot = await transport.status(job)

    expect(snapshot).toMatchObject({ job, phase, providerStatus: status, metrics: { queueTime: 1.5 } })
    expect(snapshot.output).toBeUndefined()
    expect(snapshot.error).toBeUndefined()
  })

  it('fetches the result exactly once after COMPLETED, however often status is asked', async () => {
    server.use(
      http.get(`${BASE}/v2/requests/req_123/status`, () => HttpResponse.json({ status: 'COMPLETED' })),
      http.get(`${BASE}/v2/requests/req_123`, () => HttpResponse.json(completedResult)),
    )
    const transport = createSegmindTransport({ baseUrl: BASE })

    const first = await transport.status(job)
    const again = await Promise.all([transport.status(job), transport.status(job), transport.status(job)])
    await transport.status(job)

    expect(first).toMatchObject({
      phase: 'succeeded',
      providerStatus: 'COMPLETED',
      output: { videoUrl: 'https://cdn.segmind.com/output/req_123.mp4', urls: ['https://cdn.segmind.com/output/req_123.mp4'] },
      metrics: { cost: 0.35, remainingCredits: 12.5, inferenceTime: 41.2, queueTime: 1.2, totalTime: 42.4, retryCount: 0 },
    })
    for (const snapshot of again) expect(snapshot.output).toEqual(first.output)
    expect(requests('GET', RESULT)).toHaveLength(1)
    expect(requests('GET', STATUS)).toHaveLength(1)
  })

  it('shares one result fetch between watchers that ask at the same moment', async () => {
    server.use(
      http.get(`${BASE}/v2/requests/req_123/status`, () => HttpResponse.json({ status: 'COMPLETED' })),
      http.get(`${BASE}/v2/requests/req_123`, async () => {
        await delay(20)
        return HttpResponse.json(completedResult)
      }),
    )
    const transport = createSegmindTransport({ baseUrl: BASE })

    await transport.status(job)
    const results = await Promise.all([transport.status(job), transport.status(job)])

    expect(results.map((s) => s.phase)).toEqual(['succeeded', 'succeeded'])
    expect(requests('GET', RESULT)).toHaveLength(1)
  })

  it('fetches the result again when the first result fetch failed, instead of remembering the failure', async () => {
    let resultCalls = 0
    server.use(
      http.get(`${BASE}/v2/requests/req_123/status`, () => HttpResponse.json({ status: 'COMPLETED' })),
      http.get(`${BASE}/v2/requests/req_123`, () => {
        resultCalls++
        return resultCalls === 1 ? new HttpResponse('Bad Gateway', { status: 502 }) : HttpResponse.json(completedResult)
      }),
    )
    const transport = createSegmindTransport({ baseUrl: BASE })

    const error = await rejectionOf(transport.status(job))
    const snapshot = await transport.status(job)

    expect(error).toMatchObject({ kind: 'upstream', status: 502, retryable: true, requestId: 'req_123' })
    expect(snapshot.phase).toBe('succeeded')
    expect(resultCalls).toBe(2)
  })

  it('reports a FAILED request (HTTP 422) as a failed job carrying the provider text', async () => {
    server.use(
      http.get(`${BASE}/v2/requests/req_123/status`, () =>
        HttpResponse.json(
          { status: 'FAILED', error: 'Content flagged by safety filter', metrics: { cost: 0, total_time: 3.1 } },
          { status: 422 },
        ),
      ),
    )
    const transport = createSegmindTransport({ baseUrl: BASE })

    const snapshot = await transport.status(job)

    expect(snapshot).toMatchObject({ phase: 'failed', providerStatus: 'FAILED', metrics: { cost: 0, totalTime: 3.1 } })
    expect(snapshot.error).toBeInstanceOf(LtxError)
    expect(snapshot.error).toMatchObject({ kind: 'generation-failed', status: 422, requestId: 'req_123', retryable: false })
    expect(snapshot.error?.message).toContain('Content flagged by safety filter')
    expect(snapshot.error?.detail).toMatchObject({ status: 'FAILED', error: 'Content flagged by safety filter' })
  })

  it('reports an unknown or expired request id (HTTP 404) as an expired job', async () => {
    server.use(
      http.get(`${BASE}/v2/requests/req_123/status`, () => HttpResponse.json({ error: 'Request not found' }, { status: 404 })),
    )
    const transport = createSegmindTransport({ baseUrl: BASE })

    const snapshot = await transport.status(job)

    expect(snapshot.phase).toBe('expired')
    expect(snapshot.error).toMatchObject({ kind: 'expired', status: 404, requestId: 'req_123' })
    expect(snapshot.output).toBeUndefined()
  })

  it('refuses to look at a job that belongs to another provider', async () => {
    const transport = createSegmindTransport({ baseUrl: BASE })
    const apixoJob: JobRef = { ...job, model: 'ltx-2-19b', provider: 'apixo' }

    expect((await rejectionOf(transport.status(apixoJob))).kind).toBe('validation')
    expect(seen).toHaveLength(0)
  })
})

describe('Segmind transport: headers, cancelling and slow answers', () => {
  it('calls a header function before every request, so a fresh session token goes out each time', async () => {
    server.use(http.get(`${BASE}/v2/requests/req_123/status`, () => HttpResponse.json({ status: 'PROCESSING' })))
    let n = 0
    const headers = vi.fn(async () => ({ authorization: `Session token-${++n}` }))
    const transport = createSegmindTransport({ baseUrl: BASE, headers })

    await transport.status(job)
    await transport.status(job)

    expect(headers).toHaveBeenCalledTimes(2)
    expect(requests('GET', STATUS).map((r) => r.headers.get('authorization'))).toEqual([
      'Session token-1',
      'Session token-2',
    ])
  })

  it('accepts plain header objects too', async () => {
    server.use(http.get(`${BASE}/v2/requests/req_123/status`, () => HttpResponse.json({ status: 'QUEUED' })))
    const transport = createSegmindTransport({ baseUrl: BASE, headers: { 'x-app-session': 'abc' } })

    await transport.status(job)

    expect(requests('GET', STATUS)[0]?.headers.get('x-app-session')).toBe('abc')
  })

  it('turns a header function that throws into an LtxError and sends nothing', async () => {
    const transport = createSegmindTransport({
      baseUrl: BASE,
      headers: () => {
        throw new Error('token refresh failed')
      },
    })

    const error = await rejectionOf(transport.status(job))

    expect(error.kind).toBe('network')
    expect(error.message).toMatch(/nothing was sent/)
    expect(seen).toHaveLength(0)
  })

  it('stops waiting when the AbortSignal fires mid-request', async () => {
    server.use(
      http.get(`${BASE}/v2/requests/req_123/status`, async () => {
        await delay('infinite')
        return HttpResponse.json({ status: 'QUEUED' })
      }),
    )
    const transport = createSegmindTransport({ baseUrl: BASE })
    const controller = new AbortController()

    const pending = transport.status(job, { signal: controller.signal })
    setTimeout(() => controller.abort(), 10)
    const error = await rejectionOf(pending)

    expect(error).toMatchObject({ kind: 'aborted', retryable: false, requestId: 'req_123' })
  })

  it('sends nothing when the signal is already aborted', async () => {
    const transport = createSegmindTransport({ baseUrl: BASE })

    const error = await rejectionOf(
      transport.submit('ltx-2-fast', exampleInputs['ltx-2-fast'], { signal: AbortSignal.abort() }),
    )

    expect(error.kind).toBe('aborted')
    expect(seen).toHaveLength(0)
  })

  it('gives up on a status request that takes longer than timeoutMs, as a retryable timeout', async () => {
    server.use(
      http.get(`${BASE}/v2/requests/req_123/status`, async () => {
        await delay('infinite')
        return HttpResponse.json({ status: 'QUEUED' })
      }),
    )
    const transport = createSegmindTransport({ baseUrl: BASE, timeoutMs: 30 })

    const error = await rejectionOf(transport.status(job))

    expect(error).toMatchObject({ kind: 'timeout', retryable: true })
  })

  it('treats a submit that times out as possibly created: not retryable, and says to check first', async () => {
    server.use(
      http.post(`${BASE}/v2/ltx-2-fast`, async () => {
        await delay('infinite')
        return HttpResponse.json({ request_id: 'late' })
      }),
    )
    const transport = createSegmindTransport({ baseUrl: BASE, timeoutMs: 30 })

    const error = await rejectionOf(transport.submit('ltx-2-fast', exampleInputs['ltx-2-fast']))

    expect(error).toMatchObject({ kind: 'timeout', retryable: false, jobMayExist: true })
    expect(error.message).toMatch(/may still have been created \(and billed\)\. The site's server log names it/)
    expect(requests('POST', '/api/ltx/segmind/v2/ltx-2-fast')).toHaveLength(1)
  })

  it('treats job ids as opaque: a proxy’s 200-character signed handle goes into the path as it is', async () => {
    // The shape ltx-react/server hands out: <id>.<mac>, of [A-Za-z0-9._-], at most 200 characters.
    const handle = `${'r'.repeat(120)}-Ab_9.${'m'.repeat(74)}`
    expect(handle).toHaveLength(200)
    const ref: JobRef = { id: handle, model: 'ltx-2-fast', provider: 'segmind', submittedAt: 1 }
    server.use(
      http.get(`${BASE}/v2/requests/:id/status`, () => HttpResponse.json({ status: 'COMPLETED' })),
      http.get(`${BASE}/v2/requests/:id`, () => HttpResponse.json({ status: 'COMPLETED', output: 'https://cdn.example.com/v.mp4' })),
    )
    const transport = createSegmindTransport({ baseUrl: BASE })

    expect(jobRefSchema.parse(ref)).toEqual(ref)
    const snapshot = await transport.status(ref)

    expect(snapshot).toMatchObject({ phase: 'succeeded', job: { id: handle } })
    expect(seen.map((r) => r.url.pathname)).toEqual([`/api/ltx/segmind/v2/requests/${handle}/status`, `/api/ltx/segmind/v2/requests/${handle}`])
  })

  it('never lets an id of dots climb out of the job path', async () => {
    const transport = createSegmindTransport({ baseUrl: BASE })

    for (const id of ['.', '..']) {
      const error = await rejectionOf(transport.status({ id, model: 'ltx-2-fast', provider: 'segmind', submittedAt: 1 }))
      expect(error).toMatchObject({ kind: 'validation', retryable: false })
    }
    expect(seen).toHaveLength(0)
  })
})
