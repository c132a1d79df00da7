// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { forwardRef, useState, type ComponentPropsWithRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatClock, formatSpokenTime } from '../../src/components/format-time'
import { SegmentPicker } from '../../src/components/segment-picker'
import { segmentToRetake, type SegmentValue } from '../../src/components/segment-to-retake'
import { defaultSegmentPickerLabels, useSegmentPicker, type SegmentPickerLabels } from '../../src/components/use-segment-picker'
import { expectNoAxeViolations, expectThemedCss } from './helpers'

afterEach(cleanup)

const VIDEO = 'https://cdn.segmind.example/outputs/source.mp4'
// Each thumb's slider is its visually hidden native <input type="range"> (implicit role slider).
const start = () => screen.getByRole<HTMLInputElement>('slider', { name: 'Start' })
const end = () => screen.getByRole<HTMLInputElement>('slider', { name: 'End' })
const now = (slider: HTMLInputElement) => Number(slider.value)
/** The summary (an <output>, role status, kept out of the live regions). */
const summary = () => screen.getByRole('status', { name: 'Selected segment' })
/** The polite live region that says when one thumb pushed the other. */
const announcer = () => screen.getByRole('status', { name: 'Segment changes' })
/** The visible handle around a thumb's input. */
const handle = (slider: HTMLElement) => slider.closest('[data-thumb]:not(input)')

async function pressOn(slider: HTMLElement, keys: string) {
  const user = userEvent.setup()
  slider.focus()
  await user.keyboard(keys)
}

/** Give the track a 650 px box at x = 0, so 10 px is one second of a 65 s video. */
function stubTrack(container: HTMLElement) {
  const track = container.querySelector<HTMLElement>('[data-part="track"]')
  if (track === null) throw new Error('no track')
  track.getBoundingClientRect = () => ({ left: 0, top: 0, right: 650, bottom: 20, width: 650, height: 20, x: 0, y: 0, toJSON: () => ({}) })
  const capture = vi.fn()
  track.setPointerCapture = capture
  track.hasPointerCapture = () => true
  track.releasePointerCapture = vi.fn()
  return { track, capture }
}

describe('format-time', () => {
  it('writes clocks and spoken times', () => {
    expect(formatClock(12)).toBe('0:12')
    expect(formatClock(65)).toBe('1:05')
    expect(formatClock(12.34)).toBe('0:12.3')
    expect(formatClock(3723)).toBe('1:02:03')
    expect(formatSpokenTime(65)).toBe('1 minute 5 seconds')
    expect(formatSpokenTime(8)).toBe('8 seconds')
    expect(formatSpokenTime(1)).toBe('1 second')
    expect(formatSpokenTime(2.5)).toBe('2.5 seconds')
    expect(formatSpokenTime(120)).toBe('2 minutes')
    expect(formatSpokenTime(0)).toBe('0 seconds')
  })
})

