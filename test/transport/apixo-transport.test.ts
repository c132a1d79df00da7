import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import type { JobRef } from '../../src/core/job'
import { LtxError } from '../../src/models/ltx-error'
import { exampleInputs } from '../../src/testing/example-inputs'
import { apixoLtx219bModel } from '../../src/models/apixo-ltx-2-19b'
import { createApixoTransport } from '../../src/transport/create-apixo-transport'
import { useMswServer } from './msw-server'
import { rejectionOf } from './rejection-of'

const BASE = 'http://localhost/api/ltx/apixo'
const { server, seen, requests } = useMswServer()

const job: JobRef = { id: 'task_abc', model: 'ltx-2-19b', provider: 'apixo', submittedAt: 1_700_000_000_000 }

function statusReply(data: Record<string, unknown>) {
  return http.get(`${BASE}/api/v1/statusTask/ltx-2-19b`, ({ request }) => {
    if (new URL(request.url).searchParams.get('taskId') !== 'task_abc') {
      return HttpResponse.json({ code: 404, message: 'task not found', data: null })
    }
    return HttpResponse.json({ code: 200, message: 'success', data: { taskId: 'task_abc', ...data } })
  })
}

describe('APIXO transport: submitting', () => {
  it('wraps the validated input in { request_type, provider, input } and returns the taskId as a JobRef', async () => {
    server.use(
      http.post(`${BASE}/api/v1/generateTask/ltx-2-19b`, () =>
        HttpResponse.json({ code: 200, message: 'success', data: { taskId: 'task_abc' } }),
      ),
    )
    const transport = createApixoTransport({ baseUrl: BASE })

    const ref = await transport.submit('ltx-2-19b', apixoLtx219bModel.parse({ mode: 'text-to-video', prompt: 'A red fox in snow' }))

    expect(ref).toMatchObject({ id: 'task_abc', model: 'ltx-2-19b', provider: 'apixo' })
    const [post] = requests('POST', '/api/ltx/apixo/api/v1/generateTask/ltx-2-19b')
    expect(JSON.parse((await post?.body) ?? '')).toEqual({
      request_type: 'async',
      provider: 'auto',
      input: { mode: 'text-to-video', prompt: 'A red fox in snow', resolution: '720p', duration: 10 },
    })
  })

  it('sends callback mode and routing when the app asks for them', async () => {
    server.use(
      http.post(`${BASE}/api/v1/generateTask/ltx-2-19b`, () =>
        HttpResponse.json({ code: 200, message: 'success', data: { taskId: 'task_cb' } }),
      ),
    )
    const transport = createApixoTransport({
      baseUrl: BASE,
      requestType: 'callback',
      callbackUrl: 'https://app.example/api/ltx/apixo-callback',
      routing: 'official',
    })

    await transport.submit('ltx-2-19b', exampleInputs['ltx-2-19b'])

    const body = JSON.parse((await seen[0]?.body) ?? '') as Record<string, unknown>
    expect(body).toMatchObject({
      request_type: 'callback',
      callback_url: 'https://app.example/api/ltx/apixo-callback',
      provider: 'official',
    })
  })

  it('refuses callback mode without a callback URL when the transport is created', () => {
    expect(() => createApixoTransport({ baseUrl: BASE, requestType: 'callback' })).toThrow(LtxError)
  })

  it('wraps an input given with the model id as is, and reads the proxy’s field issues from its 400', async () => {
    const message = 'Image URLs needs exactly 1 item.'
    server.use(
      http.post(`${BASE}/api/v1/generateTask/ltx-2-19b`, () =>
        HttpResponse.json(
          { code: 400, message, data: null, issues: [{ path: ['input', 'image_urls'], message }, { path: ['callback_url'], message }] },
          { status: 400, headers: { 'x-ltx-proxy': 'validation' } },
        ),
      ),
    )
    const transport = createApixoTransport({ baseUrl: BASE })

    const error = await rejectionOf(transport.submit('ltx-2-19b', { mode: 'image-to-video', prompt: 'Animate', image_urls: [] }))

    const [post] = requests('POST', '/api/ltx/apixo/api/v1/generateTask/ltx-2-19b')
    expect(JSON.parse((await post?.body) ?? '')).toEqual({
      request_type: 'async',
      provider: 'auto',
      input: { mode: 'image-to-video', prompt: 'Animate', image_urls: [] },
    })
    expect(error).toMatchObject({ kind: 'validation', retryable: false, message })
    // Paths into the body's `input` become paths into the model input, as a definition gives them.
    expect(error.issues).toEqual([{ path: ['image_urls'], message }, { path: ['callback_url'], message }])
  })

  // requestType and routing are left to the types and to the proxy's check of the body.
  it('refuses a bad or missing callbackUrl when the transport is made, not at the first billed submit', () => {
    expect(() => createApixoTransport({ baseUrl: BASE, callbackUrl: 'javascript:alert(1)' })).toThrow(/callbackUrl must be an https:\/\/ URL/)
    expect(() => createApixoTransport({ baseUrl: BASE, requestType: 'callback' })).toThrow(/callbackUrl .*required when requestType is "callback"/)
    expect(() => createApixoTransport({ baseUrl: BASE, requestType: 'callback', callbackUrl: 'http://example.com/hook' })).toThrow(
      expect.objectContaining({ kind: 'validation' }),
    )
  })

  it('reads an error carried in the envelope of an HTTP 200 reply', async () => {
    server.use(
      http.post(`${BASE}/api/v1/generateTask/ltx-2-19b`, () =>
        HttpResponse.json({ code: 401, message: 'Invalid API key', data: null }),
      ),
    )
    const transport = createApixoTransport({ baseUrl: BASE })

    const error = await rejectionOf(transport.submit('ltx-2-19b', exampleInputs['ltx-2-19b']))

    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, retryable: false })
    expect(error.message).toContain('Invalid API key')
    expect(error.detail).toEqual({ code: 401, message: 'Invalid API key', data: null })
  })
})

