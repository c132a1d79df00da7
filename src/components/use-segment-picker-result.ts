import type { ChangeEvent, CSSProperties, KeyboardEvent, MouseEvent, PointerEvent, SyntheticEvent } from 'react'
import type { SegmentThumb, SegmentValue } from '../models/retake-segment'
import type { PartProps } from './component-slots'
import type { SegmentTick } from './ruler-ticks'
import type { SegmentPickerLabels } from './segment-picker-labels'
import type { SegmentPickerState } from './use-segment-picker-state'

// What `useSegmentPicker` returns: the state, texts and each part's prop getter.

/**
 * Props of one thumb's visible handle: placed on the track and grabbed by the pointer. It is not
 * focusable itself; the native range input inside it ({@link SegmentThumbInputProps}) is.
 */
export interface SegmentThumbProps {
  'data-thumb': SegmentThumb
  'data-dragging'?: ''
  'data-disabled'?: ''
  style: CSSProperties
  onPointerDown: (event: PointerEvent<HTMLElement>) => void
}

/**
 * Props of the visually hidden native `<input type="range">` inside each thumb (React Aria's
 * approach): the one focusable slider per thumb, which touch screen readers (VoiceOver on iOS,
 * TalkBack) can adjust, and which the arrows, Shift+arrows, PageUp/PageDown and Home/End move.
 */
export interface SegmentThumbInputProps {
  ref: (element: HTMLInputElement | null) => void
  id: string
  type: 'range'
  min: number
  max: number
  step: number
  value: number
  'aria-valuenow': number
  disabled: boolean
  'aria-label': string
  'aria-valuetext': string
  'data-thumb': SegmentThumb
  style: CSSProperties
  onChange: (event: ChangeEvent<HTMLInputElement>) => void
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void
}


// Round ruler steps in seconds; the first that leaves at most MAX_TICK_GAPS gaps is used.

/** What {@link useSegmentPicker} returns: the segment, its limits and prop getters for each part. */
export interface UseSegmentPickerResult {
  value: SegmentValue
  /** `end - start`, in seconds. */
  length: number
  /** False while the length is unknown or shorter than `minSec`, when no segment can be valid. */
  isValid: boolean
  /** True when the video's length is known but shorter than `minSec`. */
  isTooShort: boolean
  /** The shortest segment in seconds, as configured. */
  minSec: number
  /** The segment as `useRetake`'s request: `{ start, duration }`. */
  retakeRequest: { start: number; duration: number }
  /** The summary text, e.g. `0:12 to 0:20, 8 seconds`. */
  summary: string
  /** What the announcer says: that the last move pushed the other thumb, else `''`. */
  announcement: string
  /** Marks of the time ruler under the track, a round step apart (1 s, 5 s, 10 s…). */
  ticks: readonly SegmentTick[]
  isDragging: boolean
  /** What `data-state` on the root says. */
  state: SegmentPickerState
  labels: SegmentPickerLabels
  /** Set the segment (limits applied), as if the user had moved `changed`. */
  setValue: (value: SegmentValue, changed?: SegmentThumb) => void
  /** Seek the video to the start of the segment and play it. */
  playSegment: () => void
  /** Each getter merges the caller's `props` over its own (see {@link PartProps}): handlers chained, classes joined. */
  getRootProps: (props?: PartProps<'div'>) => PartProps<'div'> & {
    role: 'group'
    'aria-label': string
    'data-state': SegmentPickerState
    'data-dragging'?: ''
    'data-disabled'?: ''
  }
  getTrackProps: (props?: PartProps<'div'>) => PartProps<'div'> & {
    ref: (element: HTMLElement | null) => void
    'data-part': 'track'
    onPointerDown: (event: PointerEvent<HTMLElement>) => void
    onPointerMove: (event: PointerEvent<HTMLElement>) => void
    onPointerUp: (event: PointerEvent<HTMLElement>) => void
    onPointerCancel: (event: PointerEvent<HTMLElement>) => void
  }
  getRangeProps: (props?: PartProps<'div'>) => PartProps<'div'> & { 'data-part': 'range'; style: CSSProperties }
  /** The visible handle; render {@link UseSegmentPickerResult.getThumbInputProps} inside it. */
  getThumbProps: (thumb: SegmentThumb, props?: PartProps<'div'>) => PartProps<'div'> & SegmentThumbProps
  getThumbInputProps: (thumb: SegmentThumb, props?: PartProps<'input'>) => PartProps<'input'> & SegmentThumbInputProps
  /**
   * The summary. Not a live region (`aria-live="off"` over `<output>`'s implicit one): it would
   * speak on every pointer move and repeat each key press the slider's `aria-valuetext` already says.
   */
  getOutputProps: (props?: PartProps<'output'>) => PartProps<'output'> & { htmlFor: string; 'aria-live': 'off'; 'aria-label': string }
  /**
   * A visually hidden polite live region for {@link UseSegmentPickerResult.announcement}: the
   * moved thumb speaks its own value, but the other one, pushed along, would move unheard.
   */
  getAnnouncerProps: (props?: PartProps<'span'>) => PartProps<'span'> & {
    role: 'status'
    'aria-live': 'polite'
    'aria-atomic': true
    'aria-label': string
    style: CSSProperties
  }
  /** The ruler: decoration for the eye (the sliders speak the times), hidden from assistive technology. */
  getRulerProps: (props?: PartProps<'div'>) => PartProps<'div'> & { 'aria-hidden': true; 'data-part': 'ruler' }
  getVideoProps: (props?: PartProps<'video'>) => PartProps<'video'> & {
    ref: (element: HTMLVideoElement | null) => void
    'aria-label': string
    onTimeUpdate: (event: SyntheticEvent<HTMLVideoElement>) => void
  }
  getPlayButtonProps: (
    props?: PartProps<'button'>,
  ) => PartProps<'button'> & { type: 'button'; onClick: (event: MouseEvent<HTMLButtonElement>) => void; disabled: boolean }
}
