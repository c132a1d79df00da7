// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { JobProgress, useJobStatus, type JobRef } from '../../src/index'
import { advance, server, settle, setup, statusCount, withSimulatedNetwork } from './harness'

// Watching never stops silently: whenever a job that has not finished is not being watched, the
// hook says `canKeepWatching` and the styled JobProgress shows "Keep watching", with the reason.

withSimulatedNetwork()

const STATUS = 'http://localhost/api/ltx/segmind/v2/requests/:id/status'

/** What one render saw: the job's state as the hook reports it. */
interface Seen {
  readonly isTerminal: boolean
  readonly isWatching: boolean
  readonly canKeepWatching: boolean
}

/** JobProgress beside a probe that records every render of the same watch. */
function Page({ job, seen, deadline }: { job: JobRef; seen: Seen[]; deadline?: number }) {
  const status = useJobStatus(job, deadline === undefined ? {} : { deadline })
  seen.push({ isTerminal: status.isTerminal, isWatching: status.isWatching, canKeepWatching: status.canKeepWatching })
  return <JobProgress job={job} {...(deadline === undefined ? {} : { deadline })} />
}

async function submitted(ctx: ReturnType<typeof setup>): Promise<JobRef> {
  const job = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Waves at dusk' })
  await settle()
  return job
}

/** No render in which a job that has not finished is neither watched nor offered a way back. */
function expectNeverLeftAlone(seen: readonly Seen[]): void {
  expect(seen.length).toBeGreaterThan(0)
  for (const state of seen) expect(state.isTerminal || state.isWatching || state.canKeepWatching).toBe(true)
}

const keepWatching = () => screen.queryByRole('button', { name: 'Keep watching' })

describe('a job that is not being watched is always offered "Keep watching"', () => {
  it('after the watch deadline', async () => {
    const ctx = setup({ speed: 0.1 })
    const job = await submitted(ctx)
    const seen: Seen[] = []
    render(<Page job={job} seen={seen} deadline={10_000} />, { wrapper: ctx.wrapper })
    await advance(12_000)

    expect(screen.getByRole('status')).toHaveTextContent(/Still not ready after 10 seconds/)
    expect(keepWatching()).toBeInTheDocument()
    expectNeverLeftAlone(seen)
  })

  it('after 5 unreadable replies in a row it pauses, and Keep watching resumes with a fresh count', async () => {
    const ctx = setup()
    const job = await submitted(ctx)
    // Truncated JSON with HTTP 200, five times, then once more right after resuming.
    ctx.sim.inject({ fault: 'malformed', route: 'segmind.status', times: 6 })
    const seen: Seen[] = []
    render(<Page job={job} seen={seen} />, { wrapper: ctx.wrapper })
    // Backoff from 2 s doubling, with jitter: five failures take at most 2 + 4 + 8 + 16 s.
    await advance(35_000)

    expect(statusCount(ctx.sim, 'segmind')).toBe(5)
    const status = screen.getByRole('status')
    expect(status).toHaveTextContent('Status unavailable')
    expect(status).toHaveTextContent(/5 status checks in a row failed \(last: Segmind sent an unreadable reply: not the documented status\), so watching paused/)
    expect(keepWatching()).toBeInTheDocument()
    // Paused means paused: no request while nobody asks.
    await advance(120_000)
    expect(statusCount(ctx.sim, 'segmind')).toBe(5)

    fireEvent.click(keepWatching() as HTMLElement)
    await settle()
    // The first check after resuming fails too; with the old count that would be the sixth in a row.
    expect(statusCount(ctx.sim, 'segmind')).toBe(6)
    expect(keepWatching()).not.toBeInTheDocument()
    await advance(10_000)
    expect(statusCount(ctx.sim, 'segmind')).toBeGreaterThan(6)
    expect(status).toHaveTextContent('Video ready')
    expectNeverLeftAlone(seen)
  })

  it('retries an HTML page served with 200 (a CDN) without the user noticing', async () => {
    const ctx = setup()
    const job = await submitted(ctx)
    server.use(http.get(STATUS, () => new HttpResponse('<!doctype html><title>Just a moment…</title>', { status: 200, headers: { 'content-type': 'text/html' } }), { once: true }))
    const seen: Seen[] = []
    render(<Page job={job} seen={seen} />, { wrapper: ctx.wrapper })
    await advance(60_000)

    expect(screen.getByRole('status')).toHaveTextContent('Video ready')
    expect(seen.every((state) => !state.canKeepWatching)).toBe(true)
  })

  it.each([
    ['a 403 from the app’s authorize', 403, 'forbidden', /Access refused.*Check that your account may use this model/],
    ['a 401 from the app’s authorize', 401, 'unauthorized', /Sign in again/],
    ['the proxy’s refused provider key', 502, 'upstream-key-refused', /misconfigured: its Segmind key was refused.*Tell the site's operator/],
  ])('after %s on a status read: stops at once, says why, and offers to watch again', async (_name, status, reason, message) => {
    const ctx = setup()
    const job = await submitted(ctx)
    server.use(http.get(STATUS, () => HttpResponse.json({ error: 'Refused' }, { status, headers: { 'x-ltx-proxy': reason } }), { once: true }))
    const seen: Seen[] = []
    render(<Page job={job} seen={seen} />, { wrapper: ctx.wrapper })
    await advance(30_000)

    // Repeating cannot fix it, so it is asked once, not hammered; the job still runs upstream.
    expect(ctx.sim.count('segmind.status')).toBe(0)
    const region = screen.getByRole('status')
    expect(region).toHaveTextContent('Status unavailable')
    expect(region).toHaveTextContent(message)
    expect(region).not.toHaveTextContent(reason === 'upstream-key-refused' ? /sign in/i : /Segmind key/)
    expect(keepWatching()).toBeInTheDocument()

    // Signed in again, or the operator fixed the key: watching again finds the video.
    fireEvent.click(keepWatching() as HTMLElement)
    await advance(60_000)
    expect(region).toHaveTextContent('Video ready')
    expect(ctx.sim.count('segmind.submit')).toBe(1)
    expectNeverLeftAlone(seen)
  })
})
