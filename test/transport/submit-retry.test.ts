import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createApixoTransport, createIdempotencyKey, createSegmindTransport, type LtxError } from '../../src/index'

// A submit is retried only when that cannot bill twice: it carries an idempotency key and the
// proxy said it keeps a job ledger (x-ltx-ledger: 1). A hand-written proxy on 127.0.0.1 plays the
// ledger's part: one job per key, a repeat answered with the stored reply (x-ltx-idempotent-replay).

interface Seen {
  readonly method: string
  readonly path: string
  readonly key: string | undefined
}

/** What the next submits get, in order: `hang` creates the job and never answers; others are status codes. */
type Step = 'hang' | 'answer' | 'pending' | 'mismatch' | 'gateway' | 'named-502' | 'key-refused'

const state = { ledger: true, steps: [] as Step[], seen: [] as Seen[], jobs: new Map<string, string>(), open: [] as ServerResponse[] }

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(state.ledger ? { 'x-ltx-ledger': '1' } : {}), ...headers })
  res.end(JSON.stringify(body))
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  const key = req.headers['idempotency-key'] as string | undefined
  state.seen.push({ method: req.method ?? '', path, key })
  req.resume()
  if (req.method !== 'POST') return reply(res, 404, { error: 'Request not found' }, { 'x-ltx-proxy': 'not-found' })
  const apixo = path.startsWith('/apixo')
  const jobBody = (id: string) => (apixo ? { code: 200, message: 'success', data: { taskId: id } } : { request_id: id, status: 'QUEUED' })
  // The ledger: a key already answered gets the stored reply, with no new job.
  const known = key === undefined ? undefined : state.jobs.get(key)
  if (known !== undefined && state.ledger) return reply(res, 200, jobBody(known), { 'x-ltx-idempotent-replay': 'true' })
  const step = state.steps.shift() ?? 'answer'
  const create = () => {
    const id = `job-${state.jobs.size + 1}`
    state.jobs.set(key ?? id, id)
    return id
  }
  if (step === 'hang') {
    create()
    state.open.push(res)
    return
  }
  if (step === 'pending') return reply(res, 409, { error: 'In flight.' }, { 'x-ltx-proxy': 'idempotency-pending' })
  if (step === 'mismatch') return reply(res, 422, { error: 'Key reused with another body.' }, { 'x-ltx-proxy': 'idempotency-mismatch' })
  if (step === 'gateway') return reply(res, 503, { error: 'Service Unavailable' })
  if (step === 'key-refused') return reply(res, 502, { error: 'Refused.' }, { 'x-ltx-proxy': 'upstream-key-refused' })
  if (step === 'named-502') return reply(res, 502, { request_id: create(), error: 'Upstream broke after creating it.' })
  reply(res, 200, jobBody(create()))
}

