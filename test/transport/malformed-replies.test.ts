// Every reply parser of the transports, fed replies that are off the documented shape: each one
// is either read as the documented lenient reading or refused as `malformed-response` with the
// same sentence. Written against the zod schemas and kept when the parsers became plain checks
// (issue 17), so the two read replies alike.
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import type { JobRef, JobSnapshot } from '../../src/core/job'
import { errorFromResponse } from '../../src/providers/error-from-response'
import { exampleInputs } from '../../src/testing/example-inputs'
import { createApixoTransport } from '../../src/transport/create-apixo-transport'
import { createSegmindTransport } from '../../src/transport/create-segmind-transport'
import { useMswServer } from './msw-server'
import { rejectionOf } from './rejection-of'

const SEGMIND = 'http://localhost/api/ltx/segmind'
const APIXO = 'http://localhost/api/ltx/apixo'
const { server } = useMswServer()

const segmindJob: JobRef = { id: 'req_1', model: 'ltx-2-fast', provider: 'segmind', submittedAt: 1_700_000_000_000 }
const apixoJob: JobRef = { id: 'task_1', model: 'ltx-2-19b', provider: 'apixo', submittedAt: 1_700_000_000_000 }

const WATCH = 'Watching tries again; if it keeps failing, check that baseUrl points at the ltx-react proxy.'
const MAY_EXIST =
  "The job may still have been created (and billed). The site's server log names it (the ltx-react proxy logs every submit's job id), and so does the provider's dashboard. Check there before submitting again."
const unreadable = (name: string, what: string, submit: boolean) =>
  `${name} sent an unreadable reply: ${what}. ${submit ? MAY_EXIST : WATCH}`

/** A JSON body, or a raw text body when given a string that is not JSON. */
const reply = (body: unknown, status = 200) =>
  typeof body === 'string' && body.startsWith('!')
    ? new HttpResponse(body.slice(1), { status, headers: { 'content-type': 'text/plain' } })
    : HttpResponse.json(body as never, { status })

