// @vitest-environment jsdom
import { renderHook } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createIdempotencyKey, type JobStorage, useRetake, useSubmitVideo, useVideoJob } from '../../src/index'
import { advance, server, settle, setup, withSimulatedNetwork } from './harness'

// Each user intent carries one Idempotency-Key: made when the user submits, stored with the
// pending intent before the request leaves, sent by both transports, and the same for every try
// of that intent (a confirmed resubmit, the same submit after a reload); a new intent gets a new one.

withSimulatedNetwork(() => server.events.removeAllListeners('request:start'))

const KEY = /^[A-Za-z0-9_-]{22,}$/

/** The Idempotency-Key of every submit msw saw, and what storage held under `storageKey` as each one left. */
function watchSubmits(storage: JobStorage, storageKey: string) {
  const sent: { key: string | null; storedBefore: string | undefined }[] = []
  const listener = ({ request }: { request: Request }) => {
    if (request.method === 'POST') sent.push({ key: request.headers.get('idempotency-key'), storedBefore: storage.getItem(storageKey) ?? undefined })
  }
  server.events.on('request:start', listener)
  return { sent, keys: () => sent.map((s) => s.key) }
}

function neverAnswers() {
  return setup({ slowMs: 10 * 60_000, script: { faults: [{ fault: 'slow', route: 'segmind.submit', afterCreate: true }] } })
}

describe('createIdempotencyKey', () => {
  it('makes 22 characters of base64url from 16 random bytes, a different one each time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => createIdempotencyKey()))
    expect(keys.size).toBe(200)
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })
})

describe('the Idempotency-Key of a submit', () => {
  it.each([
    ['Segmind', 'ltx-2-fast', 'segmind'],
    ['APIXO', 'ltx-2-19b', 'apixo'],
  ] as const)('is sent by the %s transport, stored with the pending intent before the request leaves', async (_name, model, provider) => {
    const ctx = setup()
    const submits = watchSubmits(ctx.storage, `ltx-react:jobs:ltx-submit:${model}`)
    const { result } = renderHook(() => useSubmitVideo({ model }), { wrapper: ctx.wrapper })
    await advance(0)
    const job = await result.current.submitAsync((provider === 'apixo' ? { mode: 'text-to-video', prompt: 'Waves' } : { prompt: 'Waves' }) as never)
    expect(job.provider).toBe(provider)
    const [first] = submits.sent
    expect(submits.sent).toHaveLength(1)
    expect(first?.key).toMatch(KEY)
    expect(JSON.parse(first?.storedBefore ?? '{}')).toMatchObject({ pending: { key: first?.key, at: expect.any(Number) } })
    // Answered with a job: the intent is over, nothing is left pending.
    expect(ctx.storage.getItem(`ltx-react:jobs:ltx-submit:${model}`)).toBeNull()
  })

  it('is new for a new intent: another input, or the same input after a success', async () => {
    const ctx = setup()
    const submits = watchSubmits(ctx.storage, 'ltx-react:jobs:ltx-submit:ltx-2-fast')
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    await result.current.submitAsync({ prompt: 'Waves' })
    await result.current.submitAsync({ prompt: 'Waves' })
    await result.current.submitAsync({ prompt: 'Dunes' })
    const keys = submits.keys()
    expect(keys).toHaveLength(3)
    expect(new Set(keys).size).toBe(3)
    expect(ctx.sim.jobs()).toHaveLength(3)
  })

  it('is the same for a confirmed resubmit of the same input after a timeout, and new for another input', async () => {
    const ctx = neverAnswers()
    const submits = watchSubmits(ctx.storage, 'ltx-react:jobs:ltx-submit:ltx-2-fast')
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.submit({ prompt: 'Waves' })
    await advance(61_000)
    expect(result.current.error).toMatchObject({ kind: 'timeout', jobMayExist: true })
    // Still pending, and marked: the job may exist.
    const stored = JSON.parse(ctx.storage.getItem('ltx-react:jobs:ltx-submit:ltx-2-fast') ?? '{}')
    expect(stored.pending).toMatchObject({ key: submits.keys()[0], mayExist: true })

    // Another input is another intent, even while one is pending.
    ctx.sim.inject({ fault: 'slow', route: 'segmind.submit', afterCreate: true })
    result.current.submit({ prompt: 'Dunes', duration: 8 }, { confirmResubmit: true })
    await advance(61_000)
    expect(result.current.error).toMatchObject({ kind: 'timeout' })
    // The same input, its keys in another order: the same intent, so the same key. Answered this time.
    await result.current.submitAsync({ duration: 8, prompt: 'Dunes' }, { confirmResubmit: true })
    // After a success, the same input is a new intent.
    await result.current.submitAsync({ duration: 8, prompt: 'Dunes' })
    const [first, second, third, fourth] = submits.keys()
    expect(submits.keys()).toHaveLength(4)
    expect(first).toMatch(KEY)
    expect(second).not.toBe(first)
    expect(third).toBe(second)
    expect(fourth).not.toBe(third)
  })

  it('survives a reload: the plain submit is still refused, and the confirmed one sends the same key', async () => {
    const ctx = neverAnswers()
    const submits = watchSubmits(ctx.storage, 'ltx-react:jobs:studio')
    const first = renderHook(() => useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), { wrapper: ctx.wrapper })
    await advance(0)
    first.result.current.submit({ prompt: 'Waves' })
    await advance(61_000)
    expect(first.result.current.submitError?.jobMayExist).toBe(true)
    first.unmount()

    ctx.reload()
    const second = renderHook(() => useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), { wrapper: ctx.wrapper })
    await advance(0)
    second.result.current.submit({ prompt: 'Waves' })
    await settle()
    expect(second.result.current.submitError).toMatchObject({ needsConfirmation: 'confirmResubmit' })
    expect(submits.keys()).toHaveLength(1)

    second.result.current.submit({ prompt: 'Waves' }, { confirmResubmit: true })
    await advance(61_000)
    expect(submits.keys()).toHaveLength(2)
    expect(submits.keys()[1]).toBe(submits.keys()[0])
    // The stored entry kept the pending intent beside the jobs, as storage holds it.
    expect(JSON.parse(submits.sent[1]?.storedBefore ?? '{}').pending.key).toBe(submits.keys()[0])
  })

  it('is one per intent for useRetake too (the source is part of the intent)', async () => {
    const ctx = setup()
    const submits = watchSubmits(ctx.storage, 'ltx-react:jobs:ltx-submit:ltx-retake-video')
    const source = { url: 'https://cdn.example.com/clip.mp4', durationSec: 10 }
    const { result } = renderHook(() => useRetake({ source }), { wrapper: ctx.wrapper })
    await advance(0)
    await result.current.submitAsync({ start: 1, duration: 2 })
    const [first] = submits.sent
    expect(first?.key).toMatch(KEY)
    expect(JSON.parse(first?.storedBefore ?? '{}').pending.key).toBe(first?.key)
  })
})

