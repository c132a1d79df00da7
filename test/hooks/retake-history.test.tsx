// @vitest-environment jsdom
import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query'
import { renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { LtxProvider, retakeOptions, useJobHistory, useJobStatus, useRetake, useSubmitVideo, useVideoJob } from '../../src/index'
import { advance, withSimulatedNetwork, settle, setup } from './harness'

withSimulatedNetwork()

const source = { url: 'https://cdn.example.com/clip.mp4', durationSec: 10 }

describe('useRetake', () => {
  it('checks the segment against the source length before sending anything', async () => {
    const ctx = setup()
    const { result } = renderHook(() => useRetake({ source }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.submit({ start: 8.5, duration: 2 })
    await settle()
    expect(result.current.error?.kind).toBe('validation')
    expect(result.current.error?.issues).toEqual([
      { path: ['duration'], message: 'Segment runs past the end of the video: 8.5 s + 2 s is more than 10 s.' },
    ])
    result.current.submit({ start: 0, duration: 1 })
    await settle()
    expect(result.current.error?.issues[0]?.message).toBe('Segment length must be a number between 2 and 20 s.')
    expect(ctx.sim.count()).toBe(0)
  })

  it('submits ltx-retake-video with the segment and records the parent for lineage', async () => {
    const ctx = setup()
    const parentJob = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves' })
    const { result } = renderHook(() => ({ retake: useRetake({ source: { ...source, job: parentJob } }) }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.retake.submit({ start: 2, duration: 4, mode: 'replace_video', prompt: 'Make it night' })
    await settle()
    const job = result.current.retake.job
    expect(job?.model).toBe('ltx-retake-video')
    expect(job?.parent).toEqual({
      videoUrl: source.url,
      start: 2,
      duration: 4,
      job: { id: parentJob.id, provider: 'segmind', model: 'ltx-2-fast' },
    })
    const sent = ctx.sim.job(job?.id ?? '')?.input
    expect(sent).toEqual({ video_uri: source.url, start_time: 2, duration: 4, mode: 'replace_video', prompt: 'Make it night' })
    expect(ctx.sim.count('segmind.submit')).toBe(2)
  })

  it('exports its mutation options for apps that use useMutation directly', async () => {
    const ctx = setup()
    const { result } = renderHook(() => useMutation(retakeOptions(ctx.transports.segmind, source)), { wrapper: ctx.wrapper })
    await advance(0)
    const job = await result.current.mutateAsync({ start: 1, duration: 2 })
    expect(job.parent).toMatchObject({ start: 1, duration: 2, videoUrl: source.url })
    await expect(result.current.mutateAsync({ start: 9, duration: 2 })).rejects.toMatchObject({ kind: 'validation' })
    expect(ctx.sim.count('segmind.submit')).toBe(1)
  })

  it('follows the retake job like any other', async () => {
    const ctx = setup()
    const { result } = renderHook(
      () => {
        const retake = useRetake({ source })
        return { retake, status: useJobStatus(retake.job) }
      },
      { wrapper: ctx.wrapper },
    )
    await advance(0)
    result.current.retake.submit({ start: 0, duration: 3 })
    await settle()
    expect(result.current.status.phase).toBe('queued')
    await advance(120_000)
    expect(result.current.status.phase).toBe('succeeded')
    expect(result.current.status.video).toMatch(/\.mp4$/)
  })
})

describe('useJobHistory and persistence', () => {
  it('lists the jobs submitted under a key, newest first, and forgets one on request', async () => {
    const ctx = setup()
    const { result } = renderHook(
      () => ({ video: useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), history: useJobHistory('studio') }),
      { wrapper: ctx.wrapper },
    )
    await advance(0)
    await result.current.video.submitAsync({ prompt: 'first' })
    await settle()
    result.current.video.reset()
    await settle()
    expect(result.current.video.job).toBeNull()
    await result.current.video.submitAsync({ prompt: 'second' })
    await settle()
    const [newest, oldest] = result.current.history.jobs
    expect(result.current.history.jobs).toHaveLength(2)
    expect(newest?.id).toBe(result.current.video.job?.id)
    expect(ctx.storage.getItem('ltx-react:jobs:studio')).toContain(oldest?.id ?? 'missing')

    result.current.history.forget(oldest?.id ?? '')
    await settle()
    expect(result.current.history.jobs.map((j) => j.id)).toEqual([newest?.id])
    // Forgetting is local: the provider still has the job, and nothing was sent.
    expect(ctx.sim.count('segmind.submit')).toBe(2)
  })

  it('ignores corrupt stored entries without throwing, keeping the valid ones', async () => {
    const ctx = setup()
    ctx.storage.setItem(
      'ltx-react:jobs:studio',
      JSON.stringify({
        active: { id: 'x', model: 'nope', provider: 'segmind', submittedAt: 1 },
        history: [{ id: 'ok-1', model: 'ltx-video', provider: 'segmind', submittedAt: 1 }, 'garbage'],
      }),
    )
    const { result } = renderHook(() => useJobHistory('studio'), { wrapper: ctx.wrapper })
    expect(result.current.active).toBeNull()
    expect(result.current.jobs.map((j) => j.id)).toEqual(['ok-1'])
  })
})

describe('LtxProvider', () => {
  it('uses the app’s own QueryClient when inside a QueryClientProvider', async () => {
    const ctx = setup()
    const appClient = new QueryClient()
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={appClient}>
        <LtxProvider transports={ctx.transports} persist={false}>
          {children}
        </LtxProvider>
      </QueryClientProvider>
    )
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper })
    await advance(0)
    const job = await result.current.submitAsync({ prompt: 'Waves' })
    expect(appClient.getQueryData(['ltx', 'job', 'segmind', job.id])).toMatchObject({ phase: 'queued' })
  })

  it('gives every watch below it its polling defaults', async () => {
    const ctx = setup({ speed: 0.1 })
    const job = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves' })
    const polling = { segmindIntervalMs: 10_000 }
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <LtxProvider queryClient={ctx.client} transports={ctx.transports} persist={false} polling={polling}>
        {children}
      </LtxProvider>
    )
    renderHook(() => useJobStatus(job), { wrapper })
    await advance(30_500)
    // The first check at once, then one every 10 s instead of every 2 s.
    expect(ctx.sim.count('segmind.status')).toBe(4)
  })

  it('says how to fix a missing provider or transport', () => {
    expect(() => renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }))).toThrow(/need an <LtxProvider/)
    const ctx = setup()
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <LtxProvider transports={{ segmind: ctx.transports.segmind }}>{children}</LtxProvider>
    )
    expect(() => renderHook(() => useSubmitVideo({ model: 'ltx-2-19b' }), { wrapper })).toThrow(
      /No transport for apixo: pass transports=\{\{ apixo: createApixoTransport/,
    )
  })
})
