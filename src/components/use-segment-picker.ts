'use client'
import {
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type SyntheticEvent,
} from 'react'
import { RETAKE_MAX_SEC, RETAKE_MIN_SEC } from '../models/ltx-retake-video'
import { mergeProps } from './class-names'
import type { PartProps } from './component-slots'
import { formatClock, formatSpokenTime } from './format-time'
import { segmentToRetake, type SegmentValue } from './segment-to-retake'

/** One of the two thumbs of the range. */
export type SegmentThumb = 'start' | 'end'

/**
 * The picker's state for styling (`data-state` on the root): `disabled` while the length is
 * unknown, `invalid` when no segment can satisfy the limits, `dragging` during a pointer drag.
 */
export type SegmentPickerState = 'idle' | 'dragging' | 'invalid' | 'disabled'

/** Every string a segment picker shows or speaks, in English by default. */
export interface SegmentPickerLabels {
  /** The accessible name of the whole picker. */
  group: string
  start: string
  end: string
  /** A thumb's `aria-valuetext`: its time in words. */
  valueText: (seconds: number) => string
  /** The summary: clocks for the start and end, words for the length. */
  summary: (start: string, end: string, length: string) => string
  /** Shown when the video is shorter than the shortest segment. */
  tooShort: (minSec: number) => string
  video: string
  playSegment: string
}

/** The English labels of {@link SegmentPickerLabels}. */
export const defaultSegmentPickerLabels: SegmentPickerLabels = {
  group: 'Segment to retake',
  start: 'Start',
  end: 'End',
  valueText: formatSpokenTime,
  summary: (start, end, length) => `${start} to ${end}, ${length}`,
  tooShort: (minSec) => `The video is shorter than ${minSec} seconds, the shortest segment.`,
  video: 'Source video',
  playSegment: 'Play segment',
}

/** Options of {@link useSegmentPicker}. */
export interface UseSegmentPickerOptions {
  /** Length of the source video in seconds. */
  durationSec: number
  /** Shortest segment, default 2 s (the retake model's minimum). */
  minSec?: number
  /** Longest segment, default 20 s (the retake model's maximum). */
  maxSec?: number
  /** One arrow key press, default 0.1 s. */
  step?: number
  /** Shift+arrow and PageUp/PageDown, default 1 s. */
  largeStep?: number
  /** The segment, when controlled. */
  value?: SegmentValue
  /** The first segment, when uncontrolled; default from 0 to the longest allowed length. */
  defaultValue?: SegmentValue
  onChange?: (value: SegmentValue) => void
  /** Loop playback within the segment (default true). */
  loop?: boolean
  labels?: Partial<SegmentPickerLabels>
}

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
  getOutputProps: (props?: PartProps<'output'>) => PartProps<'output'> & { htmlFor: string; 'aria-live': 'off' }
  getVideoProps: (props?: PartProps<'video'>) => PartProps<'video'> & {
    ref: (element: HTMLVideoElement | null) => void
    'aria-label': string
    onTimeUpdate: (event: SyntheticEvent<HTMLVideoElement>) => void
  }
  getPlayButtonProps: (
    props?: PartProps<'button'>,
  ) => PartProps<'button'> & { type: 'button'; onClick: (event: MouseEvent<HTMLButtonElement>) => void; disabled: boolean }
}

// Hidden from sight but not from assistive technology, and still focusable (React Aria's
// useVisuallyHidden). Inline, so `unstyled` cannot show it.
const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  border: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
}

// Keeps sums such as 0.1 + 0.2 from showing as 0.30000000000000004 in values and aria-valuenow.
function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

interface Limits {
  duration: number
  minLen: number
  maxLen: number
}

/**
 * Apply the limits after moving `changed` to its new place. Thumbs never cross and the minimum
 * length clamps: the moved thumb stops `minLen` short of the other. The maximum length pushes:
 * moving a thumb away drags the other along, so the segment can be slid by either end.
 */
