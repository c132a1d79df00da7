import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { formatClock, SegmentPicker, segmentToRetake, type SegmentPickerProps, type SegmentValue } from '../src/index'
import { sampleVideoUrl, themedCanvas } from './story-fakes'

const meta = {
  title: 'Components/SegmentPicker',
  component: SegmentPicker,
  decorators: [themedCanvas],
  args: { durationSec: 65, onChange: fn() },
  parameters: {
    docs: {
      description: {
        component:
          'Choose the segment of a video to retake: a two-thumb range after the WAI-ARIA multi-thumb slider pattern (arrows one step, Shift+arrows and PageUp/PageDown one second, Home/End to the limits), spoken times, a summary, and a preview that loops the segment. The length stays between `minSec` (2 s) and `maxSec` (20 s), the retake model’s limits.',
      },
    },
  },
} satisfies Meta<typeof SegmentPicker>

export default meta
type Story = StoryObj<typeof meta>

/** A thumb's slider: the visually hidden native range input inside its handle. */
const slider = (canvasElement: HTMLElement, name: 'Start' | 'End') => within(canvasElement).getByRole<HTMLInputElement>('slider', { name })
const valueOf = (thumb: HTMLInputElement) => Number(thumb.value)
const summary = (canvasElement: HTMLElement) => within(canvasElement).getByRole('status', { name: 'Selected segment' })
const announcer = (canvasElement: HTMLElement) => within(canvasElement).getByRole('status', { name: 'Segment changes' })

/** Focus a thumb as a keyboard user would (click it), then press `keys`. */
async function press(thumb: HTMLElement, keys: string) {
  thumb.focus()
  await userEvent.keyboard(keys)
}

export const Default: Story = {
  name: 'Default (uncontrolled, 65 s video)',
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('group', { name: 'Segment to retake' })).toBeInTheDocument()
    const start = slider(canvasElement, 'Start')
    const end = slider(canvasElement, 'End')
    // With no default, the segment runs from 0 to the longest allowed length.
    await expect(summary(canvasElement)).toHaveTextContent('0:00 to 0:20, 20 seconds')
    await expect(end).toHaveAttribute('aria-valuetext', '20 seconds')
    await expect(end).toHaveAttribute('max', '65')
    await expect(end).toHaveAttribute('type', 'range')

    // Tab reaches the start thumb, then the end thumb.
    await userEvent.tab()
    await expect(start).toHaveFocus()
    await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}')
    await expect(valueOf(start)).toBe(1)
    await userEvent.tab()
    await expect(end).toHaveFocus()
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}')
    await expect(valueOf(end)).toBe(19.8)
    await expect(summary(canvasElement)).toHaveTextContent('0:01 to 0:19.8, 18.8 seconds')
    await expect(args.onChange).toHaveBeenLastCalledWith({ start: 1, end: 19.8 })
  },
}

export const KeyboardSteps: Story = {
  name: 'Keyboard: arrows, Shift+arrows, PageUp/PageDown, Home/End',
  args: { defaultValue: { start: 30, end: 40 } },
  play: async ({ canvasElement }) => {
    const start = slider(canvasElement, 'Start')
    await press(start, '{ArrowRight}')
    await expect(valueOf(start)).toBe(30.1)
    await press(start, '{ArrowLeft}{ArrowLeft}')
    await expect(valueOf(start)).toBe(29.9)
    await press(start, '{Shift>}{ArrowLeft}{/Shift}')
    await expect(valueOf(start)).toBe(28.9)
    await press(start, '{PageUp}')
    await expect(valueOf(start)).toBe(29.9)
    await press(start, '{PageDown}{PageDown}')
    await expect(valueOf(start)).toBe(27.9)
    await expect(start).toHaveAttribute('aria-valuetext', '27.9 seconds')
    // Home takes the start to 0:00, pulling the end along so the segment stays within 20 s.
    await press(start, '{Home}')
    await expect(valueOf(start)).toBe(0)
    await expect(valueOf(slider(canvasElement, 'End'))).toBe(20)
    // End takes it as far as the 2 s shortest segment allows before the video ends, pushing the end thumb.
    await press(start, '{End}')
    await expect(valueOf(start)).toBe(63)
    await expect(summary(canvasElement)).toHaveTextContent('1:03 to 1:05, 2 seconds')
  },
}

