import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleInputs } from '../../../src/testing/example-inputs'
import { startSimulatorServer, type SimulatorServer } from '../../../src/testing/start-simulator-server'
import { SECRET_KEYS, T0 } from '../proxy-stack'
import { startRedisServer, type RedisServer } from './redis-server'

// Two proxy processes sharing one real redis-server, in front of one simulator: what one
// instance learns (a callback, an idempotent submit) the other one knows.

const SCRIPT = join(import.meta.dirname, 'ledger-proxy-process.ts')
const START_WAIT_MS = 15_000

interface ProxyProcess {
  readonly origin: string
  readonly base: string
  stop(): Promise<void>
}

function startProxyProcess(redis: RedisServer, upstream: SimulatorServer): Promise<ProxyProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, REDIS_URL: redis.url, UPSTREAM_URL: upstream.url, LTX_SECRET: 'two-process-secret-0123456789abcdefghij', SEGMIND_KEY: SECRET_KEYS.segmind, APIXO_KEY: SECRET_KEYS.apixo },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.pid === undefined) return resolve()
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      process.kill(child.pid, 'SIGTERM')
    })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`proxy process did not start within ${START_WAIT_MS} ms: ${err.slice(-800)}`))
    }, START_WAIT_MS)
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const origin = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]
      if (origin === undefined) return
      clearTimeout(timer)
      resolve({ origin, base: `${origin}/api/ltx`, stop })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`proxy process exited (${String(code)}): ${err.slice(-800)}`))
    })
  })
}

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
