import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleInputs } from '../../../src/testing/example-inputs'
import { startSimulatorServer, type SimulatorServer } from '../../../src/testing/start-simulator-server'
import { SECRET_KEYS, T0 } from '../proxy-stack'
import { startProxyProcess, type ProxyProcess } from './proxy-process'
import { startRedisServer, type RedisServer } from './redis-server'
import { eventually, jobData, openSse } from './push-sse-client'

// Two proxy processes sharing one real redis-server, in front of one simulator: what one
// instance learns (a callback, an idempotent submit) the other one knows.

let redis: RedisServer
let upstream: SimulatorServer
let a: ProxyProcess
let b: ProxyProcess
beforeAll(async () => {
  redis = await startRedisServer()
  upstream = await startSimulatorServer({ simulatorOptions: { now: () => T0, keys: SECRET_KEYS } })
  ;[a, b] = await Promise.all([startProxyProcess(redis, upstream), startProxyProcess(redis, upstream)])
}, 40_000)
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
  await upstream?.close()
  await redis?.stop()
})

const apixoSubmit = (base: string, key?: string) =>
  fetch(`${base}/apixo/api/v1/generateTask/ltx-2-19b`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
    body: JSON.stringify({ request_type: 'async', provider: 'auto', input: exampleInputs['ltx-2-19b'] }),
  })

describe('two proxy processes sharing one Redis', () => {
  it("the simulator's callback to A repeated to B: harmless, and A answers from the ledger with 0 upstream status calls", async () => {
    const submitted = (await (await apixoSubmit(a.base)).json()) as { data: { taskId: string } }
    const handle = submitted.data.taskId
    const job = upstream.simulator.jobs().at(-1)
    expect(job?.callbackUrl?.startsWith(`${a.origin}/api/ltx/apixo/callback/`)).toBe(true)
    upstream.simulator.advance((job?.endsAt ?? 0) - upstream.simulator.now())
    // A's callback went to A (the simulator delivers it): here the same body is delivered to B instead.
    await upstream.simulator.flushCallbacks()
    const body = await (await fetch(`${upstream.url}/api/v1/statusTask/ltx-2-19b?taskId=${job?.id ?? ''}`, { headers: { authorization: `Bearer ${SECRET_KEYS.apixo}` } })).text()
    upstream.simulator.clearLog()
    const onB = (job?.callbackUrl ?? '').replace(a.origin, b.origin)
    expect((await fetch(onB, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200)
    const read = await fetch(`${a.base}/apixo/api/v1/statusTask/ltx-2-19b?taskId=${handle}`)
    expect(read.status).toBe(200)
    expect(((await read.json()) as { data: { state: string; taskId: string } }).data).toMatchObject({ state: 'success', taskId: handle })
    expect(upstream.simulator.count('apixo.status')).toBe(0)
  })

  it('a callback delivered to B only is seen by a status read on A, with 0 upstream status calls', async () => {
    const submitted = (await (await apixoSubmit(a.base)).json()) as { data: { taskId: string } }
    const job = upstream.simulator.jobs().at(-1)
    const token = (job?.callbackUrl ?? '').split('/').at(-1) ?? ''
    upstream.simulator.clearLog()
    // A hand-made delivery (the simulator's own went to A, before the job ended: none yet).
    const done = { code: 200, message: 'success', data: { taskId: job?.id, state: 'failed', resultJson: null, failCode: 'CONTENT_VIOLATION', failMsg: 'Content violation' } }
    expect((await fetch(`${b.base}/apixo/callback/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(done) })).status).toBe(200)
    const read = await fetch(`${a.base}/apixo/api/v1/statusTask/ltx-2-19b?taskId=${submitted.data.taskId}`)
    expect(((await read.json()) as { data: { state: string; failCode: string } }).data).toMatchObject({ state: 'failed', failCode: 'CONTENT_VIOLATION' })
    expect(upstream.simulator.count('apixo.status')).toBe(0)
  })

  it('a callback delivered to B reaches an SSE client on A through Redis, with 0 upstream status calls', async () => {
    const submitted = (await (await apixoSubmit(a.base)).json()) as { data: { taskId: string } }
    const job = upstream.simulator.jobs().at(-1)
    const token = (job?.callbackUrl ?? '').split('/').at(-1) ?? ''
    const client = await openSse(`${a.base}/events?job=${encodeURIComponent(`apixo:ltx-2-19b:${submitted.data.taskId}`)}`)
    try {
      expect(client.status).toBe(200)
      upstream.simulator.clearLog()
      const done = { code: 200, message: 'success', data: { taskId: job?.id, state: 'failed', resultJson: null, failCode: 'CONTENT_VIOLATION', failMsg: 'Content violation' } }
      expect((await fetch(`${b.base}/apixo/callback/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(done) })).status).toBe(200)
      const ended = () => client.events.some((event) => event.event === 'job' && JSON.stringify(jobData(event).body).includes('CONTENT_VIOLATION'))
      expect(await eventually(ended), 'the end reaches the client on A').toBe(true)
      // The browser sees its signed handle where the provider wrote its own id.
      const last = jobData(client.events.at(-1)!).body as { data: { taskId: string } }
      expect(last.data.taskId).toBe(submitted.data.taskId)
      expect(upstream.simulator.count('apixo.status')).toBe(0)
    } finally {
      client.close()
    }
  })

  it("an idempotent retry on B returns A's job with 0 extra submits", async () => {
    const key = `two-process-${Date.now()}-intent`
    const onA = await apixoSubmit(a.base, key)
    expect(onA.status).toBe(200)
    const submits = upstream.simulator.count('apixo.submit')
    const onB = await apixoSubmit(b.base, key)
    expect(onB.status).toBe(200)
    expect(onB.headers.get('x-ltx-idempotent-replay')).toBe('true')
    expect(onB.headers.get('x-ltx-ledger')).toBe('1')
    expect(await onB.json()).toEqual(await onA.json())
    expect(upstream.simulator.count('apixo.submit')).toBe(submits)
  })
})
