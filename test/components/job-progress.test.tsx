// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
// user-event awaits a real setTimeout through RTL's async wrapper, which never fires under
// vitest's fake timers; these tests drive the poller's clock, so clicks go through fireEvent.
import { QueryClient } from '@tanstack/react-query'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { forwardRef, type ComponentPropsWithRef, type ReactNode } from 'react'
import { hydrateRoot, type Root } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { JobRef } from '../../src/core/job'
import { LtxError } from '../../src/models/ltx-error'
import { JobProgress } from '../../src/components/job-progress'
import { defaultJobProgressLabels, useJobProgress, type JobProgressLabels } from '../../src/components/use-job-progress'
import { LtxProvider } from '../../src/hooks/ltx-provider'
import type { VideoTransport } from '../../src/transport/video-transport'
import { expectNoAxeViolations, expectThemedCss, fakeTransport, makeJob, makeSnapshot, renderWithLtx } from './helpers'

const advance = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)))

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: false })
  vi.setSystemTime(new Date('2025-01-01T12:00:00Z'))
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const apixoInput = { mode: 'text-to-video', prompt: 'A lighthouse at dusk', resolution: '720p', duration: 10 }

describe('JobProgress', () => {
  it('follows a Segmind job from queued to succeeded, with an indeterminate bar (no documented time)', async () => {
    const job = makeJob()
    const fake = fakeTransport('segmind', (j) => makeSnapshot(j, 'queued'))
    const { container } = renderWithLtx(<JobProgress job={job} />, { segmind: fake.transport })
    const root = container.firstElementChild as HTMLElement
    const status = screen.getByRole('status')

    expect(status).toHaveTextContent('Checking the job')
    expect(root).toHaveAttribute('data-state', 'pending')
    expect(root).not.toHaveAttribute('data-phase')
    await expectNoAxeViolations(container)

    await advance(0)
    expect(status).toHaveTextContent('Queued')
    expect(root).toHaveAttribute('data-phase', 'queued')
    const bar = screen.getByRole('progressbar', { name: 'Generation progress' })
    expect(bar).not.toHaveAttribute('aria-valuenow')
    expect(bar).toHaveAttribute('aria-valuemin', '0')
    expect(bar).toHaveAttribute('aria-valuemax', '100')
    expect(bar).toHaveAttribute('aria-valuetext', 'No time estimate for this model')
    expect(bar).toHaveAttribute('data-indeterminate')
    await expectNoAxeViolations(container)

    fake.answer((j) => makeSnapshot(j, 'running', { providerStatus: 'PROCESSING' }))
    await advance(2000)
    expect(status).toHaveTextContent('Generating the video')
    expect(root).toHaveAttribute('data-phase', 'running')
    expect(screen.getByText('Elapsed 0:02')).toBeInTheDocument()
    await expectNoAxeViolations(container)

    fake.answer((j) =>
      makeSnapshot(j, 'succeeded', {
        output: { videoUrl: 'https://cdn.example.com/v.mp4', urls: ['https://cdn.example.com/v.mp4'] },
      }),
    )
    await advance(2000)
    expect(status).toHaveTextContent('Video ready')
    expect(root).toHaveAttribute('data-phase', 'succeeded')
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuetext', 'Complete')
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
    await expectNoAxeViolations(container)
  })

  it('ticks the elapsed time each second while running, and stops ticking once finished', async () => {
    const job = makeJob()
    const fake = fakeTransport('segmind', (j) => makeSnapshot(j, 'running'))
    renderWithLtx(<JobProgress job={job} />, { segmind: fake.transport })
    await advance(0)
    expect(screen.getByText('Elapsed 0:00')).toBeInTheDocument()
    await advance(1000)
    expect(screen.getByText('Elapsed 0:01')).toBeInTheDocument()
    await advance(1000)
    expect(screen.getByText('Elapsed 0:02')).toBeInTheDocument()
    await advance(63_000)
    expect(screen.getByText('Elapsed 1:05')).toBeInTheDocument()

    fake.answer((j) => makeSnapshot(j, 'failed', { error: new LtxError('generation-failed', 'Blocked.') }))
    await advance(1000)
    const final = screen.getByText(/^Elapsed /).textContent
    await advance(5000)
    expect(screen.getByText(/^Elapsed /).textContent).toBe(final)
  })

  it('commits JobProgress itself once per phase change (plus once at the end), never on the clock', async () => {
    // Called inline, so every render of JobProgress's own body is one call here; its clock is a
    // child component of its own and is not counted.
    let own = 0
    const Counted = (props: Parameters<typeof JobProgress>[0]) => {
      own++
      return JobProgress(props)
    }
    const job = makeJob()
    const fake = fakeTransport('segmind', (j) => makeSnapshot(j, 'queued'))
    renderWithLtx(<Counted job={job} />, { segmind: fake.transport })
    await advance(0)
    expect(screen.getByRole('status')).toHaveTextContent('Queued')
    const atQueued = own

    fake.answer((j) => makeSnapshot(j, 'running', { providerStatus: 'PROCESSING' }))
    await advance(2000)
    await advance(2000)
    expect(screen.getByRole('status')).toHaveTextContent('Generating the video')
    const atRunning = own
    expect(atRunning - atQueued).toBeLessThanOrEqual(1)

    // 30 s of running: the clock's text changes each second, JobProgress itself not once.
    const clock = screen.getByText(/^Elapsed /)
    const before = clock.textContent
    await advance(30_000)
    expect(clock.textContent).not.toBe(before)
    expect(own).toBe(atRunning)

    fake.answer((j) => makeSnapshot(j, 'succeeded', { output: { videoUrl: 'https://x.example/v.mp4', urls: [] } }))
    await advance(2000)
    await advance(2000)
    expect(screen.getByRole('status')).toHaveTextContent('Video ready')
    // The phase change, and at most once more at the end.
    expect(own - atRunning).toBeGreaterThanOrEqual(1)
    expect(own - atRunning).toBeLessThanOrEqual(2)
    const atEnd = own
    await advance(30_000)
    expect(own).toBe(atEnd)
  })

  it('announces phase changes in a polite live region, never the ticking clock', async () => {
    const job = makeJob()
    const fake = fakeTransport('segmind', (j) => makeSnapshot(j, 'running'))
    renderWithLtx(<JobProgress job={job} />, { segmind: fake.transport })
    await advance(0)
    const status = screen.getByRole('status')
    expect(status).toHaveAttribute('aria-live', 'polite')
    expect(within(status).queryByText(/Elapsed/)).not.toBeInTheDocument()
    expect(within(status).queryByRole('progressbar')).not.toBeInTheDocument()

    const changes: MutationRecord[] = []
    const observer = new MutationObserver((records) => changes.push(...records))
    observer.observe(status, { subtree: true, childList: true, characterData: true, attributes: true })
    const before = screen.getByText(/^Elapsed /).textContent
    await advance(1000)
    await advance(1000)
    await advance(1000)
    await act(async () => {}) // deliver pending mutation records
    expect(screen.getByText(/^Elapsed /).textContent).not.toBe(before)
    expect(changes).toHaveLength(0)

    fake.answer((j) => makeSnapshot(j, 'succeeded', { output: { videoUrl: 'https://x.example/v.mp4', urls: [] } }))
    await advance(2000)
    await act(async () => {})
    expect(changes.length).toBeGreaterThan(0)
    expect(status).toHaveTextContent('Video ready')
    observer.disconnect()
  })

  it('estimates progress from APIXO’s documented time for the resolution, labelled as an estimate', async () => {
    const job = makeJob('ltx-2-19b', 'apixo', 'task-1')
    const fake = fakeTransport('apixo', (j) => makeSnapshot(j, 'running', { providerStatus: 'processing' }))
    const { container } = renderWithLtx(<JobProgress job={job} input={apixoInput} />, { apixo: fake.transport })
    expect(screen.getByText('Usually takes 60–90 seconds')).toBeInTheDocument()
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0')

    await advance(45_000)
    const bar = screen.getByRole('progressbar', { name: 'Generation progress' })
    expect(bar).toHaveAttribute('aria-valuenow', '50')
    expect(bar).toHaveAttribute('aria-valuetext', 'about 50% (estimate)')
    expect(screen.getByText('about 50% (estimate)')).toBeInTheDocument()
    await expectNoAxeViolations(container)

    await advance(44_900)
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '99')
    await advance(2000)
    const overdue = screen.getByRole('progressbar')
    expect(overdue).not.toHaveAttribute('aria-valuenow')
    expect(overdue).toHaveAttribute('aria-valuetext', 'Taking longer than usual')
    await expectNoAxeViolations(container)
  })

  it('adds LoRA loading time and uses 1080p’s longer estimate', async () => {
    const job = makeJob('ltx-2-19b', 'apixo', 'task-2')
    const fake = fakeTransport('apixo', (j) => makeSnapshot(j, 'running'))
    const input = { ...apixoInput, mode: 'text-to-video-LoRA', resolution: '1080p', loras: [{ path: 'https://hf.example/l.safetensors', scale: 1 }] }
    renderWithLtx(<JobProgress job={job} input={input} />, { apixo: fake.transport })
    expect(screen.getByText('Usually takes 100–140 seconds')).toBeInTheDocument()
    await advance(70_000)
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50')
  })

  it('shows a failed job with its error message and no bar', async () => {
    const job = makeJob()
    const error = new LtxError('generation-failed', 'The prompt was blocked by the safety filter.')
    const fake = fakeTransport('segmind', (j) => makeSnapshot(j, 'failed', { error }))
    const { container } = renderWithLtx(<JobProgress job={job} />, { segmind: fake.transport })
    await advance(0)
    const status = screen.getByRole('status')
    expect(status).toHaveTextContent('Generation failed')
    expect(status).toHaveTextContent('The prompt was blocked by the safety filter.')
    expect(container.firstElementChild).toHaveAttribute('data-phase', 'failed')
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
    await expectNoAxeViolations(container)
  })

  it('shows an expired job with the provider’s message, or a default one', async () => {
    const job = makeJob()
    const fake = fakeTransport('segmind', (j) =>
      makeSnapshot(j, 'expired', { error: new LtxError('expired', 'Segmind keeps results for one hour.') }),
    )
    const { container } = renderWithLtx(<JobProgress job={job} />, { segmind: fake.transport })
    await advance(0)
    expect(screen.getByRole('status')).toHaveTextContent('ExpiredSegmind keeps results for one hour.')
    expect(container.firstElementChild).toHaveAttribute('data-state', 'expired')
    await expectNoAxeViolations(container)
    cleanup()

    const bare = fakeTransport('segmind', (j) => makeSnapshot(j, 'expired'))
    renderWithLtx(<JobProgress job={makeJob('ltx-2-fast', 'segmind', 'req-2')} />, { segmind: bare.transport })
    await advance(0)
    expect(screen.getByRole('status')).toHaveTextContent('The result is no longer kept by the provider.')
  })

  it('offers "Keep watching" after the watch deadline, which watches again', async () => {
    const job = makeJob()
    const fake = fakeTransport('segmind', (j) => makeSnapshot(j, 'running'))
    const { container } = renderWithLtx(<JobProgress job={job} deadline={5000} />, { segmind: fake.transport })
    await advance(0)
    expect(screen.queryByRole('button', { name: 'Keep watching' })).not.toBeInTheDocument()
    await advance(6000)
    const status = screen.getByRole('status')
    expect(status).toHaveTextContent('Still not ready')
    expect(status).toHaveTextContent(/still not ready after 5 seconds/i)
    expect(container.firstElementChild).toHaveAttribute('data-state', 'timeout')
    expect(container.firstElementChild).toHaveAttribute('data-phase', 'running')
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
    await expectNoAxeViolations(container)

    const calls = fake.status.mock.calls.length
    await advance(10_000)
    expect(fake.status).toHaveBeenCalledTimes(calls) // no longer polling

    fake.answer((j) => makeSnapshot(j, 'succeeded', { output: { videoUrl: 'https://x.example/v.mp4', urls: [] } }))
    fireEvent.click(screen.getByRole('button', { name: 'Keep watching' }))
    await advance(0)
    expect(fake.status.mock.calls.length).toBeGreaterThan(calls)
    expect(status).toHaveTextContent('Video ready')
    expect(screen.queryByRole('button', { name: 'Keep watching' })).not.toBeInTheDocument()
  })

  it('moves focus to the status when "Keep watching" is used, since the button goes away', async () => {
    const job = makeJob()
    const fake = fakeTransport('segmind', (j) => makeSnapshot(j, 'running'))
    const { container } = renderWithLtx(<JobProgress job={job} deadline={5000} />, { segmind: fake.transport })
    await advance(6000)
    const button = screen.getByRole('button', { name: 'Keep watching' })
    button.focus()
    fireEvent.click(button)
    await advance(0)
    expect(screen.queryByRole('button', { name: 'Keep watching' })).not.toBeInTheDocument()
    const status = screen.getByRole('status')
    expect(status).toHaveFocus()
    expect(status).toHaveAttribute('tabindex', '-1')
    expect(document.body).not.toHaveFocus()
    await expectNoAxeViolations(container)
  })

  it('hydrates server HTML of a job read back from storage without a mismatch, then shows the clock', async () => {
    // A job submitted 30 s before the server renders; the page reaches the browser 3 s later.
    const job: JobRef = { ...makeJob('ltx-2-19b', 'apixo', 'task-ssr'), submittedAt: Date.now() - 30_000 }
    const fake = fakeTransport('apixo', (j) => makeSnapshot(j, 'running'))
    const page = (transport: VideoTransport): ReactNode => (
      <LtxProvider
        queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
        transports={{ apixo: transport }}
        persist={false}
      >
        <JobProgress job={job} input={apixoInput} />
      </LtxProvider>
    )
    const html = renderToString(page(fake.transport))
    expect(html).not.toMatch(/Elapsed/)
    const container = document.body.appendChild(document.createElement('div'))
    container.innerHTML = html
    vi.setSystemTime(Date.now() + 3000)

    const onRecoverableError = vi.fn()
    const consoleError = vi.spyOn(console, 'error')
    let root: Root | undefined
    await act(async () => {
      root = hydrateRoot(container, page(fake.transport), { onRecoverableError })
    })
    await advance(0)
    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(consoleError).not.toHaveBeenCalled()
    // Mounted: the clock and the estimate now read the browser's time.
    expect(within(container).getByText('Elapsed 0:33')).toBeInTheDocument()
    expect(within(container).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '36')
    act(() => root?.unmount())
    container.remove()
  })

  it('merges the caller’s props into every prop getter', async () => {
    const job = makeJob()
    const fake = fakeTransport('segmind', (j) => makeSnapshot(j, 'running'))
    const onRootClick = vi.fn()
    const onKeepWatching = vi.fn()
    let statusElement: HTMLElement | null = null
    function Headless({ job: watched }: { job: JobRef }) {
      const progress = useJobProgress(watched, { deadline: 3000 })
      return (
        <div {...progress.getRootProps({ className: 'mine', 'data-testid': 'root', onClick: onRootClick, style: { color: 'red' } })}>
          <div
            {...progress.getStatusProps({
              id: 'my-status',
              ref: (element) => {
                statusElement = element
              },
            })}
          >
            {progress.stateText}
          </div>
          {progress.showProgress ? <div {...progress.getProgressBarProps({ 'aria-label': 'My bar', className: 'bar' })} /> : null}
          {progress.canKeepWatching ? (
            <button {...progress.getKeepWatchingButtonProps({ onClick: onKeepWatching, className: 'again' })}>
              {progress.labels.keepWatching}
            </button>
          ) : null}
        </div>
      )
    }
    renderWithLtx(<Headless job={job} />, { segmind: fake.transport })
    await advance(0)
    const root = screen.getByTestId('root')
    expect(root).toHaveClass('mine')
    expect(root).toHaveStyle({ color: 'rgb(255, 0, 0)' })
    expect(root).toHaveAttribute('data-state', 'running')
    fireEvent.click(root)
    expect(onRootClick).toHaveBeenCalledTimes(1)
    const status = screen.getByRole('status')
    expect(status).toHaveAttribute('id', 'my-status')
    expect(status).toHaveAttribute('aria-live', 'polite')
    expect(statusElement).toBe(status)
    expect(screen.getByRole('progressbar', { name: 'My bar' })).toHaveClass('bar')

    await advance(4000)
    const calls = fake.status.mock.calls.length
    fireEvent.click(screen.getByRole('button', { name: 'Keep watching' }))
    await advance(0)
    // Both run: the library's (watch again, focus the status), then the caller's.
    expect(onKeepWatching).toHaveBeenCalledTimes(1)
    expect(fake.status.mock.calls.length).toBeGreaterThan(calls)
    expect(status).toHaveFocus()
  })

  it('shows nothing before there is a job, but keeps its named status region ready to announce the first phase', async () => {
    const job = makeJob()
    const fake = fakeTransport('segmind', (j) => makeSnapshot(j, 'queued'))
    const { container, rerender } = renderWithLtx(<JobProgress job={null} />, { segmind: fake.transport })
    expect(container.textContent).toBe('')
    expect(screen.queryByText('No video requested')).not.toBeInTheDocument()
    const root = container.firstElementChild as HTMLElement
    expect(root).toHaveAttribute('data-state', 'idle')
    expect(root).toHaveStyle({ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' })
    const region = screen.getByRole('status', { name: 'Job progress' })
    expect(region).toBeEmptyDOMElement()
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
    await expectNoAxeViolations(container)

    // The same region, now on screen, says the job's first state: a change, so it is announced.
    rerender(
      <LtxProvider queryClient={new QueryClient()} transports={{ segmind: fake.transport }} persist={false}>
        <JobProgress job={job} />
      </LtxProvider>,
    )
    expect(screen.getByRole('status', { name: 'Job progress' })).toBe(region)
    expect(region).toHaveTextContent('Checking the job')
  })

  it('shows "No video requested" before any job when the app opts into the placeholder', async () => {
    const { container } = renderWithLtx(<JobProgress job={null} placeholder />)
    expect(screen.getByRole('status', { name: 'Job progress' })).toHaveTextContent('No video requested')
    expect(container.firstElementChild).toHaveClass('ltx-job-progress')
    await expectNoAxeViolations(container)
  })

  it('offers "Edit and retry" after a failure, and "Try again" only when the error may not repeat', async () => {
    const onRetry = vi.fn()
    const onEdit = vi.fn()
    const blocked = new LtxError('generation-failed', 'The prompt was blocked by the safety filter.')
    const fake = fakeTransport('segmind', (j) => makeSnapshot(j, 'failed', { error: blocked }))
    const { container } = renderWithLtx(<JobProgress job={makeJob()} onRetry={onRetry} onEdit={onEdit} />, { segmind: fake.transport })
    await advance(0)
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Edit and retry' }))
    expect(onEdit).toHaveBeenCalledTimes(1)
    await expectNoAxeViolations(container)
    cleanup()

    const flaky = new LtxError('generation-failed', 'The provider had a hiccup; try again.', { retryable: true })
    const again = fakeTransport('segmind', (j) => makeSnapshot(j, 'failed', { error: flaky }))
    renderWithLtx(<JobProgress job={makeJob('ltx-2-fast', 'segmind', 'req-9')} onRetry={onRetry} onEdit={onEdit} />, { segmind: again.transport })
    await advance(0)
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(onRetry).toHaveBeenCalledTimes(1)
    expect(screen.getByRole('button', { name: 'Edit and retry' })).toBeInTheDocument()
  })

  it('offers "Keep watching" whenever a job that is not finished is no longer watched (a status error that may pass)', async () => {
    const job = makeJob()
    const fake = fakeTransport('segmind', () => {
      throw new LtxError('network', 'The network is down.', { retryable: true })
    })
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    render(
      <LtxProvider queryClient={client} transports={{ segmind: fake.transport }} persist={false}>
        <JobProgress job={job} deadline={5000} />
      </LtxProvider>,
    )
    await advance(8000)
    expect(screen.getByRole('status', { name: 'Job progress' })).not.toHaveTextContent('Video ready')
    expect(screen.getByRole('button', { name: 'Keep watching' })).toBeInTheDocument()
  })

  it('replaces every visible string with `labels`', async () => {
    const custom: JobProgressLabels = {
      idle: 'L-idle',
      pending: 'L-pending',
      queued: 'L-queued',
      running: 'L-running',
      succeeded: 'L-succeeded',
      failed: 'L-failed',
      expired: 'L-expired',
      timeout: 'L-timeout',
      error: 'L-error',
      stopped: 'L-stopped',
      expiredMessage: 'L-expired-message',
      elapsed: (time) => `L-elapsed ${time}`,
      progress: 'L-progress',
      estimate: (percent) => `L-estimate ${percent}`,
      estimateBasis: (min, max) => `L-basis ${min} ${max}`,
      noEstimate: 'L-no-estimate',
      overdue: 'L-overdue',
      complete: 'L-complete',
      keepWatching: 'L-keep-watching',
      region: 'L-region',
      tryAgain: 'L-try-again',
      edit: 'L-edit',
    }
    const defaults = Object.values(defaultJobProgressLabels)
      .filter((value): value is string => typeof value === 'string')
      .concat(['Elapsed', 'about', '(estimate)', 'Usually takes'])
    const expectOnlyCustomText = (element: Element) => {
      const text = element.textContent ?? ''
      for (const english of defaults) expect(text).not.toContain(english)
    }

    const job = makeJob('ltx-2-19b', 'apixo', 'task-3')
    const fake = fakeTransport('apixo', (j) => makeSnapshot(j, 'running'))
    const { container } = renderWithLtx(<JobProgress job={job} input={apixoInput} deadline={60_000} labels={custom} />, {
      apixo: fake.transport,
    })
    expect(screen.getByRole('status', { name: 'L-region' })).toHaveTextContent('L-pending')
    expect(screen.getByText('L-basis 60 90')).toBeInTheDocument()
    expectOnlyCustomText(container)
    await advance(45_000)
    expect(screen.getByRole('status')).toHaveTextContent('L-running')
    expect(screen.getByRole('progressbar', { name: 'L-progress' })).toHaveAttribute('aria-valuetext', 'L-estimate 50')
    expect(screen.getByText('L-elapsed 0:45')).toBeInTheDocument()
    expectOnlyCustomText(container)

    await advance(16_000)
    expect(screen.getByRole('status')).toHaveTextContent('L-timeout')
    expect(screen.getByRole('button', { name: 'L-keep-watching' })).toBeInTheDocument()
    // The deadline message comes from the job engine, not from this component.
    expectOnlyCustomText(screen.getByRole('button'))
    expect(screen.getByText('L-timeout')).toBeInTheDocument()
  })

  it('renders a design system’s button from `components`, and drops ltx- classes when unstyled', async () => {
    const DsButton = forwardRef<HTMLButtonElement, ComponentPropsWithRef<'button'>>(function DsButton(props, ref) {
      return <button ref={ref} {...props} data-ds="button" className={`ds-button ${props.className ?? ''}`} />
    })
    const job = makeJob()
    const fake = fakeTransport('segmind', (j) => makeSnapshot(j, 'running'))
    const { container } = renderWithLtx(
      <JobProgress job={job} deadline={3000} components={{ Button: DsButton }} unstyled className="my-progress" />,
      { segmind: fake.transport },
    )
    await advance(4000)
    const button = screen.getByRole('button', { name: 'Keep watching' })
    expect(button).toHaveAttribute('data-ds', 'button')
    expect(button).toHaveClass('ds-button')
    expect(container.querySelector('[class*="ltx-"]')).toBeNull()
    expect(container.firstElementChild).toHaveClass('my-progress')
    expect(container.firstElementChild).toHaveAttribute('data-state', 'timeout')
    const calls = fake.status.mock.calls.length
    fireEvent.click(button)
    await advance(0)
    expect(fake.status.mock.calls.length).toBeGreaterThan(calls)
  })
})

describe('job-progress.css', () => {
  it('themes only with styles.css custom properties, prefixes its classes and respects reduced motion', () => {
    expectThemedCss('job-progress.css')
  })
})
