// @vitest-environment jsdom
import { focusManager, onlineManager } from '@tanstack/react-query'
import { render, renderHook, screen } from '@testing-library/react'
import { StrictMode, useEffect } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { apixoLtx219bModel, ltx2FastModel, submitVideoOptions, useJobStatus, useSubmitVideo, useVideoJob, type JobRef, type VideoTransport } from '../../src/index'
import { advance, withSimulatedNetwork, settle, setup, statusCount } from './harness'

withSimulatedNetwork(() => {
  onlineManager.setOnline(true)
  focusManager.setFocused(undefined)
})

function Watcher({ job, name }: { job: JobRef; name: string }) {
  const status = useJobStatus(job)
  return (
    <p>
      {name}: {status.phase ?? 'checking'}
    </p>
  )
}

async function submitDirectly(ctx: ReturnType<typeof setup>, prompt = 'Waves at dusk'): Promise<JobRef> {
  let job: JobRef | undefined
  await ctx.transports.segmind.submit('ltx-2-fast', { prompt }).then((j) => (job = j))
  await settle()
  if (job === undefined) throw new Error('submit failed')
  return job
}

describe('watching a job', () => {
  it('makes as many status requests for three watchers as for one', async () => {
    const counts: number[] = []
    for (const watchers of [1, 3]) {
      const ctx = setup()
      const job = await submitDirectly(ctx)
      const { unmount } = render(
        <>
          {Array.from({ length: watchers }, (_, i) => (
            <Watcher key={i} job={job} name={`watcher ${i + 1}`} />
          ))}
        </>,
        { wrapper: ctx.wrapper },
      )
      await advance(60_000)
      expect(screen.getAllByText(/: succeeded$/)).toHaveLength(watchers)
      counts.push(statusCount(ctx.sim, 'segmind') + ctx.sim.count('segmind.result'))
      unmount()
    }
    expect(counts[0]).toBeGreaterThan(5)
    expect(counts[1]).toBe(counts[0])
  })

  it('keeps one watcher’s polling options when another watcher sets none, and takes defaults from LtxProvider', async () => {
    const ctx = setup({ speed: 0.1 })
    const job = await submitDirectly(ctx)
    function Pair() {
      useJobStatus(job, { polling: { segmindIntervalMs: 500 } })
      useJobStatus(job)
      return null
    }
    render(<Pair />, { wrapper: ctx.wrapper })
    await advance(10_100)
    // Every 500 ms, not every 2 s: the plain watcher did not reset the custom interval.
    expect(statusCount(ctx.sim, 'segmind')).toBeGreaterThanOrEqual(19)
  })

  it('re-renders a watcher when the job changes, not on every poll that finds nothing new', async () => {
    const ctx = setup()
    const job = await submitDirectly(ctx)
    let renders = 0
    function Counted() {
      renders++
      return <p>{useJobStatus(job).phase ?? 'checking'}</p>
    }
    render(<Counted />, { wrapper: ctx.wrapper })
    await advance(60_000)
    expect(screen.getByText('succeeded')).toBeTruthy()
    const polls = statusCount(ctx.sim, 'segmind')
    expect(polls).toBeGreaterThan(10)
    // queued → running → succeeded, plus mount and the first answer: far fewer than the polls.
    expect(renders).toBeLessThanOrEqual(6)
  })

  it('takes a later watcher’s polling options for the check already waiting', async () => {
    const ctx = setup({ speed: 0.1 })
    const job = await submitDirectly(ctx)
    const { rerender } = render(<Watcher job={job} name="plain" />, { wrapper: ctx.wrapper })
    await advance(100)
    expect(statusCount(ctx.sim, 'segmind')).toBe(1)
    function Fast() {
      useJobStatus(job, { polling: { segmindIntervalMs: 10_000 } })
      return null
    }
    rerender(
      <>
        <Watcher job={job} name="plain" />
        <Fast />
      </>,
    )
    // The check that was due at 2 s now waits for the new 10 s interval.
    await advance(5_000)
    expect(statusCount(ctx.sim, 'segmind')).toBe(1)
    await advance(5_100)
    expect(statusCount(ctx.sim, 'segmind')).toBe(2)
  })

  it('keeps one watch (and its deadline) when the parent re-renders with inline options', async () => {
    const ctx = setup({ speed: 0.1 })
    const job = await submitDirectly(ctx)
    function Inline({ tick }: { tick: number }) {
      const status = useJobStatus(job, { deadline: 20_000, polling: { segmindIntervalMs: 2000 } })
      return <p data-tick={tick}>{status.error?.kind ?? status.phase ?? 'checking'}</p>
    }
    const { rerender } = render(<Inline tick={0} />, { wrapper: ctx.wrapper })
    for (let tick = 1; tick <= 80; tick++) {
      rerender(<Inline tick={tick} />)
      await advance(500)
    }
    expect(screen.getByText('timeout')).toBeTruthy()
    // About one request per 2 s until the 20 s deadline, not one per re-render.
    expect(statusCount(ctx.sim, 'segmind')).toBeLessThanOrEqual(12)
  })

  it('resumes watching after a reload from the stored job, without a second submit', async () => {
    const ctx = setup()
    const first = renderHook(() => useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), { wrapper: ctx.wrapper })
    await advance(0)
    first.result.current.submit({ prompt: 'Waves at dusk' })
    await settle()
    const id = first.result.current.job?.id
    expect(id).toBeDefined()
    await advance(6_000)
    expect(first.result.current.phase).toBe('running')
    first.unmount()

    ctx.reload()
    const second = renderHook(() => useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), { wrapper: ctx.wrapper })
    await settle()
    expect(second.result.current.job?.id).toBe(id)
    await advance(60_000)
    expect(second.result.current.phase).toBe('succeeded')
    expect(second.result.current.video).toMatch(/\.mp4$/)
    expect(ctx.sim.count('segmind.submit')).toBe(1)
  })

  it('shows a job that expired while the page was closed as expired, after one request', async () => {
    const ctx = setup()
    const first = renderHook(() => useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), { wrapper: ctx.wrapper })
    await advance(0)
    first.result.current.submit({ prompt: 'Waves at dusk' })
    await settle()
    first.unmount()
    // Two hours later: Segmind keeps results for one hour.
    vi.setSystemTime(Date.now() + 2 * 60 * 60_000)
    ctx.reload()
    ctx.sim.clearLog()
    const second = renderHook(() => useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), { wrapper: ctx.wrapper })
    await settle()
    await advance(60_000)
    expect(second.result.current.phase).toBe('expired')
    expect(second.result.current.error?.kind).toBe('expired')
    expect(ctx.sim.count()).toBe(1)
  })

  it('stops at the deadline with a timeout that keeps the job, and keeps watching on request', async () => {
    const ctx = setup({ speed: 0.1 }) // a job that takes far longer than the deadline
    const job = await submitDirectly(ctx)
    const { result } = renderHook(() => useJobStatus(job, { deadline: 20_000 }), { wrapper: ctx.wrapper })
    await advance(25_000)
    expect(result.current.error?.kind).toBe('timeout')
    expect(result.current.error?.requestId).toBe(job.id)
    expect(result.current.phase).not.toBe('failed')
    expect(result.current.isWatching).toBe(false)
    const asked = statusCount(ctx.sim, 'segmind')
    await advance(60_000)
    expect(statusCount(ctx.sim, 'segmind')).toBe(asked)

    result.current.keepWatching()
    await settle()
    expect(statusCount(ctx.sim, 'segmind')).toBe(asked + 1)
    expect(result.current.error).toBeNull()
    expect(result.current.isWatching).toBe(true)
  })

  it('stop() stops this component watching; the job is still there to resume', async () => {
    const ctx = setup({ speed: 0.5 })
    const job = await submitDirectly(ctx)
    const { result } = renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(4_100)
    result.current.stop()
    await settle()
    const asked = statusCount(ctx.sim, 'segmind')
    await advance(30_000)
    expect(statusCount(ctx.sim, 'segmind')).toBe(asked)
    expect(result.current.isWatching).toBe(false)
    result.current.keepWatching()
    await settle()
    await advance(120_000)
    expect(result.current.phase).toBe('succeeded')
  })

  it('pauses while offline and checks as soon as the connection is back', async () => {
    const ctx = setup()
    const job = await submitDirectly(ctx)
    renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(4_100)
    const asked = statusCount(ctx.sim, 'segmind')
    expect(asked).toBeGreaterThan(0)
    onlineManager.setOnline(false)
    await advance(30_000)
    expect(statusCount(ctx.sim, 'segmind')).toBe(asked)
    onlineManager.setOnline(true)
    await settle()
    expect(statusCount(ctx.sim, 'segmind')).toBe(asked + 1)
  })

  it('slows down while the tab is hidden and speeds up when it is shown', async () => {
    const ctx = setup({ speed: 0.1 })
    const job = await submitDirectly(ctx)
    renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(10_100)
    const visible = statusCount(ctx.sim, 'segmind')
    focusManager.setFocused(false)
    ctx.sim.clearLog()
    await advance(40_000)
    const hidden = statusCount(ctx.sim, 'segmind')
    // Every 2 s when visible (20 in 40 s); at most a quarter of that when hidden.
    expect(visible).toBeGreaterThanOrEqual(5)
    expect(hidden).toBeLessThanOrEqual(6)
    focusManager.setFocused(true)
    ctx.sim.clearLog()
    await advance(2_100)
    expect(statusCount(ctx.sim, 'segmind')).toBeGreaterThanOrEqual(1)
  })

  it('waits for a rate limit to reset before asking again', async () => {
    // Start 10 s into a minute, so the reset (the window's end) is far beyond the 2 s interval.
    vi.setSystemTime(Math.ceil(Date.now() / 60_000) * 60_000 + 10_000)
    const ctx = setup({ speed: 0.1 })
    const job = await submitDirectly(ctx)
    renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(2_100)
    ctx.sim.inject({ fault: 'rate-limited', route: 'segmind.status' })
    await advance(2_000)
    const limited = ctx.sim.requests.filter((r) => r.route === 'segmind.status' && r.status === 429)
    expect(limited).toHaveLength(1)
    const limitedAt = limited[0]?.at ?? 0
    // The simulator's x-rate-limit-reset-at-utc is the end of its current one-minute window.
    const resetAt = Math.floor(limitedAt / 60_000) * 60_000 + 60_000
    await advance(resetAt - Date.now() + 2_500)
    const after = ctx.sim.requests.filter((r) => r.route === 'segmind.status' && r.at > limitedAt)
    expect(after.length).toBeGreaterThan(0)
    expect(after[0]?.at).toBeGreaterThanOrEqual(resetAt)
    expect(after[0]?.status).toBe(200)
    expect(after[0]?.at ?? 0).toBeGreaterThan(limitedAt + 30_000)
  })
})