/** Set a native input's value the way a screen reader's adjust gesture does, firing `input`. */
function adjust(input: HTMLInputElement, value: number) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, String(value))
  input.dispatchEvent(new Event('input', { bubbles: true }))
}

export const ScreenReaderAdjust: Story = {
  name: 'Screen readers: one native range input per thumb',
  args: { defaultValue: { start: 12, end: 20 } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const start = slider(canvasElement, 'Start')
    const end = slider(canvasElement, 'End')
    // Exactly one slider per thumb, and each is a native range input (iOS VoiceOver and TalkBack adjust these).
    await expect(canvas.getAllByRole('slider')).toEqual([start, end])
    await expect(start.tagName).toBe('INPUT')
    // Visually hidden: the handle around it is what shows.
    await expect(start.getBoundingClientRect().width).toBeLessThanOrEqual(1)
    await expect(start.parentElement).toHaveAttribute('data-thumb', 'start')
    adjust(start, 15)
    await expect(valueOf(start)).toBe(15)
    await expect(start).toHaveAttribute('aria-valuetext', '15 seconds')
    await expect(args.onChange).toHaveBeenLastCalledWith({ start: 15, end: 20 })
    // The summary is not a live region: the slider's own value text is what is spoken.
    await expect(summary(canvasElement)).toHaveAttribute('aria-live', 'off')
    await expect(summary(canvasElement)).toHaveTextContent('0:15 to 0:20, 5 seconds')
  },
}

export const AtMinimumLength: Story = {
  name: 'At the minimum length (2 s)',
  args: { defaultValue: { start: 10, end: 12 } },
  play: async ({ canvasElement }) => {
    const start = slider(canvasElement, 'Start')
    const end = slider(canvasElement, 'End')
    // Either thumb can go anywhere 2 s from the video's edge: it pushes the other along.
    await expect(start).toHaveAttribute('max', '63')
    await expect(end).toHaveAttribute('min', '2')
    await press(start, '{ArrowRight}{ArrowRight}')
    await expect(valueOf(start)).toBe(10.2)
    await expect(valueOf(end)).toBe(12.2)
    // The moved thumb speaks its own value; the pushed one is announced.
    await expect(announcer(canvasElement)).toHaveTextContent('End moved to 12.2 seconds')
    await press(end, '{PageDown}')
    await expect(valueOf(end)).toBe(11.2)
    await expect(valueOf(start)).toBe(9.2)
    await expect(announcer(canvasElement)).toHaveTextContent('Start moved to 9.2 seconds')
    await expect(summary(canvasElement)).toHaveTextContent('0:09.2 to 0:11.2, 2 seconds')
  },
}

export const AtMaximumLength: Story = {
  name: 'At the maximum length (20 s)',
  args: { defaultValue: { start: 0, end: 20 } },
  play: async ({ canvasElement }) => {
    const start = slider(canvasElement, 'Start')
    const end = slider(canvasElement, 'End')
    await expect(summary(canvasElement)).toHaveTextContent('0:00 to 0:20, 20 seconds')
    // Lengthening past 20 s drags the other thumb along: the segment slides.
    await press(end, '{Shift>}{ArrowRight}{ArrowRight}{ArrowRight}{/Shift}')
    await expect(valueOf(end)).toBe(23)
    await expect(valueOf(start)).toBe(3)
    await expect(summary(canvasElement)).toHaveTextContent('0:03 to 0:23, 20 seconds')
    // Back to the start: the end follows, still 20 s away.
    await press(start, '{Home}')
    await expect(valueOf(start)).toBe(0)
    await expect(valueOf(end)).toBe(20)
  },
}

export const AtStartOfVideo: Story = {
  name: 'At the start of the video',
  args: { defaultValue: { start: 0, end: 8 } },
  play: async ({ canvasElement }) => {
    const start = slider(canvasElement, 'Start')
    await expect(start).toHaveAttribute('min', '0')
    await press(start, '{ArrowLeft}{PageDown}{Home}')
    await expect(valueOf(start)).toBe(0)
    await expect(start).toHaveAttribute('aria-valuetext', '0 seconds')
    await expect(summary(canvasElement)).toHaveTextContent('0:00 to 0:08, 8 seconds')
  },
}

