// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState, type ComponentPropsWithRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { JobSnapshot } from '../../src/core/job'
import { VideoResult } from '../../src/components/video-result'
import { defaultVideoResultLabels, useVideoResult, type VideoResultLabels } from '../../src/components/use-video-result'
import { expectNoAxeViolations, expectThemedCss, makeJob, makeSnapshot } from './helpers'

afterEach(cleanup)

const VIDEO = 'https://cdn.segmind.example/outputs/abc.mp4'
const t2vInput = { prompt: 'A fox in the snow', width: 1280, height: 720, num_frames: 161, fps: 24, seed: 42 }

function succeeded(videoUrl: string, extra: Partial<JobSnapshot> = {}, job = makeJob()): JobSnapshot {
  return makeSnapshot(job, 'succeeded', { output: { videoUrl, urls: [videoUrl] }, ...extra })
}

function valueOf(term: string): string | null | undefined {
  const dt = screen.getByText(term, { selector: 'dt' })
  return dt.nextElementSibling?.textContent
}

function setMetadata(video: HTMLElement, duration: number, width: number, height: number) {
  Object.defineProperty(video, 'duration', { configurable: true, value: duration })
  Object.defineProperty(video, 'videoWidth', { configurable: true, value: width })
  Object.defineProperty(video, 'videoHeight', { configurable: true, value: height })
  fireEvent.loadedMetadata(video)
}