describe('APIXO transport: watching a task', () => {
  it.each([
    ['pending', 'queued'],
    ['processing', 'running'],
  ] as const)('maps %s to %s and keeps the creation time', async (state, phase) => {
    server.use(statusReply({ state, resultJson: '', failCode: null, failMsg: null, createTime: 1_700_000_001_000, completeTime: null, costTime: null }))
    const transport = createApixoTransport({ baseUrl: BASE })

    const snapshot = await transport.status(job)

    expect(snapshot).toMatchObject({ job, phase, providerStatus: state, timings: { createdAt: 1_700_000_001_000 } })
    expect(snapshot.timings).toEqual({ createdAt: 1_700_000_001_000 })
    expect(snapshot.output).toBeUndefined()
  })

  it('reads the video URLs out of the resultJson string on success, with all three timings', async () => {
    server.use(
      statusReply({
        state: 'success',
        resultJson: JSON.stringify({ resultUrls: ['https://cdn.apixo.ai/v/task_abc.mp4', 'https://cdn.apixo.ai/v/task_abc-2.mp4'] }),
        failCode: null,
        failMsg: null,
        createTime: 1_700_000_001_000,
        completeTime: 1_700_000_076_000,
        costTime: 75_000,
      }),
    )
    const transport = createApixoTransport({ baseUrl: BASE })

    const snapshot = await transport.status(job)

    expect(snapshot).toMatchObject({
      phase: 'succeeded',
      providerStatus: 'success',
      output: {
        videoUrl: 'https://cdn.apixo.ai/v/task_abc.mp4',
        urls: ['https://cdn.apixo.ai/v/task_abc.mp4', 'https://cdn.apixo.ai/v/task_abc-2.mp4'],
      },
      timings: { createdAt: 1_700_000_001_000, completedAt: 1_700_000_076_000, durationMs: 75_000 },
    })
    expect(new URL(requests('GET', '/api/ltx/apixo/api/v1/statusTask/ltx-2-19b')[0]?.url ?? '').searchParams.get('taskId')).toBe(
      'task_abc',
    )
  })

  it.each([
    ['CONTENT_VIOLATION', /content safety/],
    ['INVALID_IMAGE_URL', /could not download the image/],
    ['INVALID_LORA_URL', /could not download a LoRA/],
  ])('reports fail code %s as a failed job that says what to change', async (failCode, advice) => {
    server.use(
      statusReply({ state: 'failed', resultJson: null, failCode, failMsg: 'rejected by upstream', createTime: 1_700_000_001_000, completeTime: 1_700_000_010_000, costTime: 9_000 }),
    )
    const transport = createApixoTransport({ baseUrl: BASE })

    const snapshot = await transport.status(job)

    expect(snapshot.phase).toBe('failed')
    expect(snapshot.error).toMatchObject({ kind: 'generation-failed', failCode, requestId: 'task_abc', retryable: false })
    expect(snapshot.error?.message).toMatch(advice)
    expect(snapshot.timings?.durationMs).toBe(9_000)
  })

  it.each(['GPU_OOM', 'constructor', 'toString'])('falls back to the provider text for a fail code it does not know (%s)', async (failCode) => {
    server.use(statusReply({ state: 'failed', failCode, failMsg: 'Out of GPU memory.' }))
    const transport = createApixoTransport({ baseUrl: BASE })

    const snapshot = await transport.status(job)

    expect(snapshot.error?.message).toBe('APIXO could not make this video: Out of GPU memory. Change the input or try again later.')
    expect(snapshot.error?.failCode).toBe(failCode)
  })

  it('takes a resultJson sent as an object of the documented shape as already parsed', async () => {
    server.use(statusReply({ state: 'success', resultJson: { resultUrls: ['https://cdn.apixo.ai/v/task_abc.mp4'] } }))

    const snapshot = await createApixoTransport({ baseUrl: BASE }).status(job)

    expect(snapshot).toMatchObject({ phase: 'succeeded', output: { videoUrl: 'https://cdn.apixo.ai/v/task_abc.mp4' } })
  })

  it('treats task ids as opaque: a proxy’s 200-character signed handle goes into the query as it is', async () => {
    const handle = `${'t'.repeat(130)}_x-Y.${'9'.repeat(65)}`
    expect(handle).toHaveLength(200)
    server.use(
      http.post(`${BASE}/api/v1/generateTask/ltx-2-19b`, () => HttpResponse.json({ code: 200, message: 'success', data: { taskId: handle } })),
      http.get(`${BASE}/api/v1/statusTask/ltx-2-19b`, () =>
        HttpResponse.json({ code: 200, message: 'success', data: { taskId: handle, state: 'processing' } }),
      ),
    )
    const transport = createApixoTransport({ baseUrl: BASE })

    const ref = await transport.submit('ltx-2-19b', exampleInputs['ltx-2-19b'])
    const snapshot = await transport.status(ref)

    expect(ref.id).toBe(handle)
    expect(snapshot).toMatchObject({ phase: 'running', job: { id: handle } })
    expect(seen[1]?.url.search).toBe(`?taskId=${handle}`)
  })

  it('refuses an envelope without its data instead of reading the fields beside it', async () => {
    server.use(
      http.post(`${BASE}/api/v1/generateTask/ltx-2-19b`, () => HttpResponse.json({ code: 200, message: 'ok', taskId: 'top-level' })),
      http.get(`${BASE}/api/v1/statusTask/ltx-2-19b`, () =>
        HttpResponse.json({ code: 200, message: 'ok', state: 'success', resultJson: '{"resultUrls":["https://cdn.example/v.mp4"]}' }),
      ),
    )
    const transport = createApixoTransport({ baseUrl: BASE })

    expect(await rejectionOf(transport.submit('ltx-2-19b', exampleInputs['ltx-2-19b']))).toMatchObject({ kind: 'malformed-response' })
    expect(await rejectionOf(transport.status(job))).toMatchObject({ kind: 'malformed-response' })
  })

  it('reports an unknown task (envelope code 404) as an expired job', async () => {
    server.use(statusReply({ state: 'pending' }))
    const transport = createApixoTransport({ baseUrl: BASE })

    const snapshot = await transport.status({ ...job, id: 'task_gone' })

    expect(snapshot.phase).toBe('expired')
    expect(snapshot.error).toMatchObject({ kind: 'expired', requestId: 'task_gone' })
  })

  it('reports an HTTP 404 on the status route as an expired job too', async () => {
    server.use(
      http.get(`${BASE}/api/v1/statusTask/ltx-2-19b`, () =>
        HttpResponse.json({ code: 404, message: 'Not Found', data: null }, { status: 404 }),
      ),
    )
    const transport = createApixoTransport({ baseUrl: BASE })

    expect((await transport.status(job)).phase).toBe('expired')
  })

  it('calls a header function before every request', async () => {
    server.use(statusReply({ state: 'processing' }))
    let n = 0
    const transport = createApixoTransport({ baseUrl: BASE, headers: () => ({ 'x-session': `s${++n}` }) })

    await transport.status(job)
    await transport.status(job)
    await transport.status(job)

    expect(seen.map((r) => r.headers.get('x-session'))).toEqual(['s1', 's2', 's3'])
  })
})