describe('submitting', () => {
  it('makes exactly one upstream submit for a double click', async () => {
    const ctx = setup()
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    const first = result.current.submitAsync({ prompt: 'one' })
    const second = result.current.submitAsync({ prompt: 'one' })
    result.current.submit({ prompt: 'one' })
    expect(second).toBe(first)
    await settle()
    expect(ctx.sim.count('segmind.submit')).toBe(1)
    expect((await first).id).toBe(result.current.job?.id)
  })

  it('makes exactly one upstream submit from an effect under StrictMode', async () => {
    const ctx = setup()
    function AutoSubmit() {
      const { submit, job } = useSubmitVideo({ model: 'ltx-video' })
      useEffect(() => {
        submit({ prompt: 'A harbour at dawn, long descriptive prompt' })
      }, [submit])
      return <p>{job === null ? 'submitting' : `job ${job.id}`}</p>
    }
    render(
      <StrictMode>
        <AutoSubmit />
      </StrictMode>,
      { wrapper: ctx.wrapper },
    )
    await settle()
    expect(ctx.sim.count('segmind.submit')).toBe(1)
    expect(screen.getByText(/^job /)).toBeTruthy()
  })

  it('returns field issues for invalid input without any request, given the model definition', async () => {
    const ctx = setup()
    const { result } = renderHook(() => useSubmitVideo({ model: apixoLtx219bModel }), { wrapper: ctx.wrapper })
    await advance(0)
    // @ts-expect-error image modes take no aspect_ratio: a compile error, and refused at run time too
    result.current.submit({ mode: 'image-to-video', prompt: 'A cat', aspect_ratio: '16:9' })
    await settle()
    expect(result.current.error?.kind).toBe('validation')
    expect(result.current.error?.issues.map((i) => i.path.join('.'))).toEqual(['image_urls', 'aspect_ratio'])
    expect(ctx.sim.count()).toBe(0)
    expect(result.current.job).toBeNull()
  })

  it('leaves the check to the server for a model named by id: one unbilled request, the same typed error', async () => {
    const ctx = setup()
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    // @ts-expect-error duration 7 is not a documented value: a compile error for ids too
    result.current.submit({ prompt: 'Waves', duration: 7 })
    await settle()
    expect(result.current.error).toMatchObject({ kind: 'validation', retryable: false })
    expect(result.current.error?.message).toMatch(/duration/i)
    expect(ctx.sim.count('segmind.submit')).toBe(1)
    expect(ctx.sim.jobs()).toHaveLength(0)
    expect(result.current.job).toBeNull()
  })

  it('never submits again after a provider that billed the job answers 504', async () => {
    const ctx = setup({ script: { faults: [{ fault: 'gateway-timeout', route: 'segmind.submit', afterCreate: true }] } })
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.submit({ prompt: 'Waves' })
    await settle()
    await advance(60_000)
    expect(result.current.error?.retryable).toBe(false)
    expect(result.current.error?.message).toMatch(/may (still )?have been created|check/i)
    expect(ctx.sim.count('segmind.submit')).toBe(1)
    expect(ctx.sim.jobs()).toHaveLength(1)
  })

  it('surfaces the provider’s refusal as a typed error and allows a new submit', async () => {
    const ctx = setup()
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.submit({ prompt: 'Waves [sim:406]' })
    await settle()
    expect(result.current.error?.kind).toBe('insufficient-credits')
    expect(result.current.error?.retryable).toBe(false)
    expect(result.current.isSubmitting).toBe(false)
    result.current.submit({ prompt: 'Waves' })
    await settle()
    expect(result.current.error).toBeNull()
    expect(result.current.job).not.toBeNull()
    expect(ctx.sim.count('segmind.submit')).toBe(2)
  })
})