describe('Segmind replies off the documented shape', () => {
  it.each([
    ['an empty object', {}],
    ['an empty request_id', { request_id: '' }],
    ['a numeric request_id', { request_id: 5 }],
    ['a status_url that is not text', { request_id: 'r1', status_url: 5 }],
    ['an array', [{ request_id: 'r1' }]],
    ['text', '!accepted'],
    ['null', null],
  ])('refuses a submit reply with %s', async (_, body) => {
    server.use(http.post(`${SEGMIND}/v2/ltx-2-fast`, () => reply(body)))
    const error = await rejectionOf(createSegmindTransport({ baseUrl: SEGMIND }).submit('ltx-2-fast', exampleInputs['ltx-2-fast']))
    expect(error).toMatchObject({ kind: 'malformed-response', retryable: false, jobMayExist: true })
    expect(error.message).toBe(unreadable('Segmind', 'no request_id', true))
  })

  it('reads a submit reply with extra fields', async () => {
    server.use(http.post(`${SEGMIND}/v2/ltx-2-fast`, () => reply({ request_id: 'r1', status_url: 'x', response_url: 'y', extra: [1] })))
    const ref = await createSegmindTransport({ baseUrl: SEGMIND }).submit('ltx-2-fast', exampleInputs['ltx-2-fast'])
    expect(ref.id).toBe('r1')
  })

  it.each([
    ['an unknown state', { status: 'DONE' }],
    ['no state', {}],
    ['a numeric state', { status: 3 }],
    ['an array', [{ status: 'QUEUED' }]],
    ['text', '!PROCESSING'],
  ])('refuses a status reply with %s', async (_, body) => {
    server.use(http.get(`${SEGMIND}/v2/requests/req_1/status`, () => reply(body)))
    const error = await rejectionOf(createSegmindTransport({ baseUrl: SEGMIND }).status(segmindJob))
    expect(error).toMatchObject({ kind: 'malformed-response', retryable: true, requestId: 'req_1' })
    expect(error.message).toBe(unreadable('Segmind', 'not the documented status', false))
  })

  it.each<[string, unknown, Partial<JobSnapshot>]>([
    ['a state in any case', { status: 'processing' }, { phase: 'running', providerStatus: 'PROCESSING' }],
    ['a state in mixed case', { status: 'Queued' }, { phase: 'queued', providerStatus: 'QUEUED' }],
    ['metrics that are not an object', { status: 'QUEUED', metrics: 'odd' }, { phase: 'queued' }],
    ['null metrics', { status: 'QUEUED', metrics: null }, { phase: 'queued' }],
    ['metrics as an array', { status: 'QUEUED', metrics: [1] }, { phase: 'queued' }],
  ])('reads a status reply with %s', async (_, body, expected) => {
    server.use(http.get(`${SEGMIND}/v2/requests/req_1/status`, () => reply(body)))
    const snapshot = await createSegmindTransport({ baseUrl: SEGMIND }).status(segmindJob)
    expect(snapshot).toMatchObject(expected)
    expect(snapshot.metrics).toBeUndefined()
  })

  it('reads numeric metrics given as text and drops the ones that are not numbers', async () => {
    server.use(
      http.get(`${SEGMIND}/v2/requests/req_1/status`, () => reply({ status: 'PROCESSING', metrics: { cost: '0.5', queue_time: 'soon', retry_count: 2 } })),
    )
    const snapshot = await createSegmindTransport({ baseUrl: SEGMIND }).status(segmindJob)
    expect(snapshot.metrics).toEqual({ cost: 0.5, retryCount: 2 })
  })

  const completed = (result: unknown, status = 200) =>
    server.use(
      http.get(`${SEGMIND}/v2/requests/req_1/status`, () => reply({ status: 'COMPLETED' })),
      http.get(`${SEGMIND}/v2/requests/req_1`, () => reply(result, status)),
    )

  it.each([
    ['an empty list', { output: [] }],
    ['no output', { status: 'COMPLETED' }],
    ['a javascript: URL', { output: 'javascript:alert(1)' }],
    ['a list with a number in it', { output: ['https://cdn.example/a.mp4', 5] }],
    ['an object', { output: { url: 'https://cdn.example/a.mp4' } }],
  ])('refuses a result whose output is %s', async (_, body) => {
    completed(body)
    const error = await rejectionOf(createSegmindTransport({ baseUrl: SEGMIND }).status(segmindJob))
    expect(error).toMatchObject({ kind: 'malformed-response', retryable: true })
    expect(error.message).toBe(unreadable('Segmind', 'no video URL in `output`', false))
  })

  it.each([
    ['an unknown state', { status: 'DONE', output: 'https://cdn.example/a.mp4' }],
    ['an array', ['https://cdn.example/a.mp4']],
    ['text', '!https://cdn.example/a.mp4'],
  ])('refuses a result with %s', async (_, body) => {
    completed(body)
    const error = await rejectionOf(createSegmindTransport({ baseUrl: SEGMIND }).status(segmindJob))
    expect(error.message).toBe(unreadable('Segmind', 'not the documented result', false))
  })

  it('reads a result with several URLs, in any state case, and odd metrics dropped', async () => {
    completed({ status: 'completed', output: ['https://cdn.example/a.mp4', 'http://cdn.example/b.mp4'], metrics: 7 })
    const snapshot = await createSegmindTransport({ baseUrl: SEGMIND }).status(segmindJob)
    expect(snapshot).toMatchObject({
      phase: 'succeeded',
      output: { videoUrl: 'https://cdn.example/a.mp4', urls: ['https://cdn.example/a.mp4', 'http://cdn.example/b.mp4'] },
    })
    expect(snapshot.metrics).toBeUndefined()
  })

  it('reads a result in the FAILED state as a failed job', async () => {
    completed({ status: 'failed', error: 'NSFW input.', metrics: { cost: 0 } })
    const snapshot = await createSegmindTransport({ baseUrl: SEGMIND }).status(segmindJob)
    expect(snapshot).toMatchObject({ phase: 'failed', metrics: { cost: 0 } })
    expect(snapshot.error?.message).toBe('Segmind could not make this video: NSFW input. Change the input and submit again.')
  })

  it.each<[string, unknown, object | undefined]>([
    ['metrics', { error: 'Bad seed', metrics: { cost: '0.1' } }, { cost: 0.1 }],
    ['metrics that are not an object', { error: 'Bad seed', metrics: 'x' }, undefined],
    ['an array body', ['Bad seed'], undefined],
    ['a text body', '!Bad seed', undefined],
  ])('reads a 422 with %s as a failed job', async (_, body, metrics) => {
    server.use(http.get(`${SEGMIND}/v2/requests/req_1/status`, () => reply(body, 422)))
    const snapshot = await createSegmindTransport({ baseUrl: SEGMIND }).status(segmindJob)
    expect(snapshot.phase).toBe('failed')
    expect(snapshot.metrics).toEqual(metrics)
  })
})

