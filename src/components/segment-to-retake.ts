import type { RetakeRequest } from '../hooks/use-retake'
import { segmentStartDuration, type SegmentValue } from '../models/retake-segment'

export type { SegmentValue } from '../models/retake-segment'

/**
 * The segment as `useRetake`'s request: `{ start, duration: end - start }`, rounded by the one
 * rule of `models/retake-segment.ts` (to the millisecond), so float noise never trips the 2–20 s check.
 */
export function segmentToRetake(segment: SegmentValue): Pick<RetakeRequest, 'start' | 'duration'> {
  return segmentStartDuration(segment)
}
