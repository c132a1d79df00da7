import { describe, expect, it } from 'vitest'
import { exampleInputs } from '../../../src/testing/example-inputs'
import { serveProxy, startHostileUpstream, startProxyStack, SECRET_KEYS, type ProxyStack } from '../proxy-stack'
import { createMemoryStore } from '../../../src/server/ledger/create-memory-store'
import { countingStore, type CountingStore } from './counting-store'
import { closedAfterEach, eventually, jobData, openSse, type SseClient } from './push-sse-client'

// The SSE route `{basePath}/events` over real sockets: a client → the proxy → the simulator.

const opened = closedAfterEach<ProxyStack>()

const PUSH = { heartbeatMs: 40, pollIntervalMs: { segmind: 30, apixo: 30 }, idleMs: 60 }

async function start(store: CountingStore | undefined, authorize: 'anyone' | ((request: Request) => string | false) = 'anyone') {
  const s = await startProxyStack({ proxy: { ...(store === undefined ? {} : { store }), push: PUSH, authorize } })
  opened.stack = s
  return s
}

async function submit(s: ProxyStack, user = ''): Promise<string> {
  const reply = await fetch(`${s.proxyUrl}/segmind/v2/ltx-video`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': user },
    body: JSON.stringify(exampleInputs['ltx-video']),
  })
  expect(reply.status).toBe(200)
  return ((await reply.json()) as { request_id: string }).request_id
}

async function sse(s: ProxyStack, jobs: readonly string[], headers: Record<string, string> = {}) {
  const query = jobs.map((job) => `job=${encodeURIComponent(job)}`).join('&')
  const client = await openSse(`${s.proxyUrl}/events?${query}`, headers)
  opened.clients.push(client)
  return client
}

const byUser = (request: Request) => request.headers.get('x-user') || false
const jobEvents = (client: SseClient) => client.events.filter((event) => event.event === 'job')