describe('APIXO replies off the documented shape', () => {
  const submit = (body: unknown) => {
    server.use(http.post(`${APIXO}/api/v1/generateTask/ltx-2-19b`, () => reply(body)))
    return createApixoTransport({ baseUrl: APIXO }).submit('ltx-2-19b', exampleInputs['ltx-2-19b'])
  }
  const status = (data: unknown, envelope: object = {}) => {
    server.use(http.get(`${APIXO}/api/v1/statusTask/ltx-2-19b`, () => reply({ code: 200, message: 'success', data, ...envelope })))
    return createApixoTransport({ baseUrl: APIXO }).status(apixoJob)
  }

  it.each([
    ['a fractional code', { code: 200.5, data: { taskId: 't' } }],
    ['a code that is not digits', { code: '2OO', data: { taskId: 't' } }],
    ['no code', { data: { taskId: 't' } }],
    ['a message that is not text', { code: 200, message: 5, data: { taskId: 't' } }],
    ['an array', [{ code: 200 }]],
    ['text', '!ok'],
  ])('refuses an envelope with %s', async (_, body) => {
    const error = await rejectionOf(submit(body))
    expect(error).toMatchObject({ kind: 'malformed-response', jobMayExist: true })
    expect(error.message).toBe(unreadable('APIXO', 'not a { code, message, data } envelope', true))
  })

  it.each([
    ['an empty taskId', { taskId: '' }],
    ['a fractional taskId', { taskId: 1.5 }],
    ['no taskId', { id: 't' }],
    ['data as an array', [{ taskId: 't' }]],
    ['null data', null],
  ])('refuses a submit whose data has %s', async (_, data) => {
    const error = await rejectionOf(submit({ code: 200, message: null, data }))
    expect(error.message).toBe(unreadable('APIXO', 'no taskId', true))
  })

  it('reads a code given as digits and a numeric taskId as text', async () => {
    expect((await submit({ code: '200', data: { taskId: 7, extra: true } })).id).toBe('7')
  })

  it('reads a failure code given as digits inside an HTTP 200', async () => {
    const error = await rejectionOf(submit({ code: '402', message: 'Insufficient balance', data: null }))
    expect(error).toMatchObject({ kind: 'upstream', status: 402, message: 'Unexpected HTTP 402 from APIXO (Insufficient balance). Try again later or report it.' })
  })

  it.each([
    ['an unknown state', { state: 'done' }],
    ['no state', {}],
    ['a taskId that is an object', { state: 'pending', taskId: {} }],
    ['a failCode that is not text', { state: 'failed', failCode: 5 }],
    ['a failMsg that is not text', { state: 'failed', failMsg: ['x'] }],
    ['a resultJson that is a number', { state: 'pending', resultJson: 5 }],
    ['a resultJson that is an array', { state: 'success', resultJson: ['https://cdn.example/a.mp4'] }],
    ['data as an array', [{ state: 'pending' }]],
  ])('refuses a task status with %s', async (_, data) => {
    const error = await rejectionOf(status(data))
    expect(error).toMatchObject({ kind: 'malformed-response', retryable: true, requestId: 'task_1' })
    expect(error.message).toBe(unreadable('APIXO', 'unexpected task status', false))
  })

  it.each([
    ['not JSON', 'resultUrls'],
    ['null', null],
    ['absent', undefined],
    ['an empty list', '{"resultUrls":[]}'],
    ['an unsafe URL', '{"resultUrls":["javascript:alert(1)"]}'],
    ['JSON that is not an object', '["https://cdn.example/a.mp4"]'],
  ])('refuses a success whose resultJson is %s', async (_, resultJson) => {
    const error = await rejectionOf(status({ state: 'success', resultJson }))
    expect(error.message).toBe(unreadable('APIXO', 'success without usable resultUrls in resultJson', false))
  })

  it('reads a state in any case, and drops timings that are zero, null, negative or text', async () => {
    const snapshot = await status({ state: 'PROCESSING', taskId: 9, createTime: 0, completeTime: null, costTime: '5', failCode: null })
    expect(snapshot).toMatchObject({ phase: 'running', providerStatus: 'processing' })
    expect(snapshot.timings).toBeUndefined()
    const later = await status({ state: 'Pending', createTime: -1, costTime: 1200 })
    expect(later).toMatchObject({ phase: 'queued', providerStatus: 'pending', timings: { durationMs: 1200 } })
  })

  it('reads a success with extra fields in resultJson and in data', async () => {
    const snapshot = await status({ state: 'success', resultJson: '{"resultUrls":["https://cdn.example/a.mp4"],"seed":1}', extra: 1 })
    expect(snapshot.output).toEqual({ videoUrl: 'https://cdn.example/a.mp4', urls: ['https://cdn.example/a.mp4'] })
  })

  it('reads a failed task with a documented fail code, or APIXO’s own sentence', async () => {
    expect((await status({ state: 'failed', failCode: 'CONTENT_VIOLATION', failMsg: null })).error?.message).toBe(
      'The prompt or image breaks the content safety rules. Change it and submit again.',
    )
    expect((await status({ state: 'failed', failCode: 'constructor', failMsg: 'GPU lost.' })).error).toMatchObject({
      kind: 'generation-failed',
      failCode: 'constructor',
      message: 'APIXO could not make this video: GPU lost. Change the input or try again later.',
    })
  })
})

