import { RETAKE_MAX_SEC, RETAKE_MIN_SEC } from './ltx-retake-video.facts'

// Segment maths, in one place for the three that need it: the SegmentPicker (where thumbs may
// go), `segmentToRetake` (what is sent) and the retake schema's check (what is accepted). In
// models/ because the schema is: components read it from here, never the other way round.

/** A chosen segment of a video, in seconds from its start. */
export interface SegmentValue {
  start: number
  end: number
}

/** Which end of a segment moved. */
export type SegmentThumb = 'start' | 'end'

/** How far apart the ends may be within a video of `duration` seconds. */
export interface SegmentLimits {
  readonly duration: number
  readonly minLen: number
  readonly maxLen: number
}

/** The tolerance of every comparison: float sums such as 0.1 + 0.2 must not refuse a segment at its limit. */
export const SEGMENT_EPSILON = 1e-6

/** The one rounding rule: to the millisecond, so float noise (7.999999) neither shows nor trips a check. */
export function roundSeconds(value: number): number {
  return Math.round(value * 1000) / 1000
}

/** `value` within `min`–`max`. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

/**
 * The limits within a video of `durationSec` (0 when unknown). A video shorter than the shortest
 * segment still gets a whole-video segment, which {@link isSegmentLength} then refuses.
 */
export function segmentLimits(durationSec: number, minSec = RETAKE_MIN_SEC, maxSec = RETAKE_MAX_SEC): SegmentLimits {
  const duration = Number.isFinite(durationSec) && durationSec > 0 ? durationSec : 0
  const minLen = Math.min(minSec, duration)
  return { duration, minLen, maxLen: Math.max(minLen, Math.min(maxSec, duration)) }
}

/**
 * Apply the limits after moving `changed` to its new place. Ends never cross, and both lengths
 * push: moving an end closer than `minLen` or farther than `maxLen` from the other drags the
 * other along (until the video's edge), so a segment at its shortest can still be slid by
 * either end instead of sitting stuck.
 */
export function constrainSegment(value: SegmentValue, changed: SegmentThumb, { duration, minLen, maxLen }: SegmentLimits): SegmentValue {
  let { start, end } = value
  if (changed === 'start') {
    start = clamp(start, 0, duration - minLen)
    end = clamp(end, start + minLen, Math.min(duration, start + maxLen))
  } else {
    end = clamp(end, minLen, duration)
    start = clamp(start, Math.max(0, end - maxLen), end - minLen)
  }
  return { start: roundSeconds(start), end: roundSeconds(end) }
}

/** Whether `length` seconds lies within `minSec`–`maxSec` (the retake's 2–20 s by default). */
export function isSegmentLength(length: number, minSec = RETAKE_MIN_SEC, maxSec = RETAKE_MAX_SEC): boolean {
  return Number.isFinite(length) && length >= minSec - SEGMENT_EPSILON && length <= maxSec + SEGMENT_EPSILON
}

/** The segment as a retake's start and duration, rounded by {@link roundSeconds}. */
export function segmentStartDuration(segment: SegmentValue): { start: number; duration: number } {
  return { start: roundSeconds(segment.start), duration: roundSeconds(segment.end - segment.start) }
}