export const AtEndOfVideo: Story = {
  name: 'At the end of the video',
  args: { defaultValue: { start: 57, end: 65 } },
  play: async ({ canvasElement }) => {
    const end = slider(canvasElement, 'End')
    await expect(end).toHaveAttribute('max', '65')
    await expect(end).toHaveAttribute('aria-valuetext', '1 minute 5 seconds')
    await press(end, '{ArrowRight}{PageUp}{End}')
    await expect(valueOf(end)).toBe(65)
    await expect(summary(canvasElement)).toHaveTextContent('0:57 to 1:05, 8 seconds')
  },
}

export const CustomLimits: Story = {
  name: 'Custom limits (4–10 s, 0.5 s steps)',
  args: { durationSec: 30, minSec: 4, maxSec: 10, step: 0.5, largeStep: 2 },
  play: async ({ canvasElement }) => {
    const start = slider(canvasElement, 'Start')
    const end = slider(canvasElement, 'End')
    await expect(summary(canvasElement)).toHaveTextContent('0:00 to 0:10, 10 seconds')
    await press(end, '{End}')
    await expect(valueOf(end)).toBe(30)
    await expect(valueOf(start)).toBe(20)
    await press(start, '{ArrowRight}{PageUp}')
    await expect(valueOf(start)).toBe(22.5)
    await press(start, '{End}')
    await expect(valueOf(start)).toBe(26)
    await expect(summary(canvasElement)).toHaveTextContent('0:26 to 0:30, 4 seconds')
  },
}

export const TooShortSource: Story = {
  name: 'Source shorter than the shortest segment',
  args: { durationSec: 1.5 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText('The video is shorter than 2 seconds, the shortest segment.')).toBeVisible()
    await expect(summary(canvasElement)).toHaveTextContent('0:00 to 0:01.5, 1.5 seconds')
  },
}

export const ShortClipDefault: Story = {
  name: 'A 4 s clip, the first 2 s chosen (the default segment moves)',
  args: { durationSec: 4, defaultValue: { start: 0, end: 2 } },
  play: async ({ canvasElement }) => {
    const start = slider(canvasElement, 'Start')
    await expect(start).toHaveAttribute('max', '2')
    await press(start, '{Shift>}{ArrowRight}{/Shift}')
    await expect(valueOf(start)).toBe(1)
    await expect(valueOf(slider(canvasElement, 'End'))).toBe(3)
    // The ruler marks every second of a short clip.
    const ticks = [...(canvasElement.querySelector('[data-part="ruler"]')?.children ?? [])].map((tick) => tick.textContent)
    await expect(ticks).toEqual(['0:00', '0:01', '0:02', '0:03', '0:04'])
  },
}

export const LengthUnknown: Story = {
  name: 'Length not known yet (disabled)',
  args: { durationSec: 0 },
  play: async ({ canvasElement }) => {
    const start = slider(canvasElement, 'Start')
    await expect(canvasElement.querySelector('[role="group"]')).toHaveAttribute('data-disabled')
    await expect(canvasElement.querySelector('[role="group"]')).toHaveAttribute('data-state', 'disabled')
    await expect(start).toBeDisabled()
    await press(start, '{ArrowRight}')
    await expect(valueOf(start)).toBe(0)
  },
}

export const WithVideoPreview: Story = {
  name: 'With the video preview (4 s sample clip)',
  args: { durationSec: 4, src: sampleVideoUrl('with-audio'), defaultValue: { start: 1, end: 3.5 } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const video = canvas.getByLabelText<HTMLVideoElement>('Source video')
    await expect(video).toHaveAttribute('src', sampleVideoUrl('with-audio'))
    await waitFor(() => expect(video.readyState).toBeGreaterThanOrEqual(HTMLMediaElement.HAVE_METADATA), { timeout: 5000 })
    // While paused, moving a thumb shows the frame where the cut falls.
    await press(slider(canvasElement, 'End'), '{ArrowLeft}')
    await waitFor(() => expect(video.currentTime).toBeCloseTo(3.4, 1))
    video.muted = true
    await userEvent.click(canvas.getByRole('button', { name: 'Play segment' }))
    await waitFor(() => expect(video.currentTime).toBeGreaterThanOrEqual(1))
    await waitFor(() => expect(video.currentTime).toBeLessThanOrEqual(3.5))
    video.pause()
  },
}

