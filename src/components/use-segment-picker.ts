'use client'
import { useRef, type PointerEvent, type SyntheticEvent } from 'react'
import { clamp, roundSeconds, type SegmentThumb } from '../models/retake-segment'
import { getter, mergeProps } from './merge-props'
import type { PartProps } from './component-slots'
import { formatClock, formatSpokenTime } from './format-time'
import { visuallyHidden } from './visually-hidden'
import { rulerTicks } from './ruler-ticks'
import { segmentToRetake } from './segment-to-retake'
import type { SegmentThumbInputProps, SegmentThumbProps, UseSegmentPickerResult } from './use-segment-picker-result'
import { useSegmentPickerState, type SegmentPickerElements, type SegmentPickerState, type UseSegmentPickerOptions } from './use-segment-picker-state'

export { defaultSegmentPickerLabels } from './segment-picker-labels'
export type { SegmentPickerLabels } from './segment-picker-labels'
export { rulerTicks } from './ruler-ticks'
export type { SegmentTick } from './ruler-ticks'
export { useSegmentPickerState } from './use-segment-picker-state'
export type { SegmentPickerState, SegmentPickerStateResult, UseSegmentPickerOptions } from './use-segment-picker-state'
export type { SegmentThumbInputProps, SegmentThumbProps, UseSegmentPickerResult } from './use-segment-picker-result'

/** One of the two thumbs of the range. */
export type { SegmentThumb } from '../models/retake-segment'


// The elements the handlers reach: the video to seek, the track to measure, the inputs to focus.

/**
 * Headless two-thumb segment picker over a video's timeline, after the WAI-ARIA multi-thumb
 * slider pattern, with a visually hidden native range input per thumb (so touch screen readers
 * can adjust it): keyboard (arrows, Shift+arrows, PageUp/PageDown, Home/End), spoken
 * `aria-valuetext`, pointer and touch drag, segment looping, controlled or uncontrolled.
 * The value maps to `useRetake` as `{ start, duration: end - start }` (see `retakeRequest`).
 */
