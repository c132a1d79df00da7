import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { exampleInputs } from '../../../src/testing/example-inputs'
import { createMemoryStore } from '../../../src/server/ledger/create-memory-store'
import { SECRET_KEYS, serveProxy, startHostileUpstream, startProxyStack, type HostileUpstream } from '../proxy-stack'
import { openStore } from './ledger-stores'
import { startRedisServer, type RedisServer } from './redis-server'

// Idempotent submits through real sockets: a client → the proxy with a ledger → the simulator
// (which counts submits) or a hand-written upstream that holds its replies.

const INPUT = exampleInputs['ltx-video']
// A fresh key per test: the Redis suites share one redis-server.
let KEY = ''
beforeEach(() => {
  KEY = `intent-${randomUUID()}`
})

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(() => redis.stop())

function submit(base: string, { key, user, input = INPUT }: { key?: string; user?: string; input?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (key !== undefined) headers['idempotency-key'] = key
  if (user !== undefined) headers['x-user'] = user
  return fetch(`${base}/segmind/v2/ltx-video`, { method: 'POST', headers, body: JSON.stringify(input) })
}

const byHeader = (request: Request) => request.headers.get('x-user') ?? false

describe('without a store', () => {
  it('keeps today\'s behaviour: no ledger header, the key ignored, every submit sent', async () => {
    const stack = await startProxyStack()
    try {
      const first = await submit(stack.proxyUrl, { key: KEY })
      const second = await submit(stack.proxyUrl, { key: KEY })
      expect([first.status, second.status]).toEqual([200, 200])
      expect(first.headers.get('x-ltx-ledger')).toBeNull()
      expect(second.headers.get('x-ltx-idempotent-replay')).toBeNull()
      expect(((await first.json()) as { request_id: string }).request_id).not.toBe(((await second.json()) as { request_id: string }).request_id)
      expect(stack.sim.count('segmind.submit')).toBe(2)
      // Not even a bad key is looked at.
      expect((await submit(stack.proxyUrl, { key: 'short' })).status).toBe(200)
    } finally {
      await stack.close()
    }
  })
})

describe.each(['memory', 'ioredis', 'node-redis'] as const)('idempotent submits with the %s store', (kind) => {
  it('replays a retry with the same handle and 0 extra upstream submits; every reply says x-ltx-ledger: 1', async () => {
    const opened = await openStore(kind, () => redis)
    const stack = await startProxyStack({ proxy: { store: opened.store } })
    try {
      const first = await submit(stack.proxyUrl, { key: KEY })
      expect(first.status).toBe(200)
      expect(first.headers.get('x-ltx-ledger')).toBe('1')
      expect(first.headers.get('x-ltx-idempotent-replay')).toBeNull()
      const job = (await first.json()) as { request_id: string; status_url: string }
      const retry = await submit(stack.proxyUrl, { key: KEY })
      expect(retry.status).toBe(200)
      expect(retry.headers.get('x-ltx-idempotent-replay')).toBe('true')
      expect(await retry.json()).toEqual(job)
      expect(stack.sim.count('segmind.submit')).toBe(1)
      // The replayed handle reads the job.
      expect((await fetch(`${stack.proxyUrl}/segmind/v2/requests/${job.request_id}/status`)).status).toBe(200)
      // Not a route: still the ledger header.
      expect((await fetch(`${stack.proxyUrl}/nowhere`)).headers.get('x-ltx-ledger')).toBe('1')
      // A submit without a key is never deduplicated.
      await submit(stack.proxyUrl)
      await submit(stack.proxyUrl)
      expect(stack.sim.count('segmind.submit')).toBe(3)
    } finally {
      await stack.close()
      await opened.close()
    }
  })

  it('answers 422 for the same key with another body, with no upstream call', async () => {
    const opened = await openStore(kind, () => redis)
    const stack = await startProxyStack({ proxy: { store: opened.store } })
    try {
      expect((await submit(stack.proxyUrl, { key: KEY })).status).toBe(200)
      const other = await submit(stack.proxyUrl, { key: KEY, input: { ...INPUT, seed: 1 } })
      expect(other.status).toBe(422)
      expect(other.headers.get('x-ltx-proxy')).toBe('idempotency-mismatch')
      expect(stack.sim.count('segmind.submit')).toBe(1)
    } finally {
      await stack.close()
      await opened.close()
    }
  })

  it('sends 10 concurrent duplicates upstream once, and all get the same job', async () => {
    const opened = await openStore(kind, () => redis)
    const upstream = await startHostileUpstream({ status: 200, delayMs: 300, body: JSON.stringify({ request_id: 'job-0001', status_url: 'x', response_url: 'y' }) })
    const proxy = await serveProxy({ segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: upstream.url }, authorize: 'anyone', store: opened.store })
    try {
      const replies = await Promise.all(Array.from({ length: 10 }, () => submit(proxy.url, { key: KEY })))
      expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200))
      const bodies = await Promise.all(replies.map((r) => r.json() as Promise<{ request_id: string }>))
      expect(new Set(bodies.map((b) => b.request_id)).size).toBe(1)
      expect(bodies[0]?.request_id).not.toBe('job-0001')
      expect(replies.filter((r) => r.headers.get('x-ltx-idempotent-replay') === 'true')).toHaveLength(9)
      expect(upstream.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    } finally {
      await proxy.close()
      await upstream.close()
      await opened.close()
    }
  })

  it("scopes keys by authorize's user: another user with the same key gets a job of their own", async () => {
    const opened = await openStore(kind, () => redis)
    const stack = await startProxyStack({ proxy: { store: opened.store, authorize: byHeader } })
    try {
      const alice = (await (await submit(stack.proxyUrl, { key: KEY, user: 'alice' })).json()) as { request_id: string }
      const bob = await submit(stack.proxyUrl, { key: KEY, user: 'bob' })
      expect(bob.headers.get('x-ltx-idempotent-replay')).toBeNull()
      const bobJob = (await bob.json()) as { request_id: string }
      expect(bobJob.request_id).not.toBe(alice.request_id)
      expect(stack.sim.count('segmind.submit')).toBe(2)
      // Bob's other body under Alice's key is not a mismatch for him either: his scope is his own.
      const aliceAgain = await submit(stack.proxyUrl, { key: KEY, user: 'alice' })
      expect(((await aliceAgain.json()) as { request_id: string }).request_id).toBe(alice.request_id)
      // A user id that looks like a scope does not reach the anonymous one.
      expect((await submit(stack.proxyUrl, { key: KEY, user: '-' })).headers.get('x-ltx-idempotent-replay')).toBeNull()
      expect(stack.sim.count('segmind.submit')).toBe(3)
    } finally {
      await stack.close()
      await opened.close()
    }
  })
})