describe('VideoResult', () => {
  it('plays the output with controls and shows model, duration, resolution, seed and metrics', async () => {
    const snapshot = succeeded(VIDEO, { metrics: { cost: 0.25, queueTime: 1.2, inferenceTime: 30.54, totalTime: 31.74 } })
    const { container } = render(<VideoResult snapshot={snapshot} input={t2vInput} />)
    const video = screen.getByLabelText('Generated video')
    expect(video.tagName).toBe('VIDEO')
    expect(video).toHaveAttribute('controls')
    expect(video).toHaveAttribute('src', VIDEO)
    expect(container.firstElementChild).toHaveAttribute('data-state', 'ready')
    expect(container.firstElementChild).toHaveAttribute('data-provider', 'segmind')

    expect(valueOf('Model')).toBe('LTX-2 19B · text to video')
    expect(valueOf('Duration')).toBe('6.7 s') // 161 frames at 24 fps
    expect(valueOf('Resolution')).toBe('1280×720')
    expect(valueOf('Seed')).toBe('42')
    expect(valueOf('Cost')).toBe('$0.25')
    expect(valueOf('Queue time')).toBe('1.2 s')
    expect(valueOf('Generation time')).toBe('30.5 s')
    expect(valueOf('Total time')).toBe('31.7 s')

    const download = screen.getByRole('link', { name: 'Download' })
    expect(download).toHaveAttribute('href', VIDEO)
    expect(download).toHaveAttribute('download')
    // The expiry notice is a callout (a note), not small print.
    expect(screen.getByRole('note')).toHaveTextContent(/Segmind keeps this result for one hour/)
    expect(screen.getByRole('status', { name: 'Copy link status' })).toBeEmptyDOMElement()
    await expectNoAxeViolations(container)
  })

  it('takes a poster and caption tracks, refusing unsafe URLs for either', () => {
    const { container, rerender } = render(
      <VideoResult
        snapshot={succeeded(VIDEO)}
        poster="https://cdn.example.com/poster.jpg"
        captions={[
          { src: 'https://cdn.example.com/en.vtt', srcLang: 'en', label: 'English', default: true },
          { src: 'javascript:alert(1)', srcLang: 'xx', label: 'Bad' },
        ]}
      />,
    )
    const video = screen.getByLabelText('Generated video')
    expect(video).toHaveAttribute('poster', 'https://cdn.example.com/poster.jpg')
    const tracks = container.querySelectorAll('track')
    expect(tracks).toHaveLength(1)
    expect(tracks[0]).toHaveAttribute('kind', 'captions')
    expect(tracks[0]).toHaveAttribute('srclang', 'en')
    rerender(<VideoResult snapshot={succeeded(VIDEO)} poster="javascript:alert(1)" />)
    expect(screen.getByLabelText('Generated video')).not.toHaveAttribute('poster')
    expect(container.innerHTML).not.toContain('javascript:')
  })

  it('wires "Retake a segment" to the panel it opens and moves focus to the panel’s heading', async () => {
    const user = userEvent.setup()
    function Page() {
      const [open, setOpen] = useState(false)
      return (
        <>
          <VideoResult snapshot={succeeded(VIDEO)} input={t2vInput} onRetake={() => setOpen(true)} retakePanel={{ id: 'retake', open }} />
          {open && (
            <section id="retake" aria-labelledby="retake-heading">
              <h2 id="retake-heading">Retake a segment</h2>
            </section>
          )}
        </>
      )
    }
    render(<Page />)
    const button = screen.getByRole('button', { name: 'Retake a segment' })
    expect(button).toHaveAttribute('aria-controls', 'retake')
    expect(button).toHaveAttribute('aria-expanded', 'false')
    await user.click(button)
    expect(button).toHaveAttribute('aria-expanded', 'true')
    const heading = screen.getByRole('heading', { name: 'Retake a segment' })
    expect(heading).toHaveFocus()
    expect(heading).toHaveAttribute('tabindex', '-1')
    // Pressed again with the panel open: focus goes back to it.
    button.focus()
    await user.click(button)
    expect(heading).toHaveFocus()
  })

  it('opens the download in a new tab, since browsers ignore `download` across origins and would leave the app', () => {
    render(<VideoResult snapshot={succeeded(VIDEO)} />)
    const download = screen.getByRole('link', { name: 'Download' })
    expect(download).toHaveAttribute('target', '_blank')
    expect(download).toHaveAttribute('rel', 'noopener noreferrer')
    expect(download).toHaveAttribute('download')
  })

  it('prefers the video’s own metadata for duration and resolution', () => {
    render(<VideoResult snapshot={succeeded(VIDEO)} input={t2vInput} />)
    setMetadata(screen.getByLabelText('Generated video'), 8.04, 1920, 1080)
    expect(valueOf('Duration')).toBe('8 s')
    expect(valueOf('Resolution')).toBe('1920×1080')
  })

  it('leaves out what it does not know: no input, no metrics', () => {
    render(<VideoResult snapshot={succeeded(VIDEO)} />)
    expect(valueOf('Model')).toBe('LTX-2 19B · text to video')
    for (const term of ['Duration', 'Resolution', 'Seed', 'Cost', 'Queue time', 'Generation time', 'Total time']) {
      expect(screen.queryByText(term, { selector: 'dt' })).not.toBeInTheDocument()
    }
  })

  it('shows no seed for APIXO’s random seed (-1), and APIXO’s expiry notice', () => {
    const job = makeJob('ltx-2-19b', 'apixo', 'task-1')
    const input = { mode: 'text-to-video', prompt: 'A lighthouse', resolution: '1080p', duration: 12, seed: -1 }
    render(<VideoResult snapshot={succeeded(VIDEO, {}, job)} input={input} />)
    expect(valueOf('Resolution')).toBe('1080p')
    expect(valueOf('Duration')).toBe('12 s')
    expect(screen.queryByText('Seed', { selector: 'dt' })).not.toBeInTheDocument()
    expect(screen.getByText(/expires within 15 days \(possibly 24 hours\)/)).toBeInTheDocument()
  })

  it.each([
    ['http:', 'http://cdn.example.com/v.mp4'],
    ['blob:', 'blob:https://app.example.com/6f1c2d9e-1111-4a4a-9b9b-123456789abc'],
  ])('plays %s URLs', (_scheme, url) => {
    render(<VideoResult snapshot={succeeded(url)} />)
    expect(screen.getByLabelText('Generated video')).toHaveAttribute('src', url)
    expect(screen.getByRole('link', { name: 'Download' })).toHaveAttribute('href', url)
  })

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)', 'javascript'],
    ['mixed-case javascript:', 'JaVaScRiPt:alert(1)', 'JaVaScRiPt'],
    ['data:', 'data:video/mp4;base64,AAAAIGZ0eXBpc29t', 'data:'],
    ['data: HTML', 'data:text/html,<script>alert(1)</script>', 'data:'],
    ['relative', '/videos/abc.mp4', '/videos'],
  ])('refuses a %s output URL and shows an error', async (_name, url, needle) => {
    const { container } = render(<VideoResult snapshot={succeeded(url)} input={t2vInput} onRetake={() => {}} />)
    expect(screen.getByRole('alert')).toHaveTextContent(/refused/)
    expect(container.firstElementChild).toHaveAttribute('data-state', 'refused')
    expect(container.querySelector('video')).toBeNull()
    expect(screen.queryByRole('link')).not.toBeInTheDocument()
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
    for (const element of container.querySelectorAll('*')) {
      for (const attribute of ['src', 'href', 'poster', 'action', 'data']) {
        expect(element.getAttribute(attribute) ?? '').not.toContain(needle)
      }
    }
    expect(container.innerHTML.toLowerCase()).not.toContain(needle.toLowerCase())
    await expectNoAxeViolations(container)
  })

  it('copies the link and confirms it', async () => {
    const user = userEvent.setup()
    render(<VideoResult snapshot={succeeded(VIDEO)} />)
    const writeText = vi.spyOn(navigator.clipboard, 'writeText')
    const status = screen.getByRole('status')
    expect(status).toBeEmptyDOMElement()
    await user.click(screen.getByRole('button', { name: 'Copy link' }))
    expect(writeText).toHaveBeenCalledWith(VIDEO)
    await waitFor(() => expect(status).toHaveTextContent('Link copied.'))
    await expect(navigator.clipboard.readText()).resolves.toBe(VIDEO)
  })

  it('announces a second copy too: the status empties, then says it again', async () => {
    const user = userEvent.setup()
    render(<VideoResult snapshot={succeeded(VIDEO)} />)
    const status = screen.getByRole('status')
    const copy = screen.getByRole('button', { name: 'Copy link' })
    await user.click(copy)
    await waitFor(() => expect(status).toHaveTextContent('Link copied.'))

    const seen: string[] = []
    const observer = new MutationObserver(() => seen.push(status.textContent ?? ''))
    observer.observe(status, { subtree: true, childList: true, characterData: true })
    await user.click(copy)
    await waitFor(() => expect(seen.at(-1)).toBe('Link copied.'))
    observer.disconnect()
    // The live region changed (emptied, then filled), so a screen reader says it once more.
    expect(seen).toEqual(['', 'Link copied.'])
    expect(status).toHaveAttribute('data-copy', 'copied')
  })

  it('says so when the clipboard refuses', async () => {
    const user = userEvent.setup()
    render(<VideoResult snapshot={succeeded(VIDEO)} />)
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Denied', 'NotAllowedError'))
    await user.click(screen.getByRole('button', { name: 'Copy link' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Could not copy the link'))
  })

  it('hands the video, its length and its job to onRetake (for useRetake’s parent.job)', async () => {
    const user = userEvent.setup()
    const onRetake = vi.fn()
    const snapshot = succeeded(VIDEO)
    const { container } = render(<VideoResult snapshot={snapshot} input={t2vInput} onRetake={onRetake} />)
    await user.click(screen.getByRole('button', { name: 'Retake a segment' }))
    expect(onRetake).toHaveBeenCalledWith({ url: VIDEO, durationSec: 161 / 24, job: snapshot.job })
    setMetadata(screen.getByLabelText('Generated video'), 9.5, 1280, 720)
    await user.click(screen.getByRole('button', { name: 'Retake a segment' }))
    expect(onRetake).toHaveBeenLastCalledWith({ url: VIDEO, durationSec: 9.5, job: snapshot.job })
    await expectNoAxeViolations(container)
  })

  it('does not take a length that cannot be a clip’s from the input', () => {
    render(<VideoResult snapshot={succeeded(VIDEO)} input={{ ...t2vInput, num_frames: 0 }} onRetake={() => {}} />)
    expect(screen.getByRole('button', { name: 'Retake a segment' })).toBeDisabled()
  })

  it('cannot retake until the video’s length is known', async () => {
    const onRetake = vi.fn()
    render(<VideoResult snapshot={succeeded(VIDEO)} onRetake={onRetake} />)
    const retake = screen.getByRole('button', { name: 'Retake a segment' })
    expect(retake).toBeDisabled()
    setMetadata(screen.getByLabelText('Generated video'), 12, 1280, 720)
    expect(retake).toBeEnabled()
    await userEvent.setup().click(retake)
    expect(onRetake).toHaveBeenCalledWith({ url: VIDEO, durationSec: 12, job: expect.objectContaining({ id: 'req-1' }) })
  })

  it('renders nothing before the job succeeds, failed or not: JobProgress says where it stands', () => {
    const { container, rerender } = render(<VideoResult snapshot={undefined} />)
    expect(container).toBeEmptyDOMElement()
    for (const phase of ['queued', 'running', 'failed', 'expired'] as const) {
      rerender(<VideoResult snapshot={makeSnapshot(makeJob(), phase)} />)
      expect(container).toBeEmptyDOMElement()
    }
  })

  it('shows a compact notice while there is nothing to play when the app opts into the placeholder', async () => {
    const { container, rerender } = render(<VideoResult snapshot={undefined} placeholder />)
    expect(screen.getByText('No video yet.')).toBeInTheDocument()
    expect(container.firstElementChild).toHaveAttribute('data-state', 'empty')
    await expectNoAxeViolations(container)
    rerender(<VideoResult snapshot={makeSnapshot(makeJob(), 'running')} placeholder />)
    expect(container.querySelector('video')).toBeNull()
    expect(screen.getByText('No video yet.')).toBeInTheDocument()
    expect(container.firstElementChild).toHaveAttribute('data-phase', 'running')
  })

  it.each([
    ['failed', 'No video: the job failed.'],
    ['expired', 'No video: the result expired.'],
  ] as const)('says why there is no video when the job %s (placeholder)', async (phase, text) => {
    const { container } = render(<VideoResult snapshot={makeSnapshot(makeJob(), phase)} onRetake={() => {}} placeholder />)
    expect(screen.getByText(text)).toBeInTheDocument()
    expect(screen.queryByText('No video yet.')).not.toBeInTheDocument()
    expect(container.firstElementChild).toHaveAttribute('data-state', 'unavailable')
    expect(container.firstElementChild).toHaveAttribute('data-phase', phase)
    expect(container.querySelector('video')).toBeNull()
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
    await expectNoAxeViolations(container)
  })

  it('merges the caller’s props into every prop getter', async () => {
    const user = userEvent.setup()
    const onRetake = vi.fn()
    const onCopy = vi.fn()
    const onRetakeClick = vi.fn()
    const onMetadata = vi.fn()
    function Headless() {
      const result = useVideoResult(succeeded(VIDEO), { onRetake })
      return (
        <div {...result.getRootProps({ className: 'mine', 'data-testid': 'root' })}>
          <video {...result.getVideoProps({ onLoadedMetadata: onMetadata, 'aria-label': 'My video' })} />
          <a {...result.getDownloadLinkProps({ className: 'dl', 'aria-describedby': 'hint' })}>Save</a>
          <span id="hint">Opens in a new tab</span>
          <button {...result.getCopyButtonProps({ onClick: onCopy, 'data-ds': 'button' })}>Copy</button>
          <button {...result.getRetakeButtonProps({ onClick: onRetakeClick })}>Retake</button>
          <p {...result.getCopyStatusProps({ id: 'copy-status', style: { fontWeight: 700 } })}>{result.copyMessage}</p>
        </div>
      )
    }
    render(<Headless />)
    const root = screen.getByTestId('root')
    expect(root).toHaveClass('mine')
    expect(root).toHaveAttribute('data-state', 'ready')
    const video = screen.getByLabelText('My video')
    setMetadata(video, 5, 640, 360)
    expect(onMetadata).toHaveBeenCalledTimes(1)
    const link = screen.getByRole('link', { name: 'Save' })
    expect(link).toHaveClass('dl')
    expect(link).toHaveAttribute('href', VIDEO)
    expect(link).toHaveAccessibleDescription('Opens in a new tab')
    await user.click(screen.getByRole('button', { name: 'Retake' }))
    expect(onRetakeClick).toHaveBeenCalledTimes(1)
    expect(onRetake).toHaveBeenCalledWith(expect.objectContaining({ url: VIDEO, durationSec: 5 }))
    const copy = screen.getByRole('button', { name: 'Copy' })
    expect(copy).toHaveAttribute('data-ds', 'button')
    await user.click(copy)
    expect(onCopy).toHaveBeenCalledTimes(1)
    const status = screen.getByRole('status')
    expect(status).toHaveAttribute('id', 'copy-status')
    expect(status).toHaveAttribute('aria-live', 'polite')
    expect(status).toHaveStyle({ fontWeight: '700' })
    await waitFor(() => expect(status).toHaveTextContent('Link copied.'))
  })

  it('replaces every visible string with `labels`', async () => {
    const user = userEvent.setup()
    const custom: VideoResultLabels = {
      empty: 'L-empty',
      unavailable: { failed: 'L-failed', expired: 'L-expired' },
      refused: 'L-refused',
      video: 'L-video',
      details: 'L-details',
      model: 'L-model',
      duration: 'L-duration',
      resolution: 'L-resolution',
      seed: 'L-seed',
      cost: 'L-cost',
      queueTime: 'L-queue',
      inferenceTime: 'L-inference',
      totalTime: 'L-total',
      seconds: (value) => `L-${value}-sec`,
      money: (value) => `L-${value}-usd`,
      download: 'L-download',
      copyLink: 'L-copy',
      copied: 'L-copied',
      copyFailed: 'L-copy-failed',
      copyStatus: 'L-copy-status',
      retake: 'L-retake',
      expiry: { segmind: 'L-expiry-segmind', apixo: 'L-expiry-apixo' },
    }
    const english = [
      ...Object.values(defaultVideoResultLabels).filter((value): value is string => typeof value === 'string'),
      ...Object.values(defaultVideoResultLabels.expiry),
      ...Object.values(defaultVideoResultLabels.unavailable),
      ' s',
      '$',
    ]
    const snapshot = succeeded(VIDEO, { metrics: { cost: 1, queueTime: 2, inferenceTime: 3, totalTime: 5 } })
    const { container, rerender } = render(
      <VideoResult snapshot={snapshot} input={t2vInput} onRetake={() => {}} labels={custom} />,
    )
    await user.click(screen.getByRole('button', { name: 'L-copy' }))
    await waitFor(() => expect(screen.getByRole('status', { name: 'L-copy-status' })).toHaveTextContent('L-copied'))
    expect(screen.getByLabelText('L-video')).toBeInTheDocument()
    expect(screen.getByText('L-2-sec')).toBeInTheDocument()
    expect(screen.getByText('L-expiry-segmind')).toBeInTheDocument()
    // Only data is left once the labels are taken out: the model's title and the figures.
    const text = container.textContent ?? ''
    for (const phrase of english) expect(text).not.toContain(phrase)
    expect(
      text
        .replace('LTX-2 19B · text to video', '')
        .replace(/L-[\w.-]+/g, '')
        .replace(/[\d.:×]/g, ''),
    ).toBe('')

    rerender(<VideoResult snapshot={succeeded('javascript:alert(1)')} labels={custom} />)
    expect(screen.getByRole('alert')).toHaveTextContent('L-refused')
    rerender(<VideoResult snapshot={undefined} labels={custom} placeholder />)
    expect(container.textContent).toBe('L-empty')
    rerender(<VideoResult snapshot={makeSnapshot(makeJob(), 'failed')} labels={custom} placeholder />)
    expect(container.textContent).toBe('L-failed')
    rerender(<VideoResult snapshot={makeSnapshot(makeJob(), 'expired')} labels={custom} placeholder />)
    expect(container.textContent).toBe('L-expired')
  })

  it('renders a design system’s Video, Button and Link from `components`', async () => {
    const user = userEvent.setup()
    const DsVideo = (props: ComponentPropsWithRef<'video'>) => <video data-ds="video" {...props} />
    const DsButton = (props: ComponentPropsWithRef<'button'>) => <button data-ds="button" {...props} />
    const DsLink = (props: ComponentPropsWithRef<'a'>) => <a data-ds="link" {...props} />
    const onRetake = vi.fn()
    const { container } = render(
      <VideoResult
        snapshot={succeeded(VIDEO)}
        input={t2vInput}
        onRetake={onRetake}
        components={{ Video: DsVideo, Button: DsButton, Link: DsLink }}
        unstyled
        className="my-result"
      />,
    )
    const video = screen.getByLabelText('Generated video')
    expect(video).toHaveAttribute('data-ds', 'video')
    expect(video).toHaveAttribute('src', VIDEO)
    expect(screen.getByRole('link', { name: 'Download' })).toHaveAttribute('data-ds', 'link')
    const buttons = screen.getAllByRole('button')
    expect(buttons.map((button) => button.getAttribute('data-ds'))).toEqual(['button', 'button'])
    await user.click(within(container).getByRole('button', { name: 'Retake a segment' }))
    expect(onRetake).toHaveBeenCalled()
    // The design system's video still feeds metadata back.
    setMetadata(video, 7, 640, 360)
    expect(valueOf('Resolution')).toBe('640×360')
    expect(container.querySelector('[class*="ltx-"]')).toBeNull()
    expect(container.firstElementChild).toHaveClass('my-result')
  })
})

describe('video-result.css', () => {
  it('themes only with styles.css custom properties, prefixes its classes and respects reduced motion', () => {
    expectThemedCss('video-result.css')
  })
})
