import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../../src/server/ledger/create-memory-store'
import type { LedgerStore } from '../../../src/server/ledger/ledger-store'
import { eventsChannel, jobKey } from '../../../src/server/ledger/ledger-keys'
import { exampleInputs } from '../../../src/testing/example-inputs'
import { SECRET_KEYS } from '../proxy-stack'
import { startCallbackStack, type CallbackStack } from './callback-stack'
import { eventually } from './store-contract'

// APIXO callbacks received by the proxy: the simulator posts each task's end to the receiver
// URL the proxy gave it (a real one on 127.0.0.1), and status reads are answered from the ledger.

const INPUT = exampleInputs['ltx-2-19b']

let store: LedgerStore
let stack: CallbackStack
let events: string[]
beforeEach(async () => {
  store = createMemoryStore()
  stack = await startCallbackStack(store)
  events = []
})
afterEach(() => stack.close())

async function submit(body: unknown = { request_type: 'async', provider: 'auto', input: INPUT }) {
  const response = await fetch(`${stack.proxyUrl}/apixo/api/v1/generateTask/ltx-2-19b`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { response, body: (await response.json()) as { code: number; data: { taskId: string } | null } }
}

const status = async (handle: string) => {
  const response = await fetch(`${stack.proxyUrl}/apixo/api/v1/statusTask/ltx-2-19b?taskId=${handle}`)
  return { response, text: await response.text() }
}

/** Submit, and watch the job's events channel as the events route does. */
async function submitWatched() {
  const { body } = await submit()
  const handle = body.data?.taskId ?? ''
  const job = stack.sim.jobs().at(-1)
  if (job === undefined) throw new Error('no job')
  await store.subscribe(eventsChannel('apixo', job.id), (m) => events.push(m))
  return { handle, job }
}

describe('APIXO callbacks received by the proxy', () => {
  it("sends the proxy's own receiver URL with a fresh 32-byte token, in callback mode", async () => {
    const { handle, job } = await submitWatched()
    expect(job.requestType).toBe('callback')
    expect(job.callbackUrl).toMatch(new RegExp(`^${stack.origin}/api/ltx/apixo/callback/[A-Za-z0-9_-]{43}$`))
    expect(handle).not.toBe(job.id)
    const second = await submitWatched()
    expect(second.job.callbackUrl).not.toBe(job.callbackUrl)
  })

  it('answers status reads from the ledger, before and after the callback, with 0 upstream status calls', async () => {
    const { handle, job } = await submitWatched()
    const before = await status(handle)
    expect(before.response.status).toBe(200)
    expect(JSON.parse(before.text)).toMatchObject({ code: 200, data: { taskId: handle, state: 'processing' } })
    stack.sim.advance(job.endsAt - stack.sim.now())
    await stack.sim.flushCallbacks()
    expect(stack.sim.callbacks.map((c) => [c.status, c.delivered])).toEqual([[200, true]])
    expect(await eventually(() => events.length === 1)).toBe(true)
    const event = JSON.parse(events[0] ?? '{}') as { final: boolean; upstreamId: string; seq: number }
    expect(event).toMatchObject({ final: true, upstreamId: job.id, seq: 1 })
    const after = await status(handle)
    const data = (JSON.parse(after.text) as { data: { taskId: string; state: string; resultJson: string } }).data
    expect(data.state).toBe('success')
    expect(data.taskId).toBe(handle)
    expect(JSON.parse(data.resultJson)).toEqual({ resultUrls: [job.outputUrl] })
    // Rewritten like an upstream reply: the job is named by its handle only, and the key never leaves.
    expect(after.text.split(handle).join('')).not.toContain(job.id)
    expect(after.text).not.toContain(SECRET_KEYS.apixo)
    expect(stack.sim.count('apixo.status')).toBe(0)
  })

  it('takes duplicate deliveries harmlessly: one final, one event', async () => {
    const { job } = await submitWatched()
    stack.sim.advance(job.endsAt - stack.sim.now())
    await stack.sim.flushCallbacks()
    const recorded = await store.get(jobKey('apixo', job.id))
    const body = await (await fetch(`${stack.upstream.url}/api/v1/statusTask/ltx-2-19b?taskId=${job.id}`, { headers: { authorization: `Bearer ${SECRET_KEYS.apixo}` } })).text()
    const again = await Promise.all([1, 2, 3].map(() => fetch(job.callbackUrl ?? '', { method: 'POST', headers: { 'content-type': 'application/json' }, body })))
    expect(again.map((r) => r.status)).toEqual([200, 200, 200])
    expect(await store.get(jobKey('apixo', job.id))).toBe(recorded)
    expect(await eventually(() => events.length >= 1)).toBe(true)
    expect(events).toHaveLength(1)
  })

  it('answers 404 and writes nothing for a wrong token, another task, or no task; refuses a large body', async () => {
    const { job } = await submitWatched()
    const url = job.callbackUrl ?? ''
    const token = url.slice(url.lastIndexOf('/') + 1)
    const base = url.slice(0, url.lastIndexOf('/') + 1)
    const done = { code: 200, message: 'success', data: { taskId: job.id, state: 'success', resultJson: JSON.stringify({ resultUrls: ['https://evil.example/x.mp4'] }) } }
    const before = await store.get(jobKey('apixo', job.id))
    const post = (path: string, body: unknown) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) })
    const wrongToken = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    expect((await post(`${base}${wrongToken}`, done)).status).toBe(404)
    expect((await post(`${base}short`, done)).status).toBe(404)
    expect((await post(`${base}${token}`, { ...done, data: { ...done.data, taskId: 'another-task' } })).status).toBe(404)
    expect((await post(`${base}${token}`, { code: 200 })).status).toBe(404)
    expect((await post(`${base}${token}`, '{not json')).status).toBe(400)
    expect((await post(`${base}${token}`, { pad: 'x'.repeat(300 * 1024), ...done })).status).toBe(413)
    expect((await fetch(`${base}${token}`)).status).toBe(405)
    expect(await store.get(jobKey('apixo', job.id))).toBe(before)
    expect(events).toEqual([])
    expect(stack.sim.count('apixo.status')).toBe(0)
  })

  it("still refuses a browser's own callback_url", async () => {
    const { response } = await submit({ request_type: 'callback', callback_url: 'https://evil.example/hook', provider: 'auto', input: INPUT })
    expect(response.status).toBe(400)
    expect(stack.sim.jobs()).toHaveLength(0)
  })

  it('polls upstream as without callbacks once the documented time plus the margin has passed without one', async () => {
    const { handle, job } = await submitWatched()
    // The deadline passed (the record as the proxy wrote it, with the deadline moved to now).
    const raw = (await store.get(jobKey('apixo', job.id))) ?? '{}'
    const record = JSON.parse(raw) as { deadlineAt: number; submittedAt: number }
    // 720p: APIXO documents at most 90 s, plus the default 60 s margin.
    expect(record.deadlineAt - record.submittedAt).toBe(150_000)
    await store.set(jobKey('apixo', job.id), JSON.stringify({ ...record, deadlineAt: Date.now() - 1 }), 60_000)
    const read = await status(handle)
    expect(read.response.status).toBe(200)
    expect(JSON.parse(read.text)).toMatchObject({ data: { taskId: handle, state: 'pending' } })
    expect(stack.sim.count('apixo.status')).toBe(1)
  })
})

