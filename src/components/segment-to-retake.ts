import type { RetakeRequest } from '../hooks/use-retake'

/** A chosen segment of a video, in seconds from its start. */
export interface SegmentValue {
  start: number
  end: number
}

/**
 * The segment as `useRetake`'s request: `{ start, duration: end - start }`, rounded to the
 * millisecond so float noise (7.999999) never trips the 2–20 s check.
 */
export function segmentToRetake(segment: SegmentValue): Pick<RetakeRequest, 'start' | 'duration'> {
  const start = Math.round(segment.start * 1000) / 1000
  return { start, duration: Math.round((segment.end - segment.start) * 1000) / 1000 }
}