describe('hostile and failing submits with a store', () => {
  it.each([
    ['too short', 'abc'],
    ['too long', 'k'.repeat(129)],
    ['a slash', 'intent/../../0123456789'],
    ['a colon', 'ltx:idem:-:0123456789abcdef'],
    ['a space', 'intent 0123456789abcdef'],
    ['unicode', 'intent-ünïcødé-0123456789'],
    ['empty', ''],
  ])('refuses a key with %s: 400 bad-idempotency-key, nothing sent', async (_, key) => {
    const upstream = await startHostileUpstream()
    const proxy = await serveProxy({ segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: upstream.url }, authorize: 'anyone', store: createMemoryStore() })
    try {
      const headers = new Headers({ 'content-type': 'application/json' })
      headers.set('idempotency-key', key)
      const response = await fetch(`${proxy.url}/segmind/v2/ltx-video`, { method: 'POST', headers, body: JSON.stringify(INPUT) }).catch(() => undefined)
      // fetch refuses some header values itself; those never reach the proxy at all.
      if (response !== undefined) {
        expect(response.status).toBe(400)
        expect(response.headers.get('x-ltx-proxy')).toBe('bad-idempotency-key')
      }
      expect(upstream.requests).toHaveLength(0)
    } finally {
      await proxy.close()
      await upstream.close()
    }
  })

  it('frees the key when the upstream failed: a retry with it is sent again', async () => {
    const upstream: HostileUpstream = await startHostileUpstream({ status: 500, body: '{"error":"boom"}' })
    const proxy = await serveProxy({ segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: upstream.url }, authorize: 'anyone', store: createMemoryStore() })
    try {
      expect((await submit(proxy.url, { key: KEY })).status).toBe(500)
      upstream.reply({ status: 200, body: JSON.stringify({ request_id: 'job-0002', status_url: 'x', response_url: 'y' }) })
      const retry = await submit(proxy.url, { key: KEY })
      expect(retry.status).toBe(200)
      expect(retry.headers.get('x-ltx-idempotent-replay')).toBeNull()
      const again = await submit(proxy.url, { key: KEY })
      expect(again.headers.get('x-ltx-idempotent-replay')).toBe('true')
      expect(upstream.requests).toHaveLength(2)
    } finally {
      await proxy.close()
      await upstream.close()
    }
  })

  it('keeps the key pending after a timeout: the retry waits and gets the late job, with no second submit', async () => {
    const upstream = await startHostileUpstream({ status: 200, delayMs: 600, body: JSON.stringify({ request_id: 'job-0003', status_url: 'x', response_url: 'y' }) })
    const proxy = await serveProxy({
      segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: upstream.url },
      authorize: 'anyone',
      store: createMemoryStore(),
      submitTimeoutMs: 300,
    })
    try {
      const first = await submit(proxy.url, { key: KEY })
      expect(first.status).toBe(504)
      // The first's late reply comes while this one waits (up to submitTimeoutMs, then 409): ask until it did.
      let retry = await submit(proxy.url, { key: KEY })
      for (let i = 0; i < 20 && retry.status === 409; i++) retry = await submit(proxy.url, { key: KEY })
      expect(retry.status).toBe(200)
      expect(retry.headers.get('x-ltx-idempotent-replay')).toBe('true')
      expect(((await retry.json()) as { request_id: string }).request_id).toMatch(/^job-0003\./)
      expect(upstream.requests).toHaveLength(1)
    } finally {
      await proxy.close()
      await upstream.close()
    }
  })
})

describe('a store that fails', () => {
  it('still hands the client the job it was billed for', async () => {
    const memory = createMemoryStore()
    const broken = { ...memory, set: () => Promise.reject(new Error('store down')) }
    const stack = await startProxyStack({ proxy: { store: broken } })
    try {
      const response = await submit(stack.proxyUrl)
      expect(response.status).toBe(200)
      expect(((await response.json()) as { request_id: string }).request_id).toMatch(/\./)
      expect(stack.sim.count('segmind.submit')).toBe(1)
    } finally {
      await stack.close()
    }
  })
})
