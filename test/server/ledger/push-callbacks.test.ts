import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../../src/server/ledger/create-memory-store'
import { jobKey, snapshotKey } from '../../../src/server/ledger/ledger-keys'
import { exampleInputs } from '../../../src/testing/example-inputs'
import { startCallbackStack, type CallbackStack } from './callback-stack'
import { countingStore, type CountingStore } from './counting-store'
import { closedAfterEach, eventually, jobData, openSse, type SseClient } from './push-sse-client'

// An SSE client on an APIXO job submitted with a callback, over 127.0.0.1: the simulator posts
// the job's end to the proxy's receiver. While the callback is due the poll loop does not ask
// upstream; a lost callback is made up for by polling once the deadline has passed.

const PUSH = { heartbeatMs: 40, pollIntervalMs: { segmind: 30, apixo: 30 }, idleMs: 60 }

const opened = closedAfterEach<CallbackStack>()

async function watchedCallbackJob(store: CountingStore) {
  const s = await startCallbackStack(store, { push: PUSH })
  opened.stack = s
  const reply = await fetch(`${s.proxyUrl}/apixo/api/v1/generateTask/ltx-2-19b`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ request_type: 'async', provider: 'auto', input: exampleInputs['ltx-2-19b'] }),
  })
  expect(reply.status).toBe(200)
  const handle = ((await reply.json()) as { data: { taskId: string } }).data.taskId
  const job = s.sim.jobs().at(-1)!
  expect(job.requestType).toBe('callback')
  const client = await openSse(`${s.proxyUrl}/events?job=${encodeURIComponent(`apixo:ltx-2-19b:${handle}`)}`)
  opened.clients.push(client)
  expect(client.status).toBe(200)
  // A tick of the job's poll loop begins with a read of its snapshot: a few ticks have run by now.
  const record = jobKey('apixo', job.id)
  const snapshot = snapshotKey('apixo', job.id)
  const ticks = (more: number) => {
    const target = store.reads(snapshot) + more
    return eventually(() => store.reads(snapshot) >= target)
  }
  expect(await ticks(3)).toBe(true)
  return { s, handle, job, client, record, ticks }
}

/** The rewritten APIXO status body of the job's end (`state: 'success'`) among the client's events. */
const endOf = (client: SseClient) =>
  client.events
    .filter((event) => event.event === 'job')
    .map((event) => jobData(event).body)
    .map((body) => (typeof body === 'object' ? (body.data as { state?: string; taskId?: string } | null) : null))
    .find((data) => data?.state === 'success')

describe('push of an APIXO job that calls back', () => {
  it('sees the end the callback brings, with 0 upstream status calls', async () => {
    const store = countingStore(createMemoryStore())
    const { s, handle, job, client } = await watchedCallbackJob(store)
    expect(s.sim.count('apixo.status'), 'not polled while the callback is due').toBe(0)
    s.sim.advance(job.endsAt - s.sim.now())
    await s.sim.flushCallbacks()
    expect(s.sim.callbacks.map((c) => c.delivered)).toEqual([true])
    expect(await eventually(() => endOf(client) !== undefined)).toBe(true)
    expect(endOf(client)?.taskId).toBe(handle)
    expect(s.sim.count('apixo.status')).toBe(0)
    // The callback's event stopped the loop: its lease is given up.
    expect(await eventually(async () => !(await store.keys()).some((key) => key.startsWith('ltx:lease:')))).toBe(true)
    expect(s.sim.count('apixo.status')).toBe(0)
  })

  it('with the callback dropped, sees the end once the deadline has passed, by polling', async () => {
    const store = countingStore(createMemoryStore())
    const { s, job, client, record, ticks } = await watchedCallbackJob(store)
    s.sim.inject({ callback: { kind: 'drop' } })
    s.sim.advance(job.endsAt - s.sim.now())
    await s.sim.flushCallbacks()
    expect(s.sim.callbacks.filter((c) => c.delivered)).toEqual([])
    // The job has ended upstream, but before the deadline the loop still waits for the callback.
    expect(await ticks(3)).toBe(true)
    expect(s.sim.count('apixo.status')).toBe(0)
    expect(endOf(client)).toBeUndefined()
    // The deadline (documented 150 s plus the margin) moved to just ahead, as if that time had passed.
    const raw = (await store.get(record))!
    await store.set(record, JSON.stringify({ ...(JSON.parse(raw) as object), deadlineAt: Date.now() + 50 }), 60_000)
    expect(await eventually(() => endOf(client) !== undefined), 'the end, polled').toBe(true)
    expect(s.sim.count('apixo.status')).toBeGreaterThanOrEqual(1)
  })
})