describe('SegmentPicker', () => {
  it('renders two labelled slider thumbs with spoken times and a summary', async () => {
    const { container } = render(<SegmentPicker durationSec={65} defaultValue={{ start: 12, end: 20 }} src={VIDEO} />)
    expect(screen.getByRole('group', { name: 'Segment to retake' })).toBeInTheDocument()
    expect(start()).toHaveValue('12')
    expect(start()).toHaveAttribute('aria-valuenow', '12')
    expect(start()).toHaveAttribute('min', '0')
    expect(start()).toHaveAttribute('max', '63') // 2 s before the end of the video: it pushes the end thumb
    expect(start()).toHaveAttribute('step', '0.1')
    expect(start()).toHaveAttribute('aria-valuetext', '12 seconds')
    expect(end()).toHaveValue('20')
    expect(end()).toHaveAttribute('min', '2')
    expect(end()).toHaveAttribute('max', '65')
    expect(end()).toHaveAttribute('aria-valuetext', '20 seconds')
    expect(summary()).toHaveTextContent('0:12 to 0:20, 8 seconds')
    expect(summary().tagName).toBe('OUTPUT')
    expect(announcer()).toBeEmptyDOMElement()
    expect(screen.getByLabelText('Source video')).toHaveAttribute('src', VIDEO)
    await expectNoAxeViolations(container)
  })

  it('starts from 0 to the longest allowed length, and speaks minutes', async () => {
    render(<SegmentPicker durationSec={90} defaultValue={{ start: 50, end: 65 }} />)
    expect(end()).toHaveAttribute('aria-valuetext', '1 minute 5 seconds')
    cleanup()
    render(<SegmentPicker durationSec={65} />)
    expect(summary()).toHaveTextContent('0:00 to 0:20, 20 seconds')
  })

  it('reaches both thumbs with Tab, one stop each', async () => {
    const user = userEvent.setup()
    render(<SegmentPicker durationSec={65} src={VIDEO} />)
    // (jsdom's <video controls> takes no focus; a browser's would come first.)
    await user.tab()
    expect(start()).toHaveFocus()
    await user.tab()
    expect(end()).toHaveFocus()
    await user.tab()
    expect(screen.getByRole('button', { name: 'Play segment' })).toHaveFocus()
    await user.tab({ shift: true })
    expect(end()).toHaveFocus()
  })

  it('gives each thumb one focusable native range input, visually hidden, which screen readers adjust', async () => {
    const onChange = vi.fn()
    const { container } = render(<SegmentPicker durationSec={65} defaultValue={{ start: 12, end: 20 }} onChange={onChange} />)
    const sliders = screen.getAllByRole('slider')
    expect(sliders).toEqual([start(), end()])
    for (const slider of sliders) {
      expect(slider.tagName).toBe('INPUT')
      expect(slider).toHaveAttribute('type', 'range')
      expect(slider).toHaveStyle({ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' })
      expect(handle(slider)).not.toBeNull()
    }
    // Nothing else in the picker takes focus: no second tab stop per thumb.
    const focusable = container.querySelectorAll('[tabindex], input, button, a[href], select, textarea')
    expect([...focusable]).toEqual([start(), end()])
    expect(container.querySelectorAll('[role="slider"]')).toHaveLength(0)

    // VoiceOver's swipe up / TalkBack's volume key set the native value: the thumb follows.
    fireEvent.change(start(), { target: { value: '15' } })
    expect(now(start())).toBe(15)
    expect(start()).toHaveAttribute('aria-valuetext', '15 seconds')
    expect(onChange).toHaveBeenLastCalledWith({ start: 15, end: 20 })
    // The same limits apply as to the keys and the pointer.
    fireEvent.change(end(), { target: { value: '60' } })
    expect([now(start()), now(end())]).toEqual([40, 60])
    await expectNoAxeViolations(container)
  })

  it('keeps the summary out of the live regions: the sliders speak each move once', async () => {
    render(<SegmentPicker durationSec={65} defaultValue={{ start: 12, end: 20 }} />)
    // <output> is a polite live region by default (role status); it would speak every pointer move.
    expect(summary()).toHaveAttribute('aria-live', 'off')
    await pressOn(start(), '{ArrowRight}')
    expect(summary()).toHaveTextContent('0:12.1 to 0:20, 7.9 seconds')
    // Nothing was pushed: the announcer stays quiet.
    expect(announcer()).toBeEmptyDOMElement()
    expect(start()).toHaveAttribute('aria-valuetext', '12.1 seconds')
  })

  it('merges the caller’s props into every prop getter', async () => {
    const user = userEvent.setup()
    const onKeyDown = vi.fn()
    const onPlay = vi.fn()
    const onTrackDown = vi.fn()
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
    function Headless() {
      const picker = useSegmentPicker({ durationSec: 65, defaultValue: { start: 12, end: 20 } })
      return (
        <div {...picker.getRootProps({ className: 'mine', 'aria-label': 'Cut' })}>
          <video {...picker.getVideoProps({ src: VIDEO, 'data-testid': 'video' })} />
          <div {...picker.getTrackProps({ onPointerDown: onTrackDown, className: 'track' })}>
            <div {...picker.getRangeProps({ style: { background: 'red' } })} />
            {(['start', 'end'] as const).map((thumb) => (
              <div key={thumb} {...picker.getThumbProps(thumb, { className: 'thumb', style: { top: '2px' } })}>
                <input {...picker.getThumbInputProps(thumb, { onKeyDown, 'aria-describedby': 'hint' })} />
              </div>
            ))}
          </div>
          <span id="hint">Arrows move by a tenth of a second</span>
          <output {...picker.getOutputProps({ className: 'summary' })}>{picker.summary}</output>
          <button {...picker.getPlayButtonProps({ onClick: onPlay })}>Play</button>
        </div>
      )
    }
    const { container } = render(<Headless />)
    const group = screen.getByRole('group', { name: 'Cut' })
    expect(group).toHaveClass('mine')
    expect(group).toHaveAttribute('data-state', 'idle')
    expect(start()).toHaveAccessibleDescription('Arrows move by a tenth of a second')
    expect(handle(start())).toHaveClass('thumb')
    expect(handle(start())).toHaveStyle({ top: '2px', left: `${(12 / 65) * 100}%` })
    await pressOn(start(), '{PageUp}')
    expect(now(start())).toBe(13)
    expect(onKeyDown).toHaveBeenCalledTimes(1)
    const { track } = stubTrack(container)
    fireEvent.pointerDown(track, { pointerId: 1, clientX: 600, button: 0, pointerType: 'mouse' })
    expect(onTrackDown).toHaveBeenCalledTimes(1)
    expect(now(end())).toBe(60)
    fireEvent.pointerUp(track, { pointerId: 1, clientX: 600 })
    const video = screen.getByTestId('video') as HTMLVideoElement
    await user.click(screen.getByRole('button', { name: 'Play' }))
    expect(onPlay).toHaveBeenCalledTimes(1)
    expect(video.currentTime).toBe(40)
    expect(screen.getByRole('status')).toHaveClass('summary')
  })

  it.each([
    ['{ArrowRight}', 12.1],
    ['{ArrowUp}', 12.1],
    ['{ArrowLeft}', 11.9],
    ['{ArrowDown}', 11.9],
    ['{Shift>}{ArrowRight}{/Shift}', 13],
    ['{Shift>}{ArrowLeft}{/Shift}', 11],
    ['{PageUp}', 13],
    ['{PageDown}', 11],
    ['{Home}', 0],
  ])('moves the start thumb with %s', async (keys, expected) => {
    const onChange = vi.fn()
    render(<SegmentPicker durationSec={65} defaultValue={{ start: 12, end: 20 }} onChange={onChange} />)
    await pressOn(start(), keys)
    expect(now(start())).toBe(expected)
    expect(now(end())).toBe(20)
    expect(onChange).toHaveBeenLastCalledWith({ start: expected, end: 20 })
  })

  it.each([
    ['{ArrowRight}', 20.1],
    ['{ArrowUp}', 20.1],
    ['{ArrowLeft}', 19.9],
    ['{ArrowDown}', 19.9],
    ['{Shift>}{ArrowUp}{/Shift}', 21],
    ['{Shift>}{ArrowDown}{/Shift}', 19],
    ['{PageUp}', 21],
    ['{PageDown}', 19],
  ])('moves the end thumb with %s', async (keys, expected) => {
    render(<SegmentPicker durationSec={65} defaultValue={{ start: 12, end: 20 }} />)
    await pressOn(end(), keys)
    expect(now(end())).toBe(expected)
    expect(now(start())).toBe(12)
    expect(summary()).toHaveTextContent(`0:12 to ${formatClock(expected)}`)
  })

  it('End takes the end thumb to the end of the video, pushing the start to keep 20 s at most', async () => {
    render(<SegmentPicker durationSec={65} defaultValue={{ start: 12, end: 20 }} />)
    await pressOn(end(), '{End}')
    expect(now(end())).toBe(65)
    expect(now(start())).toBe(45)
    expect(summary()).toHaveTextContent('0:45 to 1:05, 20 seconds')
    expect(announcer()).toHaveTextContent('Start moved to 45 seconds')
  })

  it('never lets the thumbs cross: at the minimum length, moving one pushes the other, and says so', async () => {
    render(<SegmentPicker durationSec={65} defaultValue={{ start: 10, end: 12 }} />)
    await pressOn(start(), '{ArrowRight}')
    expect([now(start()), now(end())]).toEqual([10.1, 12.1])
    expect(announcer()).toHaveTextContent('End moved to 12.1 seconds')
    await pressOn(start(), '{End}')
    expect([now(start()), now(end())]).toEqual([63, 65])
    await pressOn(end(), '{Home}')
    expect([now(start()), now(end())]).toEqual([0, 2])
    expect(announcer()).toHaveTextContent('Start moved to 0 seconds')
    expect(summary()).toHaveTextContent('0:00 to 0:02, 2 seconds')
    // A move that pushes nothing empties it, so the next push is a change to announce.
    await pressOn(end(), '{ArrowRight}')
    expect(announcer()).toBeEmptyDOMElement()
  })

  it('lets the default segment of a short clip move: start has room on a 4 s clip', async () => {
    render(<SegmentPicker durationSec={4} defaultValue={{ start: 0, end: 2 }} />)
    expect(start()).toHaveAttribute('max', '2')
    await pressOn(start(), '{Shift>}{ArrowRight}{/Shift}')
    expect([now(start()), now(end())]).toEqual([1, 3])
  })

  it('draws a time ruler with round steps, hidden from assistive technology', () => {
    const { container } = render(<SegmentPicker durationSec={65} />)
    const ruler = container.querySelector('[data-part="ruler"]')
    expect(ruler).toHaveAttribute('aria-hidden', 'true')
    expect([...(ruler?.children ?? [])].map((tick) => tick.textContent)).toEqual(['0:00', '0:10', '0:20', '0:30', '0:40', '0:50', '1:00'])
    cleanup()
    const short = render(<SegmentPicker durationSec={4} />).container.querySelector('[data-part="ruler"]')
    expect([...(short?.children ?? [])].map((tick) => tick.textContent)).toEqual(['0:00', '0:01', '0:02', '0:03', '0:04'])
    expect((short?.lastElementChild as HTMLElement).style.left).toBe('100%')
  })

  it('keeps the length within the maximum by pushing the other thumb along', async () => {
    render(<SegmentPicker durationSec={65} defaultValue={{ start: 10, end: 30 }} />)
    await pressOn(start(), '{ArrowLeft}')
    expect([now(start()), now(end())]).toEqual([9.9, 29.9])
    await pressOn(end(), '{PageUp}')
    expect([now(start()), now(end())]).toEqual([10.9, 30.9])
    await pressOn(start(), '{Home}')
    expect([now(start()), now(end())]).toEqual([0, 20])
  })

  it('honours custom min, max and step', async () => {
    render(<SegmentPicker durationSec={30} minSec={4} maxSec={6} step={0.5} defaultValue={{ start: 5, end: 10 }} />)
    await pressOn(end(), '{ArrowRight}{ArrowRight}{ArrowRight}')
    expect([now(start()), now(end())]).toEqual([5.5, 11.5]) // 6 s at most: the start follows
    await pressOn(end(), '{Home}')
    expect([now(start()), now(end())]).toEqual([0, 4]) // 4 s at least: the start is pushed to 0
  })

  it('stops at the limits of the video', async () => {
    render(<SegmentPicker durationSec={65} defaultValue={{ start: 0, end: 65 }} />)
    // An over-long default is brought within 20 s.
    expect([now(start()), now(end())]).toEqual([0, 20])
    await pressOn(start(), '{ArrowLeft}{PageDown}{Home}')
    expect(now(start())).toBe(0)
    await pressOn(end(), '{End}{ArrowRight}{PageUp}')
    expect(now(end())).toBe(65)
  })

  it('is controlled by value and onChange', async () => {
    const changes: SegmentValue[] = []
    function Harness() {
      const [value, setValue] = useState<SegmentValue>({ start: 12, end: 20 })
      return (
        <>
          <SegmentPicker
            durationSec={65}
            value={value}
            onChange={(next) => {
              changes.push(next)
              setValue(next)
            }}
          />
          <p data-testid="request">{JSON.stringify(segmentToRetake(value))}</p>
        </>
      )
    }
    render(<Harness />)
    await pressOn(start(), '{PageUp}')
    expect(changes).toEqual([{ start: 13, end: 20 }])
    expect(now(start())).toBe(13)
    expect(screen.getByTestId('request')).toHaveTextContent('{"start":13,"duration":7}')
  })

  it('does not move when controlled and the parent keeps its value', async () => {
    const onChange = vi.fn()
    render(<SegmentPicker durationSec={65} value={{ start: 12, end: 20 }} onChange={onChange} />)
    await pressOn(start(), '{ArrowRight}')
    expect(onChange).toHaveBeenCalledWith({ start: 12.1, end: 20 })
    expect(now(start())).toBe(12)
  })

  it('maps the value to useRetake’s request', () => {
    expect(segmentToRetake({ start: 12, end: 20 })).toEqual({ start: 12, duration: 8 })
    expect(segmentToRetake({ start: 0.1 + 0.2, end: 8.3 })).toEqual({ start: 0.3, duration: 8 })
  })

  it('drags a thumb with the pointer, capturing it, without crossing the other', () => {
    const onChange = vi.fn()
    const { container } = render(<SegmentPicker durationSec={65} defaultValue={{ start: 10, end: 20 }} onChange={onChange} />)
    const { track, capture } = stubTrack(container)
    fireEvent.pointerDown(end(), { pointerId: 1, clientX: 200, button: 0, pointerType: 'mouse' })
    expect(capture).toHaveBeenCalledWith(1)
    expect(now(end())).toBe(20) // grabbing a thumb does not move it
    expect(end()).toHaveFocus()
    expect(screen.getByRole('group')).toHaveAttribute('data-dragging')
    expect(screen.getByRole('group')).toHaveAttribute('data-state', 'dragging')
    expect(handle(end())).toHaveAttribute('data-dragging')
    fireEvent.pointerMove(track, { pointerId: 1, clientX: 255 })
    expect(now(end())).toBe(25.5)
    fireEvent.pointerMove(track, { pointerId: 1, clientX: 0 })
    expect([now(start()), now(end())]).toEqual([0, 2]) // 2 s at least: it pushes the start to 0 and stops
    fireEvent.pointerUp(track, { pointerId: 1, clientX: 0 })
    expect(screen.getByRole('group')).not.toHaveAttribute('data-dragging')
    expect(screen.getByRole('group')).toHaveAttribute('data-state', 'idle')
    fireEvent.pointerMove(track, { pointerId: 1, clientX: 400 })
    expect(now(end())).toBe(2)
    expect(onChange).toHaveBeenLastCalledWith({ start: 0, end: 2 })
  })

  it('moves the nearest thumb to a click on the track, and follows touch drags', () => {
    const { container } = render(<SegmentPicker durationSec={65} defaultValue={{ start: 10, end: 20 }} />)
    const { track } = stubTrack(container)
    fireEvent.pointerDown(track, { pointerId: 2, clientX: 50, button: 0, pointerType: 'mouse' })
    fireEvent.pointerUp(track, { pointerId: 2, clientX: 50 })
    expect(now(start())).toBe(5)
    expect(start()).toHaveFocus()

    fireEvent.pointerDown(track, { pointerId: 3, clientX: 300, pointerType: 'touch' })
    expect(now(end())).toBe(30) // beyond the end thumb: it moves, pushing the start to keep 20 s
    expect(now(start())).toBe(10)
    fireEvent.pointerMove(track, { pointerId: 3, clientX: 400, pointerType: 'touch' })
    expect([now(start()), now(end())]).toEqual([20, 40])
    fireEvent.pointerCancel(track, { pointerId: 3 })
    fireEvent.pointerMove(track, { pointerId: 3, clientX: 500, pointerType: 'touch' })
    expect(now(end())).toBe(40)
  })

  it('loops the preview: past the end, playback seeks back to the start', () => {
    const { container } = render(<SegmentPicker durationSec={65} defaultValue={{ start: 12, end: 20 }} src={VIDEO} />)
    const video = screen.getByLabelText('Source video') as HTMLVideoElement
    Object.defineProperty(video, 'paused', { configurable: true, value: false })
    video.currentTime = 15
    fireEvent.timeUpdate(video)
    expect(video.currentTime).toBe(15)
    video.currentTime = 20.2
    fireEvent.timeUpdate(video)
    expect(video.currentTime).toBe(12)
    expect(container.querySelector('video')).toHaveAttribute('controls')
  })

  it('does not loop when loop is off', () => {
    render(<SegmentPicker durationSec={65} defaultValue={{ start: 12, end: 20 }} src={VIDEO} loop={false} />)
    const video = screen.getByLabelText('Source video') as HTMLVideoElement
    Object.defineProperty(video, 'paused', { configurable: true, value: false })
    video.currentTime = 25
    fireEvent.timeUpdate(video)
    expect(video.currentTime).toBe(25)
  })

  it('plays the segment from its start, and shows the frame at a moved thumb while paused', async () => {
    const user = userEvent.setup()
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
    render(<SegmentPicker durationSec={65} defaultValue={{ start: 12, end: 20 }} src={VIDEO} />)
    const video = screen.getByLabelText('Source video') as HTMLVideoElement
    await pressOn(end(), '{PageUp}')
    expect(video.currentTime).toBe(21)
    await user.click(screen.getByRole('button', { name: 'Play segment' }))
    expect(video.currentTime).toBe(12)
    expect(play).toHaveBeenCalled()
  })

  it.each(['javascript:alert(1)', 'data:video/mp4;base64,AAAA'])('never plays a %s source', (src) => {
    const { container } = render(<SegmentPicker durationSec={65} src={src} />)
    expect(container.querySelector('video')).toBeNull()
    expect(container.innerHTML).not.toContain(src.slice(0, 10))
    expect(start()).toBeInTheDocument()
  })

  it('warns when the video is shorter than the shortest segment', async () => {
    const { container } = render(<SegmentPicker durationSec={1.5} />)
    expect(screen.getByText('The video is shorter than 2 seconds, the shortest segment.')).toBeInTheDocument()
    expect(screen.getByRole('group')).toHaveAttribute('data-state', 'invalid')
    expect(summary()).toHaveTextContent('0:00 to 0:01.5, 1.5 seconds')
    await expectNoAxeViolations(container)
  })

  it('is disabled until the length is known', async () => {
    const { container, rerender } = render(<SegmentPicker durationSec={0} />)
    expect(start()).toBeDisabled()
    expect(screen.getByRole('group')).toHaveAttribute('data-disabled')
    expect(screen.getByRole('group')).toHaveAttribute('data-state', 'disabled')
    await pressOn(end(), '{ArrowRight}')
    expect(now(end())).toBe(0)
    await expectNoAxeViolations(container)
    rerender(<SegmentPicker durationSec={12} />)
    expect(now(end())).toBe(12)
    expect(start()).toBeEnabled()
    expect(screen.getByRole('group')).toHaveAttribute('data-state', 'idle')
  })

  it('replaces every visible and spoken string with `labels`', () => {
    const custom: SegmentPickerLabels = {
      group: 'L-group',
      start: 'L-start',
      end: 'L-end',
      valueText: (seconds) => `L-${seconds}-s`,
      summary: (a, b, length) => `L-from ${a} L-to ${b} L-len ${length}`,
      tooShort: (min) => `L-short ${min}`,
      video: 'L-video',
      playSegment: 'L-play',
      summaryName: 'L-summary',
      announcements: 'L-announcements',
      pushed: (thumb, time) => `L-pushed ${thumb} ${time}`,
    }
    const { container, rerender } = render(
      <SegmentPicker durationSec={65} defaultValue={{ start: 12, end: 20 }} src={VIDEO} labels={custom} />,
    )
    expect(screen.getByRole('group', { name: 'L-group' })).toBeInTheDocument()
    expect(screen.getByRole('slider', { name: 'L-start' })).toHaveAttribute('aria-valuetext', 'L-12-s')
    expect(screen.getByRole('slider', { name: 'L-end' })).toHaveAttribute('aria-valuetext', 'L-20-s')
    expect(screen.getByLabelText('L-video')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'L-play' })).toBeInTheDocument()
    expect(screen.getByRole('status', { name: 'L-summary' })).toHaveTextContent('L-from 0:12 L-to 0:20 L-len 8 seconds')
    // The length inside the summary is data (spoken time), passed to the label function; the ruler's clocks too.
    expect(container.textContent).toBe('0:000:100:200:300:400:501:00L-from 0:12 L-to 0:20 L-len 8 secondsL-play')
    fireEvent.change(screen.getByRole('slider', { name: 'L-end' }), { target: { value: '40' } })
    expect(screen.getByRole('status', { name: 'L-announcements' })).toHaveTextContent('L-pushed L-start 20 seconds')
    for (const value of Object.values(defaultSegmentPickerLabels)) {
      if (typeof value === 'string') expect(container.textContent).not.toContain(value)
    }
    rerender(<SegmentPicker durationSec={1} labels={custom} />)
    expect(screen.getByText('L-short 2')).toBeInTheDocument()
  })

  it('renders a design system’s Video and Button from `components`, which still loop and play', async () => {
    const user = userEvent.setup()
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
    // forwardRef, as React 18 needs to hand a slot its ref (React 19 passes ref as a prop).
    const DsVideo = forwardRef<HTMLVideoElement, ComponentPropsWithRef<'video'>>(function DsVideo(props, ref) {
      return <video data-ds="video" {...props} ref={ref} />
    })
    const DsButton = (props: ComponentPropsWithRef<'button'>) => <button data-ds="button" {...props} />
    const { container } = render(
      <SegmentPicker
        durationSec={65}
        defaultValue={{ start: 12, end: 20 }}
        src={VIDEO}
        components={{ Video: DsVideo, Button: DsButton }}
        unstyled
        className="my-picker"
      />,
    )
    const video = screen.getByLabelText('Source video') as HTMLVideoElement
    expect(video).toHaveAttribute('data-ds', 'video')
    const button = screen.getByRole('button', { name: 'Play segment' })
    expect(button).toHaveAttribute('data-ds', 'button')
    await user.click(button)
    expect(play).toHaveBeenCalled()
    Object.defineProperty(video, 'paused', { configurable: true, value: false })
    video.currentTime = 30
    fireEvent.timeUpdate(video)
    expect(video.currentTime).toBe(12)
    expect(container.querySelector('[class*="ltx-"]')).toBeNull()
    expect(container.firstElementChild).toHaveClass('my-picker')
    await expectNoAxeViolations(container)
  })
})

describe('segment-picker.css', () => {
  it('themes only with styles.css custom properties, prefixes its classes and respects reduced motion', () => {
    expectThemedCss('segment-picker.css')
  })
})
