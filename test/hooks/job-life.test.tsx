// @vitest-environment jsdom
import { renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useVideoJob } from '../../src/index'
import { advance, withSimulatedNetwork, settle, setup, statusCount } from './harness'

withSimulatedNetwork()

describe('the whole life of a job', () => {
  it('follows a Segmind job from submit to a playable video, then stops asking', async () => {
    const { sim, wrapper } = setup()
    const { result } = renderHook(() => useVideoJob({ model: 'ltx-2-fast' }), { wrapper })
    expect(result.current.phase).toBeNull()

    await advance(0)
    result.current.submit({ prompt: 'Waves at dusk' })
    await settle()
    expect(sim.count('segmind.submit')).toBe(1)
    expect(result.current.job?.provider).toBe('segmind')
    expect(result.current.phase).toBe('queued')
    expect(result.current.isWatching).toBe(true)

    const job = sim.job(result.current.job?.id ?? '')
    expect(job).toBeDefined()
    await advance((job?.startedAt ?? 0) - Date.now() + 2100)
    expect(result.current.phase).toBe('running')

    await advance((job?.endsAt ?? 0) - Date.now() + 2100)
    expect(result.current.phase).toBe('succeeded')
    expect(result.current.isTerminal).toBe(true)
    expect(result.current.video).toMatch(/\/sim\/videos\/.+\.mp4$/)
    expect(result.current.error).toBeNull()
    expect(sim.count('segmind.result')).toBe(1)

    // Segmind is asked every 2 s: about one status request per 2 s of the job's life.
    const lifeSec = ((job?.endsAt ?? 0) - (job?.createdAt ?? 0)) / 1000
    const asked = statusCount(sim, 'segmind')
    expect(asked).toBeGreaterThanOrEqual(Math.floor(lifeSec / 2))
    expect(asked).toBeLessThanOrEqual(Math.ceil(lifeSec / 2) + 2)

    // Nothing after the terminal phase.
    const before = sim.count()
    await advance(5 * 60_000)
    expect(sim.count()).toBe(before)
  })

  it('follows an APIXO job, waiting for the documented shortest generation time before the first check', async () => {
    const { sim, wrapper } = setup()
    const { result } = renderHook(() => useVideoJob({ model: 'ltx-2-19b' }), { wrapper })
    await advance(0)
    result.current.submit({ mode: 'text-to-video', prompt: 'A fox in snow', resolution: '480p', duration: 5 })
    await settle()
    expect(sim.count('apixo.submit')).toBe(1)
    expect(result.current.phase).toBe('queued')

    // 480p takes 40–60 s: nothing is asked before 40 s, when no video can be ready.
    await advance(39_900)
    expect(statusCount(sim, 'apixo')).toBe(0)
    await advance(100)
    expect(statusCount(sim, 'apixo')).toBe(1)

    const job = sim.job(result.current.job?.id ?? '')
    await advance((job?.endsAt ?? 0) - Date.now() + 5_100)
    expect(result.current.phase).toBe('succeeded')
    expect(result.current.video).toMatch(/\.mp4$/)
    expect(result.current.snapshot?.timings?.durationMs).toBeGreaterThan(0)

    const before = sim.count()
    await advance(10 * 60_000)
    expect(sim.count()).toBe(before)
  })

  it('shows a failed generation with the provider’s reason, as a failed phase, not a thrown error', async () => {
    const { sim, wrapper } = setup()
    const { result } = renderHook(() => useVideoJob({ model: 'ltx-video' }), { wrapper })
    await advance(0)
    result.current.submit({ prompt: 'A harbour at dawn [sim:content-violation]' })
    await settle()
    const job = sim.job(result.current.job?.id ?? '')
    await advance((job?.endsAt ?? 0) - Date.now() + 2100)
    expect(result.current.phase).toBe('failed')
    expect(result.current.error?.kind).toBe('generation-failed')
    expect(result.current.video).toBeUndefined()
    const before = sim.count()
    await advance(60_000)
    expect(sim.count()).toBe(before)
  })

  it('checks a 90 s APIXO 720p job at most 7 times and sees it finish within 5 s', async () => {
    // 720p takes 60–90 s: a job at the slow end of that, 5 s queued and 85 s generating.
    const { sim, wrapper } = setup({ script: { job: () => ({ queueMs: 5_000, runMs: 85_000 }) } })
    const { result } = renderHook(() => useVideoJob({ model: 'ltx-2-19b' }), { wrapper })
    await advance(0)
    result.current.submit({ mode: 'text-to-video', prompt: 'A fox in snow', resolution: '720p' })
    await settle()
    const job = sim.job(result.current.job?.id ?? '')
    const endsAt = job?.endsAt ?? 0
    expect(endsAt - (job?.createdAt ?? 0)).toBe(90_000)

    let seenAt: number | undefined
    for (let t = 0; t < 120 && seenAt === undefined; t++) {
      await advance(1_000)
      if (result.current.phase === 'succeeded') seenAt = Date.now()
    }
    expect(seenAt).toBeDefined()
    expect((seenAt ?? Infinity) - endsAt).toBeLessThanOrEqual(5_000)
    // 60 s, then every 5 s: 60, 65, 70, 75, 80, 85, 90.
    expect(statusCount(sim, 'apixo')).toBeLessThanOrEqual(7)
    const times = sim.requests.filter((r) => r.route === 'apixo.status').map((r) => (r.at - (job?.createdAt ?? 0)) / 1000)
    expect(times[0]).toBe(60)
    expect(times.slice(1).map((t, i) => t - (times[i] ?? 0))).toEqual(Array(times.length - 1).fill(5))
  })

  it('checks a resumed APIXO job, whose input is no longer known, from the advised 60 s after its submit', async () => {
    const ctx = setup({ script: { job: () => ({ queueMs: 5_000, runMs: 35_000 }) } })
    const first = renderHook(() => useVideoJob({ model: 'ltx-2-19b', persistKey: 'fox' }), { wrapper: ctx.wrapper })
    await advance(0)
    first.result.current.submit({ mode: 'text-to-video', prompt: 'A fox in snow', resolution: '480p' })
    await settle()
    const submittedAt = first.result.current.job?.submittedAt ?? 0
    await advance(10_000)
    first.unmount()

    // A reload 10 s after the submit: the stored JobRef has no input, so the 480p minimum (40 s)
    // is unknown. One look at once shows the job's phase; the next comes at the provider's
    // advised 60 s after the submit, then every 5 s.
    ctx.reload()
    const second = renderHook(() => useVideoJob({ model: 'ltx-2-19b', persistKey: 'fox' }), { wrapper: ctx.wrapper })
    await settle()
    expect(second.result.current.job?.submittedAt).toBe(submittedAt)
    expect(second.result.current.phase).toBe('running')
    expect(statusCount(ctx.sim, 'apixo')).toBe(1)
    await advance(submittedAt + 60_000 - Date.now() - 100)
    expect(statusCount(ctx.sim, 'apixo')).toBe(1)
    await advance(100)
    expect(statusCount(ctx.sim, 'apixo')).toBe(2)
    await settle()
    await advance(1_000)
    expect(second.result.current.phase).toBe('succeeded')
    expect(ctx.sim.count('apixo.submit')).toBe(1)
  })
})
