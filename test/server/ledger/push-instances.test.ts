import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleInputs } from '../../../src/testing/example-inputs'
import { startSimulatorServer, type SimulatorServer } from '../../../src/testing/start-simulator-server'
import { SECRET_KEYS, T0 } from '../proxy-stack'
import { startProxyProcess, type ProxyProcess } from './proxy-process'
import { startRedisServer, type RedisServer } from './redis-server'
import { eventually, jobData, openSse, type SseClient } from './push-sse-client'

// Two proxy processes sharing one real redis-server: one poll loop per job across both, and a
// job's end still reaches the browser when the instance that polled it dies.

let redis: RedisServer
let upstream: SimulatorServer
let probe: Redis
const procs = new Map<string, ProxyProcess>()
const urls = new Map<string, string>()
const clients: SseClient[] = []

async function startInstance(id: string): Promise<void> {
  const proc = await startProxyProcess(redis, upstream, { secret: 'push-test-secret-shared-by-every-instance-0123456789', pushInstanceId: id })
  procs.set(id, proc)
  urls.set(id, proc.base)
}

function kill(id: string): Promise<void> {
  const proc = procs.get(id)
  procs.delete(id)
  return proc?.kill() ?? Promise.resolve()
}

beforeAll(async () => {
  redis = await startRedisServer()
  probe = new Redis(redis.url)
  probe.on('error', () => undefined)
  upstream = await startSimulatorServer({ simulatorOptions: { now: () => T0, keys: SECRET_KEYS } })
  await Promise.all([startInstance('A'), startInstance('B')])
}, 60_000)

afterAll(async () => {
  for (const client of clients) client.close()
  await Promise.all([...procs.keys()].map(kill))
  probe.disconnect()
  await upstream.close()
  await redis.stop()
})

async function submit(on: string): Promise<{ handle: string; id: string }> {
  const reply = await fetch(`${urls.get(on)}/segmind/v2/ltx-video`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(exampleInputs['ltx-video']) })
  const { request_id: handle } = (await reply.json()) as { request_id: string }
  return { handle, id: upstream.simulator.jobs().at(-1)!.id }
}

async function watch(on: string, handle: string): Promise<SseClient> {
  const client = await openSse(`${urls.get(on)}/events?job=${encodeURIComponent(`segmind:ltx-video:${handle}`)}`)
  clients.push(client)
  expect(client.status).toBe(200)
  return client
}

const sawTheEnd = (client: SseClient) => client.events.some((event) => event.event === 'job' && JSON.stringify(jobData(event).body).includes('COMPLETED'))
const finish = (id: string) => {
  const job = upstream.simulator.jobs().find((planned) => planned.id === id)!
  upstream.simulator.advance(job.endsAt - upstream.simulator.now())
}

describe('two proxy processes, one Redis', () => {
  it('a client on A sees the end of a job submitted on A and polled by B, the lease holder', async () => {
    const { handle, id } = await submit('A')
    const onB = await watch('B', handle)
    expect(await eventually(async () => (await probe.get(`ltx:lease:segmind:${id}`)) === 'B'), 'B polls the job').toBe(true)
    const onA = await watch('A', handle)
    expect(await eventually(() => onA.events.length > 0 && onB.events.length > 0)).toBe(true)
    const before = upstream.simulator.count('segmind.status')
    expect(await eventually(() => upstream.simulator.count('segmind.status') >= before + 3)).toBe(true)
    // Only B reads upstream: A, a watcher too, never takes the lease while B renews it.
    expect(await probe.get(`ltx:lease:segmind:${id}`)).toBe('B')
    finish(id)
    expect(await eventually(() => sawTheEnd(onA) && sawTheEnd(onB))).toBe(true)
  })

  it('when the lease holder dies mid-job, the other instance takes the lease over and the end still arrives', async () => {
    const { handle, id } = await submit('A')
    const onA = await watch('A', handle)
    expect(await eventually(async () => (await probe.get(`ltx:lease:segmind:${id}`)) === 'A'), 'A polls the job').toBe(true)
    const onB = await watch('B', handle)
    expect(await eventually(() => onA.events.length > 0 && onB.events.length > 0)).toBe(true)
    await kill('A')
    expect(await eventually(async () => (await probe.get(`ltx:lease:segmind:${id}`)) === 'B'), 'B took the lease over').toBe(true)
    finish(id)
    expect(await eventually(() => sawTheEnd(onB)), 'the end reaches the client on B').toBe(true)
  })
})
