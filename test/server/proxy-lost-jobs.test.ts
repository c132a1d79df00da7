import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LtxProxyOptions, ProxyLogEntry } from '../../src/server/create-ltx-proxy'
import { SECRET_KEYS, serveProxy, startHostileUpstream, type HostileUpstream } from './proxy-stack'

// A paid job is never lost: whenever a submit's reply names a job, its id reaches the log, even
// when the reply comes after the deadline, is over the size limit, or is a 5xx. A hand-written
// upstream on 127.0.0.1 answers late, never, too much, or with an error that names a job.

let hostile: HostileUpstream
const proxies: { close: () => Promise<void> }[] = []
const json = { 'content-type': 'application/json' }

beforeAll(async () => {
  hostile = await startHostileUpstream()
})
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()))
  await hostile.close()
})

async function proxyWith(extra: Partial<LtxProxyOptions>) {
  const logs: ProxyLogEntry[] = []
  const waits: Promise<unknown>[] = []
  const proxy = await serveProxy({
    authorize: 'anyone',
    segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: hostile.url },
    apixo: { apiKey: SECRET_KEYS.apixo, baseUrl: hostile.url },
    log: (entry) => logs.push(entry),
    waitUntil: (promise) => waits.push(promise),
    ...extra,
  })
  proxies.push(proxy)
  return { url: proxy.url, logs, waits }
}

const submitSegmind = (url: string) => fetch(`${url}/segmind/v2/ltx-2-fast`, { method: 'POST', headers: json, body: '{"prompt":"Waves"}' })
const submitApixo = (url: string) =>
  fetch(`${url}/apixo/api/v1/generateTask/ltx-2-19b`, { method: 'POST', headers: json, body: '{"input":{"mode":"text-to-video","prompt":"Waves"}}' })

describe('a submit whose reply comes late', () => {
  it('answers 504 at the deadline, keeps reading, and logs the job id when the reply arrives', async () => {
    hostile.reply({ delayMs: 600, body: '{"request_id":"req-late","status_url":"x","response_url":"y","metrics":{"cost":0.4}}' })
    const { url, logs, waits } = await proxyWith({ submitTimeoutMs: 150 })
    const before = hostile.requests.length
    const response = await submitSegmind(url)
    expect(response.status).toBe(504)
    expect(response.headers.get('x-ltx-proxy')).toBe('upstream-timeout')
    expect(logs).toEqual([expect.objectContaining({ kind: 'request', status: 504, jobId: undefined })])

    // The runtime was handed the background wait (waitUntil); it ends once the late reply is logged.
    expect(waits).toHaveLength(1)
    await waits[0]
    expect(hostile.requests.length - before, 'upstream calls').toBe(1)
    expect(logs[1]).toMatchObject({ kind: 'late-reply', route: 'segmind.submit', status: 504, upstreamStatus: 200, jobId: 'req-late', cost: 0.4 })
  })

  it('that never comes: after lateReplyMs a late-reply entry says so, without an id', async () => {
    hostile.reply(() => undefined) // accepts the request and never answers
    const { url, logs, waits } = await proxyWith({ submitTimeoutMs: 100, lateReplyMs: 200 })
    expect((await submitApixo(url)).status).toBe(504)
    await waits[0]
    expect(logs.map((entry) => [entry.kind, entry.jobId, entry.upstreamStatus])).toEqual([
      ['request', undefined, undefined],
      ['late-reply', undefined, undefined],
    ])
  })

  it('reads keep their shorter deadline while a submit gets its own longer one', async () => {
    hostile.reply({ delayMs: 400, body: '{"request_id":"req-slow","status_url":"x","response_url":"y"}' })
    const { url, logs } = await proxyWith({ timeoutMs: 100, submitTimeoutMs: 5_000 })
    const submitted = await submitSegmind(url)
    expect(submitted.status).toBe(200)
    const { request_id: handle } = (await submitted.json()) as { request_id: string }
    expect(logs.at(-1)).toMatchObject({ jobId: 'req-slow' })
    const read = await fetch(`${url}/segmind/v2/requests/${handle}/status`)
    expect(read.status).toBe(504)
  })
})

describe('a submit whose reply is too large', () => {
  const padding = 'x'.repeat(6 * 1024 * 1024)
  it.each([
    ['Segmind', submitSegmind, `{"request_id":"req-big","padding":"${padding}"}`, 'req-big'],
    ['APIXO', submitApixo, `{"code":200,"message":"success","data":{"taskId":"task-big"},"padding":"${padding}"}`, 'task-big'],
  ])('%s: 502 upstream-oversized, the job id in the log and its handle in the reply', async (name, submit, body, id) => {
    hostile.reply({ body })
    const { url, logs } = await proxyWith({})
    const response = await submit(url)
    expect(response.status).toBe(502)
    expect(response.headers.get('x-ltx-proxy')).toBe('upstream-oversized')
    const reply = (await response.json()) as { request_id?: string; data?: { taskId: string } | null }
    const handle = name === 'Segmind' ? reply.request_id : reply.data?.taskId
    expect(handle?.startsWith(`${id}.`)).toBe(true)
    expect(logs.at(-1)).toMatchObject({ status: 502, upstreamStatus: 200, jobId: id })
  })
})

describe('a submit answered with a 5xx that still names a job', () => {
  it.each([
    ['Segmind', submitSegmind, 500, '{"error":"Internal error after queueing","request_id":"req-500"}', 'req-500'],
    ['APIXO', submitApixo, 503, '{"code":503,"message":"busy","data":{"taskId":"task-503"}}', 'task-503'],
  ])('%s: the client gets the error with the job handle, the log gets the id', async (_name, submit, status, body, id) => {
    hostile.reply({ status, body })
    const { url, logs } = await proxyWith({})
    const response = await submit(url)
    expect(response.status).toBe(status)
    const text = await response.text()
    expect(text).toMatch(new RegExp(`"${id}\\.[A-Za-z0-9_-]{43}"`))
    expect(logs.at(-1)).toMatchObject({ status, upstreamStatus: status, jobId: id })
  })
})

describe('the connection limit', () => {
  it('a request that finds no free connection within its deadline is 503 upstream-busy, and nothing is sent', async () => {
    hostile.reply({ body: '{"request_id":"req-held","status_url":"x","response_url":"y"}' })
    const { url } = await proxyWith({ maxUpstreamConnections: 1, timeoutMs: 150, submitTimeoutMs: 5_000 })
    const { request_id: handle } = (await (await submitSegmind(url)).json()) as { request_id: string }
    hostile.reply({ delayMs: 1_000, body: '{"request_id":"req-held","status_url":"x","response_url":"y"}' })
    const before = hostile.requests.length
    const held = submitSegmind(url)
    // The submit holds the only connection once the upstream has it.
    for (let i = 0; i < 400 && hostile.requests.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 5))
    const busy = await fetch(`${url}/segmind/v2/requests/${handle}/status`)
    expect(busy.status).toBe(503)
    expect(busy.headers.get('x-ltx-proxy')).toBe('upstream-busy')
    expect((await held).status).toBe(200)
    expect(hostile.requests.length - before, 'only the submit went out').toBe(1)
  })
})