describe('The proxy’s field issues in a refused submit', () => {
  const refused = (body: unknown) =>
    errorFromResponse({
      provider: 'apixo',
      operation: 'submit',
      status: 400,
      headers: new Headers({ 'x-ltx-proxy': 'invalid-input' }),
      body: JSON.stringify(body),
    })

  it('reads issues whose paths are text and numbers, dropping the input key', () => {
    const error = refused({ error: 'image_urls: Too short.', issues: [{ path: ['input', 'image_urls', 0], message: 'Too short.', code: 'x' }] })
    expect(error.issues).toEqual([{ path: ['image_urls', 0], message: 'Too short.' }])
    expect(error.message).toBe('image_urls: Too short.')
  })

  it.each([
    ['no issues', { error: 'Bad input.', issues: [] }],
    ['an issue without a message', { error: 'Bad input.', issues: [{ path: ['prompt'] }] }],
    ['a path with a boolean in it', { error: 'Bad input.', issues: [{ path: [true], message: 'x' }] }],
    ['a path that is text', { error: 'Bad input.', issues: [{ path: 'prompt', message: 'x' }] }],
    ['issues that are not a list', { error: 'Bad input.', issues: { path: [], message: 'x' } }],
  ])('reads no issues from a body with %s', (_, body) => {
    const error = refused(body)
    expect(error.kind).toBe('validation')
    expect(error.issues).toEqual([])
    expect(error.message).toBe('APIXO rejected the request (Bad input). Check the input and submit again.')
  })
})
