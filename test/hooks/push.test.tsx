// @vitest-environment jsdom
import { renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { LtxProvider, pushFromEvents, useJobStatus, type EventSourceLike, type JobRef, type PushOptions } from '../../src/index'
import { advance, newClient, settle, setup, statusCount, withSimulatedNetwork } from './harness'

// <LtxProvider push>: one EventSource per page for every watched job; pushed events are read by
// the job's transport as a status reply and land where a poll's answer lands; polling is
// suspended while the stream is open and resumes when it fails. A fake EventSource stands in for
// the browser's (the network edge of the stream), the simulator for the proxy's reads.

class FakeEventSource implements EventSourceLike {
  static made: FakeEventSource[] = []
  onopen: ((event: Event) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  closed = false
  private readonly listeners: ((event: MessageEvent<string>) => void)[] = []
  constructor(readonly url: string) {
    FakeEventSource.made.push(this)
  }
  addEventListener(_type: 'job', listener: (event: MessageEvent<string>) => void): void {
    this.listeners.push(listener)
  }
  close(): void {
    this.closed = true
  }
  open(): void {
    this.onopen?.(new Event('open'))
  }
  fail(): void {
    this.onerror?.(new Event('error'))
  }
  push(job: JobRef, status: number, body: unknown): void {
    const data = JSON.stringify({ job: `${job.provider}:${job.model}:${job.id}`, status, body })
    for (const listener of this.listeners) listener(new MessageEvent('job', { data }))
  }
  /** The `job` parameters of its URL. */
  jobs(): string[] {
    return new URL(this.url, 'http://localhost').searchParams.getAll('job')
  }
}

const live = () => FakeEventSource.made.filter((source) => !source.closed)

withSimulatedNetwork(() => {
  FakeEventSource.made = []
})

function pushSetup(push: PushOptions = { url: '/api/ltx/events', eventSource: FakeEventSource }) {
  const ctx = setup()
  const client = newClient()
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <LtxProvider queryClient={client} transports={ctx.transports} persist={false} push={pushFromEvents(push)}>
      {children}
    </LtxProvider>
  )
  return { ...ctx, wrapper }
}

describe('LtxProvider push', () => {
  it('opens one EventSource for every watched job, and reopens it with the new set', async () => {
    const ctx = pushSetup()
    const a = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves' })
    const b = await ctx.transports.apixo.submit('ltx-2-19b', { mode: 'text-to-video', prompt: 'Dunes' })
    const view = renderHook(({ jobs }) => jobs.map((job) => useJobStatus(job)), { wrapper: ctx.wrapper, initialProps: { jobs: [a, b] } })
    await advance(100)
    expect(live()).toHaveLength(1)
    expect(live()[0]?.jobs().sort()).toEqual([`apixo:ltx-2-19b:${b.id}`, `segmind:ltx-2-fast:${a.id}`])
    expect(live()[0]?.url.startsWith('/api/ltx/events?job=')).toBe(true)

    view.rerender({ jobs: [a, null as never] })
    await advance(100)
    expect(live()).toHaveLength(1)
    expect(live()[0]?.jobs()).toEqual([`segmind:ltx-2-fast:${a.id}`])
    expect(FakeEventSource.made).toHaveLength(2)
    view.rerender({ jobs: [null as never, null as never] })
    await advance(100)
    expect(live()).toHaveLength(0)
  })

  it('stops polling while the stream is open, writes pushed snapshots where polls write theirs, and fetches a Segmind result once', async () => {
    const ctx = pushSetup()
    const job = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves' })
    const { result } = renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(100)
    const source = live()[0]
    source?.open()
    const polled = statusCount(ctx.sim, 'segmind')
    await advance(30_000)
    expect(statusCount(ctx.sim, 'segmind')).toBe(polled)

    source?.push(job, 200, { status: 'PROCESSING' })
    await settle()
    expect(result.current.phase).toBe('running')
    expect(result.current.snapshot?.providerStatus).toBe('PROCESSING')

    // Done upstream by now; the pushed COMPLETED needs the result read, as a polled one does.
    await advance(60_000)
    expect(result.current.phase).toBe('running')
    source?.push(job, 200, { status: 'COMPLETED' })
    await settle()
    expect(result.current.phase).toBe('succeeded')
    expect(result.current.video).toMatch(/^http/)
    expect(ctx.sim.count('segmind.result')).toBe(1)
    expect(statusCount(ctx.sim, 'segmind')).toBe(polled)
    expect(result.current.isWatching).toBe(false)
  })

  it('polls a pushed job whose result read failed until one succeeds, though the stream stays open', async () => {
    const ctx = pushSetup()
    const job = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves' })
    const { result } = renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(100)
    live()[0]?.open()
    await advance(60_000)
    ctx.sim.inject({ fault: 'gateway-timeout', route: 'segmind.result' })
    live()[0]?.push(job, 200, { status: 'COMPLETED' })
    await settle()
    expect(result.current.phase).not.toBe('succeeded')
    await advance(10_000)
    expect(result.current.phase).toBe('succeeded')
    expect(ctx.sim.count('segmind.result')).toBe(2)
  })

  it('reads a pushed APIXO envelope as a status read, with no request', async () => {
    const ctx = pushSetup()
    const job = await ctx.transports.apixo.submit('ltx-2-19b', { mode: 'text-to-video', prompt: 'Dunes' })
    const { result } = renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(100)
    live()[0]?.open()
    const before = ctx.sim.count()
    live()[0]?.push(job, 200, {
      code: 200,
      message: 'success',
      data: { taskId: job.id, state: 'success', resultJson: JSON.stringify({ resultUrls: ['https://cdn.example.com/v.mp4'] }) },
    })
    await settle()
    expect(result.current.phase).toBe('succeeded')
    expect(result.current.video).toBe('https://cdn.example.com/v.mp4')
    expect(ctx.sim.count()).toBe(before)
  })

  it('polls again while the stream is down, and stops again when it is back', async () => {
    const ctx = pushSetup()
    const job = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves' })
    const { result } = renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(100)
    const source = live()[0]
    source?.open()
    const polled = statusCount(ctx.sim, 'segmind')
    source?.fail()
    await advance(10_000)
    const whileDown = statusCount(ctx.sim, 'segmind')
    expect(whileDown).toBeGreaterThan(polled)
    source?.open()
    await advance(10_000)
    expect(statusCount(ctx.sim, 'segmind')).toBe(whileDown)
    // The job still ends, by push or by polls after another failure.
    source?.fail()
    await advance(120_000)
    expect(result.current.phase).toBe('succeeded')
  })

  it('ignores pushes of jobs it does not watch and unreadable ones', async () => {
    const ctx = pushSetup()
    const job = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves' })
    const other: JobRef = { ...job, id: 'someone-else' }
    const { result } = renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(100)
    live()[0]?.open()
    live()[0]?.push(other, 200, { status: 'COMPLETED' })
    live()[0]?.push(job, 200, { status: 'STARTING?' })
    await settle()
    expect(result.current.phase).toBe('queued')
    expect(ctx.client.getQueryData(['ltx', 'job', 'segmind', 'someone-else'])).toBeUndefined()
  })

  it('reads a pushed text body (not JSON) as the status read would: a 404 from upstream expires the job', async () => {
    const ctx = pushSetup()
    const job = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves' })
    const { result } = renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(100)
    live()[0]?.open()
    live()[0]?.push(job, 404, 'Not Found')
    await settle()
    expect(result.current.phase).toBe('expired')
    expect(result.current.error?.detail).toBe('Not Found')
  })

  it('closes the stream when the provider unmounts', async () => {
    const ctx = pushSetup()
    const job = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves' })
    const view = renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(100)
    expect(live()).toHaveLength(1)
    view.unmount()
    expect(live()).toHaveLength(0)
  })

  it('polls as before where there is no EventSource (the server, an old browser)', async () => {
    const ctx = pushSetup({ url: '/api/ltx/events' })
    expect((globalThis as { EventSource?: unknown }).EventSource).toBeUndefined()
    const job = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves' })
    const { result } = renderHook(() => useJobStatus(job), { wrapper: ctx.wrapper })
    await advance(120_000)
    expect(result.current.phase).toBe('succeeded')
  })

  it('opens nothing while rendering on the server', async () => {
    const ctx = pushSetup()
    const job = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves' })
    function Watch() {
      return <p>{useJobStatus(job).phase ?? 'unknown'}</p>
    }
    expect(renderToString(<ctx.wrapper><Watch /></ctx.wrapper>)).toContain('unknown')
    expect(FakeEventSource.made).toHaveLength(0)
  })
})