describe('useSubmitVideo behind a proxy with a job ledger', () => {
  const SUBMIT = 'http://localhost/api/ltx/segmind/v2/ltx-2-fast'
  const STATUS = 'http://localhost/api/ltx/segmind/v2/requests/:id/status'

  /** A proxy whose first submit makes the job and never answers; with a ledger, a repeat of its key gets that job. */
  function ledgerProxy(ledger: boolean) {
    const jobs = new Map<string, string>()
    const posts: (string | null)[] = []
    const headers: Record<string, string> = ledger ? { 'x-ltx-ledger': '1' } : {}
    server.use(
      http.post(SUBMIT, async ({ request }) => {
        const key = request.headers.get('idempotency-key')
        posts.push(key)
        const known = key === null ? undefined : jobs.get(key)
        if (ledger && known) return HttpResponse.json({ request_id: known }, { headers: { ...headers, 'x-ltx-idempotent-replay': 'true' } })
        jobs.set(key ?? '', `job-${jobs.size + 1}`)
        await delay('infinite')
        return HttpResponse.json({})
      }),
      http.get(STATUS, () => HttpResponse.json({ error: 'Request not found' }, { status: 404, headers })),
    )
    return { jobs, posts }
  }

  it('retries a timed-out submit with the same key by itself: one job, no error', async () => {
    const ctx = setup()
    const proxy = ledgerProxy(true)
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.submit({ prompt: 'Waves' })
    await advance(61_000)
    await advance(1_000)
    await settle()
    expect(result.current.error).toBeNull()
    expect(result.current.job?.id).toBe('job-1')
    expect(proxy.jobs.size).toBe(1)
    expect(proxy.posts).toHaveLength(2)
    expect(proxy.posts[1]).toBe(proxy.posts[0])
  })

  it('without the ledger header sends it once and asks for confirmation, as before', async () => {
    const ctx = setup()
    const proxy = ledgerProxy(false)
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.submit({ prompt: 'Waves' })
    await advance(61_000)
    await advance(5_000)
    expect(result.current.error).toMatchObject({ kind: 'timeout', jobMayExist: true })
    expect(proxy.posts).toHaveLength(1)
    result.current.submit({ prompt: 'Waves' })
    await settle()
    expect(result.current.error?.needsConfirmation).toBe('confirmResubmit')
    expect(proxy.posts).toHaveLength(1)
  })
})