function constrain(value: SegmentValue, changed: SegmentThumb, { duration, minLen, maxLen }: Limits): SegmentValue {
  if (changed === 'start') {
    const start = clamp(value.start, 0, Math.max(0, Math.min(value.end, duration) - minLen))
    const end = clamp(value.end, start + minLen, Math.min(duration, start + maxLen))
    return { start: tidy(start), end: tidy(end) }
  }
  const end = clamp(value.end, Math.min(duration, value.start + minLen), duration)
  const start = clamp(value.start, Math.max(0, end - maxLen), Math.max(0, end - minLen))
  return { start: tidy(start), end: tidy(end) }
}

function snap(seconds: number, step: number): number {
  return tidy(Math.round(seconds / step) * step)
}

/**
 * Headless two-thumb segment picker over a video's timeline, after the WAI-ARIA multi-thumb
 * slider pattern, with a visually hidden native range input per thumb (so touch screen readers
 * can adjust it): keyboard (arrows, Shift+arrows, PageUp/PageDown, Home/End), spoken
 * `aria-valuetext`, pointer and touch drag, segment looping, controlled or uncontrolled.
 * The value maps to `useRetake` as `{ start, duration: end - start }` (see `retakeRequest`).
 */
export function useSegmentPicker(options: UseSegmentPickerOptions): UseSegmentPickerResult {
  const { durationSec, step = 0.1, largeStep = 1, onChange, loop = true } = options
  const labels = useMemo(() => ({ ...defaultSegmentPickerLabels, ...options.labels }), [options.labels])
  const duration = Number.isFinite(durationSec) && durationSec > 0 ? durationSec : 0
  const minSec = options.minSec ?? RETAKE_MIN_SEC
  const maxSec = options.maxSec ?? RETAKE_MAX_SEC
  // A video shorter than the shortest segment still gets a (whole-video) value, marked invalid.
  const limits: Limits = { duration, minLen: Math.min(minSec, duration), maxLen: Math.max(Math.min(minSec, duration), Math.min(maxSec, duration)) }
  const disabled = duration === 0

  const [inner, setInner] = useState<SegmentValue | undefined>(options.defaultValue)
  // Without a default, the first segment follows the length as it becomes known (metadata loads late).
  const raw = options.value ?? inner ?? { start: 0, end: Math.min(duration, maxSec) }
  // An out-of-range value keeps its start and gives way at the end, as if the end were moved last.
  const value = constrain(constrain(raw, 'start', limits), 'end', limits)
  const latest = useRef(value)
  latest.current = value

  const videoRef = useRef<HTMLVideoElement | null>(null)
  const trackRef = useRef<HTMLElement | null>(null)
  const thumbRefs = useRef<Record<SegmentThumb, HTMLInputElement | null>>({ start: null, end: null })
  const drag = useRef<{ pointerId: number; thumb: SegmentThumb } | null>(null)
  const pressedThumb = useRef<SegmentThumb | null>(null)
  const [dragging, setDragging] = useState<SegmentThumb | null>(null)
  const id = useId()

  const setValue = useCallback(
    (next: SegmentValue, changed: SegmentThumb = 'start') => {
      const constrained = constrain(next, changed, limits)
      const previous = latest.current
      if (constrained.start === previous.start && constrained.end === previous.end) return
      latest.current = constrained
      if (options.value === undefined) setInner(constrained)
      onChange?.(constrained)
      // While paused, show the frame at the moved thumb, so the user sees where the cut falls.
      const video = videoRef.current
      if (video !== null && video.paused) video.currentTime = constrained[changed]
    },
    // `limits` is rebuilt each render from these numbers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [duration, limits.minLen, limits.maxLen, options.value, onChange],
  )

  const moveThumb = useCallback(
    (thumb: SegmentThumb, seconds: number) => setValue({ ...latest.current, [thumb]: seconds }, thumb),
    [setValue],
  )

  const thumbMin = (thumb: SegmentThumb) => (thumb === 'start' ? 0 : tidy(Math.min(duration, value.start + limits.minLen)))
  const thumbMax = (thumb: SegmentThumb) => (thumb === 'start' ? tidy(Math.max(0, value.end - limits.minLen)) : duration)

  // The keys move the thumb here, not by the input's own stepping: Shift+arrows and
  // PageUp/PageDown take the large step, and Home/End stop at the other thumb.
  const onKeyDown = (thumb: SegmentThumb) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (disabled) return
    const current = latest.current[thumb]
    const by = event.shiftKey ? largeStep : step
    let target: number
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowUp':
        target = snap(current + by, step)
        break
      case 'ArrowLeft':
      case 'ArrowDown':
        target = snap(current - by, step)
        break
      case 'PageUp':
        target = snap(current + largeStep, step)
        break
      case 'PageDown':
        target = snap(current - largeStep, step)
        break
      case 'Home':
        target = thumbMin(thumb)
        break
      case 'End':
        target = thumbMax(thumb)
        break
      default:
        return
    }
    event.preventDefault()
    moveThumb(thumb, target)
  }

  // What a screen reader's adjust gesture (or a browser's own stepping) sets on the native input.
  const onInputChange = (thumb: SegmentThumb) => (event: ChangeEvent<HTMLInputElement>) => {
    if (disabled) return
    const seconds = Number(event.currentTarget.value)
    if (Number.isFinite(seconds)) moveThumb(thumb, seconds)
  }

  const secondsAt = (clientX: number): number | undefined => {
    const rect = trackRef.current?.getBoundingClientRect()
    if (rect === undefined || rect.width <= 0) return undefined
    return snap(clamp((clientX - rect.left) / rect.width, 0, 1) * duration, step)
  }

  const nearestThumb = (seconds: number): SegmentThumb => {
    const { start, end } = latest.current
    if (seconds <= start) return 'start'
    if (seconds >= end) return 'end'
    return seconds - start < end - seconds ? 'start' : 'end'
  }

  const onTrackPointerDown = (event: PointerEvent<HTMLElement>) => {
    const pressed = pressedThumb.current
    pressedThumb.current = null
    if (disabled || (event.pointerType === 'mouse' && event.button !== 0)) return
    const seconds = secondsAt(event.clientX)
    if (seconds === undefined) return
    const thumb = pressed ?? nearestThumb(seconds)
    drag.current = { pointerId: event.pointerId, thumb }
    setDragging(thumb)
    // Capture keeps the drag going when the finger or mouse leaves the track.
    const track = event.currentTarget
    if (typeof track.setPointerCapture === 'function') {
      try {
        track.setPointerCapture(event.pointerId)
      } catch {
        // A pointer that is already gone cannot be captured; the drag then ends on its own.
      }
    }
    event.preventDefault()
    thumbRefs.current[thumb]?.focus()
    // Grabbing a thumb does not jump it to the pointer; clicking the track does.
    if (pressed === null) moveThumb(thumb, seconds)
  }

  const onTrackPointerMove = (event: PointerEvent<HTMLElement>) => {
    const active = drag.current
    if (active === null || active.pointerId !== event.pointerId) return
    const seconds = secondsAt(event.clientX)
    if (seconds !== undefined) moveThumb(active.thumb, seconds)
  }

  const endDrag = (event: PointerEvent<HTMLElement>) => {
    if (drag.current === null || drag.current.pointerId !== event.pointerId) return
    drag.current = null
    setDragging(null)
    const track = event.currentTarget
    if (typeof track.hasPointerCapture === 'function' && track.hasPointerCapture(event.pointerId)) {
      track.releasePointerCapture(event.pointerId)
    }
  }

  const onTimeUpdate = (event: SyntheticEvent<HTMLVideoElement>) => {
    if (!loop || disabled) return
    const video = event.currentTarget
    const { start, end } = latest.current
    if (!video.paused && video.currentTime >= end) video.currentTime = start
  }

  const playSegment = () => {
    const video = videoRef.current
    if (video === null) return
    video.currentTime = latest.current.start
    // jsdom and some browsers return nothing or reject (autoplay rules): the user can press play.
    const playing = video.play() as Promise<void> | undefined
    playing?.catch(() => undefined)
  }

  const percent = (seconds: number) => (duration === 0 ? 0 : (seconds / duration) * 100)
  const length = tidy(value.end - value.start)
  const summary = labels.summary(formatClock(value.start), formatClock(value.end), formatSpokenTime(length))
  const thumbId = (thumb: SegmentThumb) => `${id}-${thumb}`
  const isValid = !disabled && length >= minSec - 1e-6 && length <= maxSec + 1e-6
  const state: SegmentPickerState = disabled ? 'disabled' : !isValid ? 'invalid' : dragging !== null ? 'dragging' : 'idle'

  return {
    value,
    length,
    isValid,
    isTooShort: !disabled && duration < minSec,
    minSec,
    retakeRequest: segmentToRetake(value),
    summary,
    isDragging: dragging !== null,
    state,
    labels,
    setValue,
    playSegment,
    getRootProps: (props) =>
      mergeProps(
        {
          role: 'group' as const,
          'aria-label': labels.group,
          'data-state': state,
          ...(dragging === null ? {} : { 'data-dragging': '' as const }),
          ...(disabled ? { 'data-disabled': '' as const } : {}),
        },
        props,
      ),
    getTrackProps: (props) =>
      mergeProps(
        {
          ref: (element: HTMLElement | null) => {
            trackRef.current = element
          },
          'data-part': 'track' as const,
          onPointerDown: onTrackPointerDown,
          onPointerMove: onTrackPointerMove,
          onPointerUp: endDrag,
          onPointerCancel: endDrag,
        },
        props,
      ),
    getRangeProps: (props) =>
      mergeProps(
        {
          'data-part': 'range' as const,
          style: { left: `${percent(value.start)}%`, width: `${percent(value.end) - percent(value.start)}%` },
        },
        props,
      ),
    getThumbProps: (thumb, props) =>
      mergeProps<SegmentThumbProps, PartProps<'div'>>(
        {
          'data-thumb': thumb,
          ...(dragging === thumb ? { 'data-dragging': '' as const } : {}),
          ...(disabled ? { 'data-disabled': '' as const } : {}),
          style: { left: `${percent(value[thumb])}%` },
          // Runs before the track's handler (the event bubbles), telling it which thumb was grabbed.
          onPointerDown: () => {
            pressedThumb.current = thumb
          },
        },
        props,
      ),
    getThumbInputProps: (thumb, props) =>
      mergeProps<SegmentThumbInputProps, PartProps<'input'>>(
        {
          ref: (element) => {
            thumbRefs.current[thumb] = element
          },
          id: thumbId(thumb),
          type: 'range',
          min: thumbMin(thumb),
          max: thumbMax(thumb),
          step,
          value: value[thumb],
          // The exact time: a browser rounds the native value to `step` (a 12.345 s video ends at 12.3).
          'aria-valuenow': value[thumb],
          // Native `disabled` takes it out of the tab order and tells assistive technology.
          disabled,
          'aria-label': labels[thumb],
          'aria-valuetext': labels.valueText(value[thumb]),
          'data-thumb': thumb,
          style: visuallyHidden,
          onChange: onInputChange(thumb),
          onKeyDown: onKeyDown(thumb),
        },
        props,
      ),
    getOutputProps: (props) => mergeProps({ htmlFor: `${thumbId('start')} ${thumbId('end')}`, 'aria-live': 'off' as const }, props),
    getVideoProps: (props) =>
      mergeProps(
        {
          ref: (element: HTMLVideoElement | null) => {
            videoRef.current = element
          },
          'aria-label': labels.video,
          onTimeUpdate,
        },
        props,
      ),
    getPlayButtonProps: (props) => mergeProps({ type: 'button' as const, onClick: playSegment, disabled }, props),
  }
}
