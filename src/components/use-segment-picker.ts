'use client'
import {
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type SyntheticEvent,
} from 'react'
import { RETAKE_MAX_SEC, RETAKE_MIN_SEC } from '../models/ltx-retake-video'
import { formatClock, formatSpokenTime } from './format-time'
import { segmentToRetake, type SegmentValue } from './segment-to-retake'

/** One of the two thumbs of the range. */
export type SegmentThumb = 'start' | 'end'

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

/** Props of one thumb: a focusable `role="slider"` after the WAI-ARIA multi-thumb slider pattern. */
export interface SegmentThumbProps {
  ref: (element: HTMLElement | null) => void
  id: string
  role: 'slider'
  tabIndex: number
  'aria-label': string
  'aria-valuemin': number
  'aria-valuemax': number
  'aria-valuenow': number
  'aria-valuetext': string
  'aria-orientation': 'horizontal'
  'aria-disabled'?: true
  'data-thumb': SegmentThumb
  'data-dragging'?: ''
  style: CSSProperties
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void
  onPointerDown: (event: PointerEvent<HTMLElement>) => void
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
  labels: SegmentPickerLabels
  /** Set the segment (limits applied), as if the user had moved `changed`. */
  setValue: (value: SegmentValue, changed?: SegmentThumb) => void
  /** Seek the video to the start of the segment and play it. */
  playSegment: () => void
  getRootProps: () => { role: 'group'; 'aria-label': string; 'data-dragging'?: ''; 'data-disabled'?: '' }
  getTrackProps: () => {
    ref: (element: HTMLElement | null) => void
    'data-part': 'track'
    onPointerDown: (event: PointerEvent<HTMLElement>) => void
    onPointerMove: (event: PointerEvent<HTMLElement>) => void
    onPointerUp: (event: PointerEvent<HTMLElement>) => void
    onPointerCancel: (event: PointerEvent<HTMLElement>) => void
  }
  getRangeProps: () => { 'data-part': 'range'; style: CSSProperties }
  getThumbProps: (thumb: SegmentThumb) => SegmentThumbProps
  getOutputProps: () => { htmlFor: string; 'aria-live': 'polite' }
  getVideoProps: () => {
    ref: (element: HTMLVideoElement | null) => void
    'aria-label': string
    onTimeUpdate: (event: SyntheticEvent<HTMLVideoElement>) => void
  }
  getPlayButtonProps: () => { type: 'button'; onClick: () => void; disabled: boolean }
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
 * slider pattern: keyboard (arrows, Shift+arrows, PageUp/PageDown, Home/End), spoken
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
  const thumbRefs = useRef<Record<SegmentThumb, HTMLElement | null>>({ start: null, end: null })
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

  const onKeyDown = (thumb: SegmentThumb) => (event: KeyboardEvent<HTMLElement>) => {
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

  return {
    value,
    length,
    isValid: !disabled && length >= minSec - 1e-6 && length <= maxSec + 1e-6,
    isTooShort: !disabled && duration < minSec,
    minSec,
    retakeRequest: segmentToRetake(value),
    summary,
    isDragging: dragging !== null,
    labels,
    setValue,
    playSegment,
    getRootProps: () => ({
      role: 'group',
      'aria-label': labels.group,
      ...(dragging === null ? {} : { 'data-dragging': '' as const }),
      ...(disabled ? { 'data-disabled': '' as const } : {}),
    }),
    getTrackProps: () => ({
      ref: (element) => {
        trackRef.current = element
      },
      'data-part': 'track',
      onPointerDown: onTrackPointerDown,
      onPointerMove: onTrackPointerMove,
      onPointerUp: endDrag,
      onPointerCancel: endDrag,
    }),
    getRangeProps: () => ({
      'data-part': 'range',
      style: { left: `${percent(value.start)}%`, width: `${percent(value.end) - percent(value.start)}%` },
    }),
    getThumbProps: (thumb) => ({
      ref: (element) => {
        thumbRefs.current[thumb] = element
      },
      id: thumbId(thumb),
      role: 'slider',
      tabIndex: disabled ? -1 : 0,
      'aria-label': labels[thumb],
      'aria-valuemin': thumbMin(thumb),
      'aria-valuemax': thumbMax(thumb),
      'aria-valuenow': value[thumb],
      'aria-valuetext': labels.valueText(value[thumb]),
      'aria-orientation': 'horizontal',
      ...(disabled ? { 'aria-disabled': true as const } : {}),
      'data-thumb': thumb,
      ...(dragging === thumb ? { 'data-dragging': '' as const } : {}),
      style: { left: `${percent(value[thumb])}%` },
      onKeyDown: onKeyDown(thumb),
      // Runs before the track's handler (the event bubbles), telling it which thumb was grabbed.
      onPointerDown: () => {
        pressedThumb.current = thumb
      },
    }),
    getOutputProps: () => ({ htmlFor: `${thumbId('start')} ${thumbId('end')}`, 'aria-live': 'polite' }),
    getVideoProps: () => ({
      ref: (element) => {
        videoRef.current = element
      },
      'aria-label': labels.video,
      onTimeUpdate,
    }),
    getPlayButtonProps: () => ({ type: 'button', onClick: playSegment, disabled }),
  }
}