describe('apixo.callbacks options', () => {
  it('needs a store and a public origin', async () => {
    const { createLtxProxy } = await import('../../../src/server/create-ltx-proxy')
    expect(() => createLtxProxy({ apixo: { apiKey: 'k', baseUrl: 'https://api.example', callbacks: { origin: 'https://app.example' } }, authorize: 'anyone' })).toThrow(/needs a store/)
    expect(() => createLtxProxy({ apixo: { apiKey: 'k', baseUrl: 'https://api.example', callbacks: {} }, authorize: 'anyone', store: createMemoryStore() })).toThrow(/public origin/)
    expect(() => createLtxProxy({ apixo: { apiKey: 'k', baseUrl: 'https://api.example', callbacks: {} }, authorize: 'anyone', store: createMemoryStore(), origin: 'https://app.example' })).not.toThrow()
  })
})

describe('a lost callback', () => {
  it('is never waited for past the deadline: polled upstream once, the end recorded and published, later reads free', async () => {
    const lostStore = createMemoryStore()
    // Every delivery attempt fails, as a webhook lost on the way does.
    const lost = await startCallbackStack(lostStore, {}, { fetch: () => Promise.reject(new Error('dropped on the way')) })
    try {
      const submitted = (await (await fetch(`${lost.proxyUrl}/apixo/api/v1/generateTask/ltx-2-19b`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request_type: 'async', provider: 'auto', input: INPUT }),
      })).json()) as { data: { taskId: string } }
      const handle = submitted.data.taskId
      const job = lost.sim.jobs().at(-1)
      if (job === undefined) throw new Error('no job')
      const seen: string[] = []
      await lostStore.subscribe(eventsChannel('apixo', job.id), (m) => seen.push(m))
      lost.sim.advance(job.endsAt - lost.sim.now())
      await lost.sim.flushCallbacks()
      expect(lost.sim.callbacks.every((c) => !c.delivered)).toBe(true)
      const read = async () => (await (await fetch(`${lost.proxyUrl}/apixo/api/v1/statusTask/ltx-2-19b?taskId=${handle}`)).json()) as { data: { state: string } }
      // Before the deadline: the ledger still says under way, and upstream is not asked.
      expect((await read()).data.state).toBe('processing')
      expect(lost.sim.count('apixo.status')).toBe(0)
      const raw = (await lostStore.get(jobKey('apixo', job.id))) ?? '{}'
      await lostStore.set(jobKey('apixo', job.id), JSON.stringify({ ...JSON.parse(raw), deadlineAt: Date.now() - 1 }), 60_000)
      expect((await read()).data.state).toBe('success')
      expect(lost.sim.count('apixo.status')).toBe(1)
      expect(await eventually(() => seen.length === 1)).toBe(true)
      expect(JSON.parse(seen[0] ?? '{}')).toMatchObject({ final: true, upstreamId: job.id })
      expect((await read()).data.state).toBe('success')
      expect(lost.sim.count('apixo.status')).toBe(1)
    } finally {
      await lost.close()
    }
  })
})