export const PointerDrag: Story = {
  name: 'Pointer: click the track, drag a thumb',
  args: { durationSec: 60, defaultValue: { start: 10, end: 20 } },
  render: (args) => (
    <div style={{ width: 600 }}>
      <SegmentPicker {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const track = canvasElement.querySelector<HTMLElement>('[data-part="track"]')
    if (track === null) throw new Error('no track')
    const box = track.getBoundingClientRect()
    const at = (seconds: number) => ({ x: box.left + (box.width * seconds) / 60, y: box.top + box.height / 2 })
    // A click on the track moves the nearest thumb there.
    await userEvent.pointer([{ keys: '[MouseLeft]', target: track, coords: at(30) }])
    const end = slider(canvasElement, 'End')
    await waitFor(() => expect(valueOf(end)).toBeCloseTo(30, 0))
    await expect(end).toHaveFocus()
    // Drag the start thumb (its visible handle) right; it stops 2 s short of the end.
    const start = slider(canvasElement, 'Start')
    const handle = start.parentElement
    if (handle === null) throw new Error('no handle')
    await userEvent.pointer([
      { keys: '[MouseLeft>]', target: handle, coords: at(10) },
      { target: track, coords: at(25) },
      { target: track, coords: at(45) },
      { keys: '[/MouseLeft]', target: track, coords: at(45) },
    ])
    await waitFor(() => expect(valueOf(start)).toBeCloseTo(valueOf(end) - 2, 1))
    await expect(start).toHaveFocus()
  },
}

function ControlledPicker(props: SegmentPickerProps) {
  const [value, setValue] = useState<SegmentValue>({ start: 12, end: 20 })
  const retake = segmentToRetake(value)
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <SegmentPicker
        {...props}
        value={value}
        onChange={(next) => {
          setValue(next)
          props.onChange?.(next)
        }}
      />
      <p>
        Parent state: {formatClock(value.start)}–{formatClock(value.end)}; retake request start {retake.start}, duration {retake.duration}
      </p>
      <div style={{ display: 'flex', gap: 8 }}>
        <button type="button" onClick={() => setValue({ start: 30, end: 40 })}>
          Select 0:30 to 0:40
        </button>
        <button type="button" onClick={() => setValue({ start: 0, end: 2 })}>
          Select the first 2 seconds
        </button>
      </div>
    </div>
  )
}

export const Controlled: Story = {
  name: 'Controlled (value and onChange)',
  render: (args) => <ControlledPicker {...args} />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const start = slider(canvasElement, 'Start')
    const end = slider(canvasElement, 'End')
    await expect(canvas.getByText(/Parent state: 0:12–0:20/)).toBeVisible()
    await press(start, '{Shift>}{ArrowRight}{ArrowRight}{/Shift}')
    await expect(args.onChange).toHaveBeenLastCalledWith({ start: 14, end: 20 })
    await expect(canvas.getByText('Parent state: 0:14–0:20; retake request start 14, duration 6')).toBeVisible()
    // The parent sets the value: the thumbs and the summary follow.
    await userEvent.click(canvas.getByRole('button', { name: 'Select 0:30 to 0:40' }))
    await expect(valueOf(start)).toBe(30)
    await expect(valueOf(end)).toBe(40)
    await expect(summary(canvasElement)).toHaveTextContent('0:30 to 0:40, 10 seconds')
    await userEvent.click(canvas.getByRole('button', { name: 'Select the first 2 seconds' }))
    await expect(summary(canvasElement)).toHaveTextContent('0:00 to 0:02, 2 seconds')
    await expect(canvas.getByText(/retake request start 0, duration 2/)).toBeVisible()
  },
}

export const CustomLabels: Story = {
  name: 'Custom labels (Spanish)',
  args: {
    defaultValue: { start: 5, end: 12 },
    labels: {
      group: 'Segmento a rehacer',
      start: 'Inicio',
      end: 'Fin',
      valueText: (seconds) => `${seconds} segundos`,
      summary: (from, to, length) => `de ${from} a ${to}, ${length}`,
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('group', { name: 'Segmento a rehacer' })).toBeInTheDocument()
    await expect(canvas.getByRole('slider', { name: 'Inicio' })).toHaveAttribute('aria-valuetext', '5 segundos')
    await expect(canvas.getByRole('slider', { name: 'Fin' })).toHaveAttribute('aria-valuetext', '12 segundos')
    await expect(summary(canvasElement)).toHaveTextContent('de 0:05 a 0:12, 7 seconds')
  },
}
