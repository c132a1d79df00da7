// @vitest-environment jsdom
import { fireEvent, render, renderHook, screen } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { Studio } from '../../examples/studio'
import { useJobHistory, useRetake, useSubmitVideo, useVideoJob, type LtxError } from '../../src/index'
import { advance, server, settle, setup, withSimulatedNetwork } from './harness'

// A submit that may have created a job is never billed again by a plain second click, and
// useVideoJob runs one job at a time unless told to replace it.

withSimulatedNetwork()

const SUBMIT = 'http://localhost/api/ltx/segmind/v2/ltx-2-fast'

/** A provider that creates (and bills) the job, then never answers: the transport's 60 s timeout ends the wait. */
function neverAnswers() {
  return setup({ slowMs: 10 * 60_000, script: { faults: [{ fault: 'slow', route: 'segmind.submit', afterCreate: true }] } })
}

async function rejection(promise: Promise<unknown>): Promise<LtxError> {
  return promise.then(
    () => {
      throw new Error('expected the submit to be refused')
    },
    (error: LtxError) => error,
  )
}

describe('after a submit that may have created a job', () => {
  it('refuses a plain second click until the caller confirms: 1 upstream submit, then 2', async () => {
    const ctx = neverAnswers()
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.submit({ prompt: 'Waves' })
    await advance(61_000)
    expect(result.current.error).toMatchObject({ kind: 'timeout', retryable: false, jobMayExist: true })
    expect(result.current.error?.message).toMatch(/^No answer within 60 s\. The job may still have been created \(and billed\)\. The site's server log names it/)
    expect(ctx.sim.jobs()).toHaveLength(1)

    // The plain second click: refused, unsent, with a typed error that says where the job may be.
    result.current.submit({ prompt: 'Waves' })
    await settle()
    expect(ctx.sim.count('segmind.submit')).toBe(1)
    const refused = result.current.error
    expect(refused).toMatchObject({ kind: 'validation', needsConfirmation: 'confirmResubmit', retryable: false })
    expect(refused?.message).toBe(
      "Not sent: the last submit may have created (and billed) a job already. The site's server log names it (the ltx-react proxy logs every submit's job id), and so does the provider's dashboard. Confirm to submit again anyway.",
    )
    expect(refused?.cause).toMatchObject({ kind: 'timeout' })
    expect(result.current.isSubmitting).toBe(false)
    // submitAsync says the same, and reset() does not forget that the job may exist.
    result.current.reset()
    await settle()
    expect(result.current.error).toBeNull()
    expect(await rejection(result.current.submitAsync({ prompt: 'Waves' }))).toMatchObject({ needsConfirmation: 'confirmResubmit' })
    expect(ctx.sim.count('segmind.submit')).toBe(1)

    // Confirmed: sent (the provider now answers), and the next plain submit is free again.
    const job = await result.current.submitAsync({ prompt: 'Waves' }, { confirmResubmit: true })
    await settle()
    expect(ctx.sim.count('segmind.submit')).toBe(2)
    expect(result.current.job?.id).toBe(job.id)
    expect(result.current.error).toBeNull()
    await result.current.submitAsync({ prompt: 'More waves' })
    expect(ctx.sim.count('segmind.submit')).toBe(3)
  })

  it.each([
    ['a lost connection', () => server.use(http.post(SUBMIT, () => HttpResponse.error(), { once: true }))],
    ['a 504 after the provider created the job', (ctx: ReturnType<typeof setup>) => ctx.sim.inject({ fault: 'gateway-timeout', route: 'segmind.submit', afterCreate: true })],
    ['a cut-off reply', () => server.use(http.post(SUBMIT, () => new HttpResponse('{"request_id":"req', { status: 200 }), { once: true }))],
  ])('refuses the plain second click after %s too', async (_name, fault) => {
    const ctx = setup()
    fault(ctx)
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.submit({ prompt: 'Waves' })
    await settle()
    expect(result.current.error?.jobMayExist).toBe(true)
    const reached = ctx.sim.count('segmind.submit')

    result.current.submit({ prompt: 'Waves' })
    await settle()
    expect(result.current.error?.needsConfirmation).toBe('confirmResubmit')
    expect(ctx.sim.count('segmind.submit')).toBe(reached)
  })

  it.each([
    ['a clear refusal (406, out of credits)', 'Waves [sim:406]', {}],
    ['the proxy’s refused provider key (nothing billed)', 'Waves', { status: 502, headers: { 'x-ltx-proxy': 'upstream-key-refused' } }],
  ])('lets the next plain submit through after %s', async (_name, prompt, reply) => {
    const ctx = setup()
    if ('status' in reply) server.use(http.post(SUBMIT, () => HttpResponse.json({ error: 'refused' }, reply), { once: true }))
    const { result } = renderHook(() => useSubmitVideo({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.submit({ prompt })
    await settle()
    expect(result.current.error).toMatchObject({ jobMayExist: false, needsConfirmation: undefined })

    await result.current.submitAsync({ prompt: 'Waves' })
    await settle()
    expect(result.current.job).not.toBeNull()
  })

  it('guards useRetake the same way', async () => {
    const ctx = setup({ slowMs: 10 * 60_000, script: { faults: [{ fault: 'slow', route: 'segmind.submit', afterCreate: true }] } })
    const source = { url: 'https://cdn.example.com/clip.mp4', durationSec: 10 }
    const { result } = renderHook(() => useRetake({ source }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.submit({ start: 1, duration: 2 })
    await advance(61_000)
    expect(result.current.error?.kind).toBe('timeout')

    result.current.submit({ start: 1, duration: 2 })
    await settle()
    expect(result.current.error?.needsConfirmation).toBe('confirmResubmit')
    expect(ctx.sim.count('segmind.submit')).toBe(1)
    result.current.submit({ start: 1, duration: 2 }, { confirmResubmit: true })
    await settle()
    expect(ctx.sim.count('segmind.submit')).toBe(2)
    expect(result.current.job?.parent).toMatchObject({ start: 1, duration: 2 })
  })

  it('guards useVideoJob the same way, showing the refusal as submitError', async () => {
    const ctx = neverAnswers()
    const { result } = renderHook(() => useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), { wrapper: ctx.wrapper })
    await advance(0)
    result.current.submit({ prompt: 'Waves' })
    await advance(61_000)
    expect(result.current.submitError?.kind).toBe('timeout')
    expect(result.current.job).toBeNull()

    result.current.submit({ prompt: 'Waves' })
    await settle()
    expect(result.current.submitError?.needsConfirmation).toBe('confirmResubmit')
    expect(ctx.sim.count('segmind.submit')).toBe(1)
    result.current.submit({ prompt: 'Waves' }, { confirmResubmit: true })
    await settle()
    expect(ctx.sim.count('segmind.submit')).toBe(2)
    expect(result.current.job).not.toBeNull()
  })
})

describe('useVideoJob while its job is still running', () => {
  it('refuses a new submit unless it replaces the job, which keeps running and stays in the history', async () => {
    const ctx = setup()
    const { result } = renderHook(
      () => ({ video: useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), history: useJobHistory('studio') }),
      { wrapper: ctx.wrapper },
    )
    await advance(0)
    const first = await result.current.video.submitAsync({ prompt: 'Waves' })
    await settle()
    await advance(5_000)
    expect(result.current.video.phase).toBe('running')

    const refused = await rejection(result.current.video.submitAsync({ prompt: 'Dunes' }))
    await settle()
    expect(refused).toMatchObject({ kind: 'validation', needsConfirmation: 'replace', requestId: first.id, retryable: false })
    expect(refused.message).toBe('Not sent: a video is still being made. Wait for it, or replace it (it keeps running and is billed).')
    expect(result.current.video.submitError).toBe(refused)
    expect(result.current.video.job?.id).toBe(first.id)
    expect(ctx.sim.count('segmind.submit')).toBe(1)

    const second = await result.current.video.submitAsync({ prompt: 'Dunes' }, { replace: true })
    await settle()
    expect(ctx.sim.count('segmind.submit')).toBe(2)
    expect(result.current.video.job?.id).toBe(second.id)
    expect(result.current.video.submitError).toBeNull()
    expect(result.current.history.jobs.map((job) => job.id)).toEqual([second.id, first.id])
  })

  it('lets a plain submit through once the job has finished, or after reset()', async () => {
    const ctx = setup()
    const { result } = renderHook(() => useVideoJob({ model: 'ltx-2-fast' }), { wrapper: ctx.wrapper })
    await advance(0)
    await result.current.submitAsync({ prompt: 'Waves' })
    await settle()
    await advance(60_000)
    expect(result.current.phase).toBe('succeeded')
    await result.current.submitAsync({ prompt: 'Dunes' })
    await settle()
    expect(ctx.sim.count('segmind.submit')).toBe(2)

    result.current.reset()
    await settle()
    await result.current.submitAsync({ prompt: 'Hills' })
    expect(ctx.sim.count('segmind.submit')).toBe(3)
  })
})

describe('the README Studio example', () => {
  it('keeps Generate unavailable while a job runs, so a second click bills nothing', async () => {
    const ctx = setup()
    render(<Studio />, { wrapper: ctx.wrapper })
    fireEvent.change(screen.getByRole('textbox', { name: /^Prompt/ }), { target: { value: 'Waves at dusk' } })
    fireEvent.click(screen.getByRole('button', { name: 'Generate video' }))
    await advance(5_000)

    const button = screen.getByRole('button', { name: 'Submitting…' })
    expect(button).toHaveAttribute('aria-disabled', 'true')
    fireEvent.click(button)
    await advance(5_000)
    expect(ctx.sim.count('segmind.submit')).toBe(1)

    await advance(60_000)
    expect(screen.getByText('Video ready')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Generate video' })).not.toHaveAttribute('aria-disabled')
  })
})