describe('GET /events', () => {
  it('is a 404 without a store, as before', async () => {
    const s = await start(undefined)
    const handle = await submit(s)
    const client = await sse(s, [`segmind:ltx-video:${handle}`])
    expect(client.status).toBe(404)
  })

  it('streams the rewritten status of a job from its snapshot to its end, with heartbeats', async () => {
    const store = countingStore(createMemoryStore())
    const s = await start(store)
    const handle = await submit(s)
    const name = `segmind:ltx-video:${handle}`
    const client = await sse(s, [name])
    expect(client.status).toBe(200)
    expect(client.headers['content-type']).toMatch(/^text\/event-stream/)
    expect(client.headers['x-content-type-options']).toBe('nosniff')
    expect(client.headers['cache-control']).toBe('no-store')
    expect(await eventually(() => jobEvents(client).length > 0), 'the initial snapshot').toBe(true)
    const first = jobEvents(client)[0]!
    expect(first.id).toMatch(/^\d+-\d+$/)
    expect(jobData(first)).toMatchObject({ job: name, status: 200, body: { status: 'QUEUED' } })
    const planned = s.sim.jobs().at(-1)!
    s.advance(planned.endsAt - s.sim.now())
    expect(await eventually(() => jobEvents(client).some((event) => JSON.stringify(jobData(event).body).includes('COMPLETED'))), 'the end').toBe(true)
    expect(await eventually(() => client.comments.includes('hb')), 'a heartbeat').toBe(true)
    const everything = client.events.map((event) => event.data).join('\n')
    // The browser's copy: the handle, never the raw id, the key or the account's credits.
    expect(everything).not.toContain(SECRET_KEYS.segmind)
    expect(everything).not.toContain('remaining_credits')
    expect(everything.split(handle).join('')).not.toContain(planned.id)
    // At its end the loop stops and gives its lease up.
    expect(await eventually(async () => !(await store.keys()).some((key) => key.startsWith('ltx:lease:')))).toBe(true)
  })

  it('streams an APIXO job too (polled by the loop when no callback came), its task id replaced by the handle', async () => {
    const store = countingStore(createMemoryStore())
    const s = await start(store)
    const reply = await fetch(`${s.proxyUrl}/apixo/api/v1/generateTask/ltx-2-19b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request_type: 'async', provider: 'auto', input: exampleInputs['ltx-2-19b'] }),
    })
    const handle = ((await reply.json()) as { data: { taskId: string } }).data.taskId
    const client = await sse(s, [`apixo:ltx-2-19b:${handle}`])
    expect(await eventually(() => jobEvents(client).length > 0)).toBe(true)
    expect(jobData(jobEvents(client)[0]!)).toMatchObject({ status: 200, body: { data: { taskId: handle } } })
    const planned = s.sim.jobs().at(-1)!
    s.advance(planned.endsAt - s.sim.now())
    expect(await eventually(() => jobEvents(client).some((event) => JSON.stringify(jobData(event).body).includes('"state":"success"')))).toBe(true)
    expect(client.events.map((event) => event.data).join('\n')).not.toContain(SECRET_KEYS.apixo)
  })

  it('scrubs what a hostile upstream puts in a status body: the key, the account credits, its own host', async () => {
    const id = '0f5bc249-4b73-4532-8860-6e150108aa5e'
    const hostile = await startHostileUpstream({ status: 200, body: JSON.stringify({ request_id: id }) })
    const proxy = await serveProxy({
      segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: hostile.url },
      authorize: 'anyone',
      store: countingStore(createMemoryStore()),
      push: PUSH,
    })
    try {
      const submitted = await fetch(`${proxy.url}/segmind/v2/ltx-video`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(exampleInputs['ltx-video']) })
      const handle = ((await submitted.json()) as { request_id: string }).request_id
      hostile.reply({
        status: 200,
        body: JSON.stringify({ request_id: id, status: 'COMPLETED', echo: `key ${SECRET_KEYS.segmind}`, metrics: { remaining_credits: 991, cost: 0.4 } }),
      })
      const client = await openSse(`${proxy.url}/events?job=${encodeURIComponent(`segmind:ltx-video:${handle}`)}`)
      opened.clients.push(client)
      expect(await eventually(() => jobEvents(client).length > 0)).toBe(true)
      const data = jobData(jobEvents(client)[0]!)
      expect(data.body).toMatchObject({ request_id: handle, status: 'COMPLETED' })
      const text = client.events.map((event) => event.data).join('\n')
      expect(text).not.toContain(SECRET_KEYS.segmind)
      expect(text).not.toContain('remaining_credits')
      // exposeCost is off: the cost stays in the server's log.
      expect(text).not.toContain('"cost"')
      // The key was never sent anywhere but upstream, in its header.
      expect(hostile.requests.every((request) => request.headers['x-api-key'] === SECRET_KEYS.segmind)).toBe(true)
    } finally {
      for (const client of opened.clients.splice(0)) client.close()
      await proxy.close()
      await hostile.close()
    }
  })

  it('never watches another user’s job or a forged handle: no event, 0 upstream status calls', async () => {
    const store = countingStore(createMemoryStore())
    const s = await start(store, byUser)
    const handle = await submit(s, 'alice')
    const forged = `${handle.slice(0, -3)}AAA`
    const before = s.sim.count('segmind.status')
    const client = await sse(s, [`segmind:ltx-video:${handle}`, `segmind:ltx-video:${forged}`, 'segmind:ltx-video:not-a-handle'], { 'x-user': 'mallory' })
    expect(client.status).toBe(200)
    expect(await eventually(() => client.comments.filter((c) => c === 'hb').length >= 3)).toBe(true)
    expect(jobEvents(client)).toEqual([])
    expect(s.sim.count('segmind.status')).toBe(before)
    expect(store.listeners()).toBe(0)
    // Unauthenticated: 401, as for a status read.
    const anonymous = await sse(s, [`segmind:ltx-video:${handle}`])
    expect(anonymous.status).toBe(401)
  })

  it('refuses no job or more than 50 jobs on one connection', async () => {
    const s = await start(countingStore(createMemoryStore()))
    const handle = await submit(s)
    expect((await sse(s, [])).status).toBe(400)
    const many = Array.from({ length: 51 }, (_, i) => `segmind:ltx-video:${handle}${i}`)
    expect((await sse(s, many)).status).toBe(400)
  })

  it('resumes after Last-Event-ID: only newer snapshots are sent', async () => {
    const store = countingStore(createMemoryStore())
    const s = await start(store)
    const handle = await submit(s)
    const name = `segmind:ltx-video:${handle}`
    const first = await sse(s, [name])
    expect(await eventually(() => jobEvents(first).length > 0)).toBe(true)
    const seen = jobEvents(first).at(-1)!.id!
    first.close()
    const resumed = await sse(s, [name], { 'last-event-id': seen })
    expect(await eventually(() => resumed.comments.filter((c) => c === 'hb').length >= 3)).toBe(true)
    expect(jobEvents(resumed), 'the unchanged snapshot is not sent again').toEqual([])
    const planned = s.sim.jobs().at(-1)!
    s.advance(planned.endsAt - s.sim.now())
    expect(await eventually(() => jobEvents(resumed).length > 0)).toBe(true)
    expect(jobEvents(resumed).every((event) => event.id !== seen)).toBe(true)
    // A fresh connection (no Last-Event-ID) gets the current snapshot at once.
    const fresh = await sse(s, [name])
    expect(await eventually(() => jobEvents(fresh).length > 0)).toBe(true)
  })

  it('drops every subscription when the client closes, and the loop stops after its idle time', async () => {
    const store = countingStore(createMemoryStore())
    const s = await start(store)
    const handle = await submit(s)
    const client = await sse(s, [`segmind:ltx-video:${handle}`])
    expect(await eventually(() => jobEvents(client).length > 0)).toBe(true)
    expect(store.listeners()).toBe(1)
    client.close()
    expect(await eventually(() => store.listeners() === 0), 'no listener left').toBe(true)
    expect(await eventually(async () => !(await store.keys()).some((key) => key.startsWith('ltx:lease:'))), 'the lease given up').toBe(true)
    const after = s.sim.count('segmind.status')
    // Bounded: once the lease is gone no loop reads upstream any more (at most one read in flight).
    await eventually(() => false, 10, 25)
    expect(s.sim.count('segmind.status')).toBeLessThanOrEqual(after + 1)
  })
})