const server = createServer(handle)
let origin = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(() => {
  for (const res of state.open.splice(0)) res.destroy()
  Object.assign(state, { ledger: true, steps: [], seen: [], jobs: new Map() })
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const submits = () => state.seen.filter((s) => s.method === 'POST')

/** A Segmind transport that has read one reply of the proxy already (so it knows about the ledger), and times out fast. */
async function segmind() {
  const transport = createSegmindTransport({ baseUrl: `${origin}/segmind`, timeoutMs: 300 })
  await transport.status({ id: 'earlier', model: 'ltx-2-fast', provider: 'segmind', submittedAt: 0 }).catch(() => undefined)
  return transport
}

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a rejection'), (error: LtxError) => error)

describe('a submit behind a proxy with a job ledger', () => {
  it('is sent again with the same key after a timeout, and the ledger answers with the one job', async () => {
    const transport = await segmind()
    state.steps = ['hang']
    const key = createIdempotencyKey()
    const job = await transport.submit('ltx-2-fast', { prompt: 'Waves' }, { idempotencyKey: key })
    expect(state.jobs.size).toBe(1)
    expect(job.id).toBe(state.jobs.get(key))
    expect(submits()).toEqual([
      { method: 'POST', path: '/segmind/v2/ltx-2-fast', key },
      { method: 'POST', path: '/segmind/v2/ltx-2-fast', key },
    ])
  })

  it('asks the proxy with a GET (which bills nothing) when the timed-out submit was its first request', async () => {
    const transport = createSegmindTransport({ baseUrl: `${origin}/segmind`, timeoutMs: 300 })
    state.steps = ['hang']
    const key = createIdempotencyKey()
    const job = await transport.submit('ltx-2-fast', { prompt: 'Waves' }, { idempotencyKey: key })
    expect(job.id).toBe(state.jobs.get(key))
    expect(state.seen.map((s) => s.method)).toEqual(['POST', 'GET', 'POST'])
    expect(state.jobs.size).toBe(1)
  })

  it('does the same for APIXO, learning of the ledger from a failed reply', async () => {
    const transport = createApixoTransport({ baseUrl: `${origin}/apixo`, timeoutMs: 300 })
    state.steps = ['gateway']
    const key = createIdempotencyKey()
    const job = await transport.submit('ltx-2-19b', { mode: 'text-to-video', prompt: 'Waves' }, { idempotencyKey: key })
    expect(job).toMatchObject({ id: 'job-1', provider: 'apixo' })
    expect(submits().map((s) => s.key)).toEqual([key, key])
  })

  it('waits for a first try still in flight (409 idempotency-pending) and takes its job', async () => {
    const transport = await segmind()
    state.steps = ['pending']
    const job = await transport.submit('ltx-2-fast', { prompt: 'Waves' }, { idempotencyKey: createIdempotencyKey() })
    expect(job.id).toBe('job-1')
    expect(submits()).toHaveLength(2)
  })

  it('gives up after 3 tries, still saying the job may exist', async () => {
    const transport = await segmind()
    state.steps = ['gateway', 'gateway', 'gateway', 'gateway']
    const error = await failure(transport.submit('ltx-2-fast', { prompt: 'Waves' }, { idempotencyKey: createIdempotencyKey() }))
    expect(error).toMatchObject({ kind: 'upstream', status: 503, jobMayExist: true })
    expect(submits()).toHaveLength(3)
  })

  it.each([
    ['a 5xx that names its job', 'named-502'],
    ["the proxy's refused provider key", 'key-refused'],
  ] as const)('is not sent again after %s', async (_name, step) => {
    const transport = await segmind()
    state.steps = [step]
    await failure(transport.submit('ltx-2-fast', { prompt: 'Waves' }, { idempotencyKey: createIdempotencyKey() }))
    expect(submits()).toHaveLength(1)
  })

  it('turns 422 idempotency-mismatch into an error that says what to do, and does not retry it', async () => {
    const transport = await segmind()
    state.steps = ['mismatch']
    const error = await failure(transport.submit('ltx-2-fast', { prompt: 'Waves' }, { idempotencyKey: createIdempotencyKey() }))
    expect(error).toMatchObject({ name: 'LtxError', kind: 'validation', status: 422, retryable: false, jobMayExist: false })
    expect(error.message).toBe(
      'Not sent: this submit reused the idempotency key of a different input, so the proxy refused it and nothing was billed. Submit again: a changed input needs a new key (the hooks make one).',
    )
    expect(submits()).toHaveLength(1)
  })

  it('is sent once without a key', async () => {
    const transport = await segmind()
    state.steps = ['hang']
    const error = await failure(transport.submit('ltx-2-fast', { prompt: 'Waves' }))
    expect(error).toMatchObject({ kind: 'timeout', jobMayExist: true })
    expect(submits()).toHaveLength(1)
    expect(submits()[0]?.key).toBeUndefined()
  })

  it('refuses, unsent, a key the proxy would refuse', async () => {
    const transport = await segmind()
    const error = await failure(transport.submit('ltx-2-fast', { prompt: 'Waves' }, { idempotencyKey: 'short' }))
    expect(error).toMatchObject({ kind: 'validation', jobMayExist: false })
    expect(submits()).toHaveLength(0)
  })
})

describe('a submit behind a proxy without a ledger', () => {
  it.each([
    ['a timeout', 'hang'],
    ['a 503', 'gateway'],
  ] as const)('is never sent again after %s, key or not: today’s behaviour', async (_name, step) => {
    state.ledger = false
    const transport = await segmind()
    state.steps = [step]
    const error = await failure(transport.submit('ltx-2-fast', { prompt: 'Waves' }, { idempotencyKey: createIdempotencyKey() }))
    expect(error.jobMayExist).toBe(true)
    expect(submits()).toHaveLength(1)
    expect(state.jobs.size).toBe(step === 'hang' ? 1 : 0)
  })

  it('asks once with a GET when the submit was its first request, and then sends nothing more', async () => {
    state.ledger = false
    const transport = createSegmindTransport({ baseUrl: `${origin}/segmind`, timeoutMs: 300 })
    state.steps = ['hang']
    const error = await failure(transport.submit('ltx-2-fast', { prompt: 'Waves' }, { idempotencyKey: createIdempotencyKey() }))
    expect(error).toMatchObject({ kind: 'timeout', jobMayExist: true })
    expect(state.seen.map((s) => s.method)).toEqual(['POST', 'GET'])
  })

  it('forgets the ledger once a reply of its proxy no longer says so', async () => {
    const transport = await segmind()
    state.ledger = false
    await transport.status({ id: 'earlier', model: 'ltx-2-fast', provider: 'segmind', submittedAt: 0 }).catch(() => undefined)
    state.steps = ['gateway']
    await failure(transport.submit('ltx-2-fast', { prompt: 'Waves' }, { idempotencyKey: createIdempotencyKey() }))
    expect(submits()).toHaveLength(1)
  })
})
