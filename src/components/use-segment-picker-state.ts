'use client'
import { useCallback, useId, useMemo, useRef, useState } from 'react'
import { RETAKE_MAX_SEC, RETAKE_MIN_SEC } from '../models/ltx-retake-video.facts'
import { constrainSegment, isSegmentLength, roundSeconds, segmentLimits, type SegmentLimits, type SegmentThumb, type SegmentValue } from '../models/retake-segment'
import { formatSpokenTime } from './format-time'
import { defaultSegmentPickerLabels, type SegmentPickerLabels } from './segment-picker-labels'

/**
 * The picker's state for styling (`data-state` on the root): `disabled` while the length is
 * unknown, `invalid` when no segment can satisfy the limits, `dragging` during a pointer drag.
 */
export type SegmentPickerState = 'idle' | 'dragging' | 'invalid' | 'disabled'

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

/** The elements the picker's props hook attaches to (through its refs), each read by the state for seeking and dragging. */
export interface SegmentPickerElements {
  video: HTMLVideoElement
  track: HTMLElement
  start: HTMLInputElement
  end: HTMLInputElement
}

/** What {@link useSegmentPickerState} holds: the value and the moves on it, with no element props. */
export interface SegmentPickerStateResult {
  readonly value: SegmentValue
  /** The value as of the latest move: a drag can move a thumb several times before the next render. */
  readonly latest: { current: SegmentValue }
  readonly limits: SegmentLimits
  readonly length: number
  readonly isValid: boolean
  readonly disabled: boolean
  readonly state: SegmentPickerState
  readonly labels: SegmentPickerLabels
  readonly minSec: number
  readonly maxSec: number
  readonly announcement: string
  readonly drag: { readonly pointerId: number; readonly thumb: SegmentThumb } | null
  setDrag(drag: { pointerId: number; thumb: SegmentThumb } | null): void
  /** Set the segment after moving `changed` (default `start`); the limits apply. */
  setValue(next: SegmentValue, changed?: SegmentThumb): void
  /** The elements the moves reach (the video to seek) and the props hook's handlers measure and focus. */
  readonly elements: { current: { [Part in keyof SegmentPickerElements]?: SegmentPickerElements[Part] | null } }
  readonly id: string
}

/**
 * The segment picker's state, React Aria style: the value (controlled or not) within the limits
 * of `models/retake-segment.ts`, the push announcement and the drag; `useSegmentPicker` turns it
 * into element props. For a picker of other markup than a two-thumb slider.
 */
export function useSegmentPickerState(options: UseSegmentPickerOptions): SegmentPickerStateResult {
  const { durationSec, onChange, minSec = RETAKE_MIN_SEC, maxSec = RETAKE_MAX_SEC } = options
  const labels = useMemo(() => ({ ...defaultSegmentPickerLabels, ...options.labels }), [options.labels])
  // A video shorter than the shortest segment still gets a (whole-video) value, marked invalid.
  const limits = segmentLimits(durationSec, minSec, maxSec)
  const { duration, minLen, maxLen } = limits
  const disabled = duration === 0

  const constrain = (value: SegmentValue, changed: SegmentThumb): SegmentValue => constrainSegment(value, changed, limits)

  const [inner, setInner] = useState(options.defaultValue)
  // Without a default, the first segment follows the length as it becomes known (metadata loads late).
  const raw = options.value ?? inner ?? { start: 0, end: Math.min(duration, maxSec) }
  // An out-of-range value keeps its start and gives way at the end, as if the end were moved last.
  const value = constrain(constrain(raw, 'start'), 'end')
  // What the handlers move from: a drag can move a thumb several times before the next render.
  const latest = useRef(value)
  latest.current = value

  const elements = useRef<{ [Part in keyof SegmentPickerElements]?: SegmentPickerElements[Part] | null }>({})
  const [drag, setDrag] = useState<{ pointerId: number; thumb: SegmentThumb } | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const id = useId()

  const setValue = useCallback(
    (next: SegmentValue, changed: SegmentThumb = 'start') => {
      const constrained = constrain(next, changed)
      const previous = latest.current
      if (constrained.start === previous.start && constrained.end === previous.end) return
      latest.current = constrained
      if (options.value === undefined) setInner(constrained)
      onChange?.(constrained)
      // Emptied when nothing was pushed, so the same push said twice is a change the second time too.
      const other = changed === 'start' ? 'end' : 'start'
      setAnnouncement(constrained[other] === previous[other] ? '' : labels.pushed(labels[other], formatSpokenTime(constrained[other])))
      // While paused, show the frame at the moved thumb, so the user sees where the cut falls.
      const video = elements.current.video
      if (video?.paused) video.currentTime = constrained[changed]
    },
    // `constrain` is rebuilt each render from these numbers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [duration, minLen, maxLen, options.value, onChange, labels],
  )

  const length = roundSeconds(value.end - value.start)
  const isValid = !disabled && isSegmentLength(length, minSec, maxSec)
  const state: SegmentPickerState = disabled ? 'disabled' : !isValid ? 'invalid' : drag !== null ? 'dragging' : 'idle'
  return { value, latest, limits, length, isValid, disabled, state, labels, minSec, maxSec, announcement, drag, setDrag, setValue, elements, id }
}
