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

  it('follows an APIXO job, waiting for part of the documented generation time before the first check', async () => {
    const { sim, wrapper } = setup()
    const { result } = renderHook(() => useVideoJob({ model: 'ltx-2-19b' }), { wrapper })
    await advance(0)
    result.current.submit({ mode: 'text-to-video', prompt: 'A fox in snow', resolution: '480p', duration: 5 })
    await settle()
    expect(sim.count('apixo.submit')).toBe(1)
    expect(result.current.phase).toBe('queued')

    // 480p takes 40–60 s: nothing is asked during the first 30 s (three quarters of 40 s).
    await advance(29_000)
    expect(statusCount(sim, 'apixo')).toBe(0)
    await advance(2_000)
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
})