describe('submitVideoOptions', () => {
  it('checks the input with a definition, then hands the transport the id and the completed input', async () => {
    const calls: unknown[][] = []
    const transport: VideoTransport = {
      provider: 'segmind',
      submit: async (...args) => {
        calls.push(args)
        return { id: 'req-1', model: 'ltx-2-fast', provider: 'segmind', submittedAt: 1 }
      },
      status: () => Promise.reject(new Error('not used')),
    }
    const byDefinition = submitVideoOptions(transport, ltx2FastModel)
    await byDefinition.mutationFn?.({ prompt: 'Waves' }, undefined as never)
    expect(calls).toEqual([['ltx-2-fast', { prompt: 'Waves', duration: 8, generate_audio: true, resolution: '2k' }]])
    expect(byDefinition.mutationKey).toEqual(['ltx', 'submit', 'ltx-2-fast'])
    // @ts-expect-error 7 is not a documented duration
    await expect(byDefinition.mutationFn?.({ prompt: 'Waves', duration: 7 }, undefined as never)).rejects.toMatchObject({ kind: 'validation' })
    expect(calls).toHaveLength(1)
    // An id: the input goes as given, for the proxy to check.
    await submitVideoOptions(transport, 'ltx-2-fast').mutationFn?.({ prompt: 'Waves' }, undefined as never)
    expect(calls[1]).toEqual(['ltx-2-fast', { prompt: 'Waves' }])
  })
})