export function useSegmentPicker(options: UseSegmentPickerOptions): UseSegmentPickerResult {
  const { step = 0.1, largeStep = 1, loop = true } = options
  const { value, latest, limits, length, isValid, disabled, state, labels, minSec, announcement, drag, setDrag, setValue, elements, id } = useSegmentPickerState(options)
  const { duration } = limits
  const refTo =
    <Part extends keyof SegmentPickerElements>(part: Part) =>
    (element: SegmentPickerElements[Part] | null) => {
      elements.current[part] = element
    }
  // Set by a thumb's pointerdown, read by the track's as the event bubbles up to it.
  const pressedThumb = useRef<SegmentThumb | null>(null)

  // Moves go through the limits, so Home and End can ask for ±Infinity and stop where they must.
  // (While the length is unknown every move lands on 0:00, the value it already has.)
  const moveThumb = (thumb: SegmentThumb, seconds: number) => setValue({ ...latest.current, [thumb]: seconds }, thumb)
  const snap = (seconds: number) => roundSeconds(Math.round(seconds / step) * step)

  const secondsAt = (clientX: number) => {
    const rect = elements.current.track?.getBoundingClientRect()
    // A track with no width (not laid out) has no time under the pointer.
    return rect === undefined || rect.width <= 0 ? undefined : snap(clamp((clientX - rect.left) / rect.width, 0, 1) * duration)
  }

  const onTrackPointerDown = (event: PointerEvent<HTMLElement>) => {
    const pressed = pressedThumb.current
    pressedThumb.current = null
    const seconds = secondsAt(event.clientX)
    if (disabled || (event.pointerType === 'mouse' && event.button !== 0) || seconds === undefined) return
    const { start, end } = latest.current
    // A press on the track takes the nearest thumb; on either side of both, the one on that side.
    const thumb = pressed ?? (seconds <= start || (seconds < end && seconds - start < end - seconds) ? 'start' : 'end')
    setDrag({ pointerId: event.pointerId, thumb })
    // Capture keeps the drag going when the finger or mouse leaves the track; the browser releases
    // it on pointerup and pointercancel. A pointer that is already gone (or jsdom, which has no
    // capture) throws: the drag then ends on its own.
    try {
      event.currentTarget.setPointerCapture(event.pointerId)
    } catch {}
    event.preventDefault()
    elements.current[thumb]?.focus()
    // Grabbing a thumb does not jump it to the pointer; clicking the track does.
    if (pressed === null) moveThumb(thumb, seconds)
  }

  const onTrackPointerMove = (event: PointerEvent<HTMLElement>) => {
    const seconds = secondsAt(event.clientX)
    if (drag?.pointerId === event.pointerId && seconds !== undefined) moveThumb(drag.thumb, seconds)
  }

  const endDrag = (event: PointerEvent<HTMLElement>) => {
    if (drag?.pointerId === event.pointerId) setDrag(null)
  }

  const playSegment = () => {
    const video = elements.current.video
    if (video == null) return
    video.currentTime = latest.current.start
    // jsdom and some browsers return nothing or reject (autoplay rules): the user can press play.
    const playing = video.play() as Promise<void> | undefined
    playing?.catch(() => undefined)
  }

  // Without a known length (disabled) every place is at 0%.
  const percent = (seconds: number) => (disabled ? 0 : (seconds / duration) * 100)
  const thumbId = (thumb: SegmentThumb) => `${id}-${thumb}`
  const disabledFlag = disabled && ({ 'data-disabled': '' } as const)

  return {
    value,
    length,
    isValid,
    isTooShort: !disabled && duration < minSec,
    minSec,
    retakeRequest: segmentToRetake(value),
    summary: labels.summary(formatClock(value.start), formatClock(value.end), formatSpokenTime(length)),
    announcement,
    ticks: rulerTicks(duration),
    isDragging: drag !== null,
    state,
    labels,
    setValue,
    playSegment,
    getRootProps: getter({
      role: 'group',
      'aria-label': labels.group,
      'data-state': state,
      ...(drag !== null && ({ 'data-dragging': '' } as const)),
      ...disabledFlag,
    } as const),
    getTrackProps: getter({
      ref: refTo('track'),
      'data-part': 'track',
      onPointerDown: onTrackPointerDown,
      onPointerMove: onTrackPointerMove,
      onPointerUp: endDrag,
      onPointerCancel: endDrag,
    } as const),
    getRangeProps: getter({
      'data-part': 'range',
      style: { left: `${percent(value.start)}%`, width: `${percent(value.end) - percent(value.start)}%` },
    } as const),
    getThumbProps: (thumb, props) =>
      mergeProps<SegmentThumbProps, PartProps<'div'>>(
        {
          'data-thumb': thumb,
          ...(drag?.thumb === thumb && ({ 'data-dragging': '' } as const)),
          ...disabledFlag,
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
          ref: refTo(thumb),
          id: thumbId(thumb),
          type: 'range',
          // Where the thumb can go, pushing the other if need be.
          min: thumb === 'start' ? 0 : roundSeconds(limits.minLen),
          max: thumb === 'start' ? roundSeconds(duration - limits.minLen) : duration,
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
          // What a screen reader's adjust gesture (or a browser's own stepping) sets on the native input.
          // (A range input's value is always a number: the browser sanitizes it.)
          onChange: (event) => moveThumb(thumb, Number(event.currentTarget.value)),
          // The keys move the thumb here, not by the input's own stepping: Shift+arrows and the
          // Page keys take the large step, and Home/End go as far as the limits allow.
          onKeyDown: (event) => {
            const by = event.shiftKey ? largeStep : step
            const moves: Partial<Record<string, number>> = {
              ArrowRight: by,
              ArrowUp: by,
              ArrowLeft: -by,
              ArrowDown: -by,
              PageUp: largeStep,
              PageDown: -largeStep,
              Home: -Infinity,
              End: Infinity,
            }
            const move = moves[event.key]
            if (move === undefined) return
            event.preventDefault()
            moveThumb(thumb, snap(latest.current[thumb] + move))
          },
        },
        props,
      ),
    getOutputProps: getter({ htmlFor: `${thumbId('start')} ${thumbId('end')}`, 'aria-live': 'off', 'aria-label': labels.summaryName } as const),
    getAnnouncerProps: getter({ role: 'status', 'aria-live': 'polite', 'aria-atomic': true, 'aria-label': labels.announcements, style: visuallyHidden } as const),
    getRulerProps: getter({ 'aria-hidden': true, 'data-part': 'ruler' } as const),
    getVideoProps: getter({
      ref: refTo('video'),
      'aria-label': labels.video,
      onTimeUpdate: (event: SyntheticEvent<HTMLVideoElement>) => {
        // Loop within the segment; not while the length is unknown, when the segment is 0:00–0:00.
        const video = event.currentTarget
        const { start, end } = latest.current
        if (loop && !disabled && !video.paused && video.currentTime >= end) video.currentTime = start
      },
    }),
    getPlayButtonProps: getter({ type: 'button', onClick: playSegment, disabled } as const),
  }
}
