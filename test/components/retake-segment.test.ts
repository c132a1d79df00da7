// The one segment module: the picker's limits, the request and the schema's check agree.
import { describe, expect, it } from 'vitest'
import { segmentToRetake } from '../../src/components/segment-to-retake'
import { checkRetakeSegment } from '../../src/models/ltx-retake-video'
import { constrainSegment, isSegmentLength, roundSeconds, segmentLimits } from '../../src/models/retake-segment'

describe('models/retake-segment', () => {
  it('pushes the other end at the minimum and maximum lengths, and stops at the video’s edges', () => {
    const limits = segmentLimits(30)
    expect(constrainSegment({ start: 5, end: 6 }, 'start', limits)).toEqual({ start: 5, end: 7 })
    expect(constrainSegment({ start: 5, end: 6 }, 'end', limits)).toEqual({ start: 4, end: 6 })
    expect(constrainSegment({ start: 0, end: 29 }, 'end', limits)).toEqual({ start: 9, end: 29 })
    expect(constrainSegment({ start: 29, end: 30 }, 'start', limits)).toEqual({ start: 28, end: 30 })
  })

  it('rounds by one rule, so a segment the picker allows is one the schema accepts', () => {
    expect(roundSeconds(0.1 + 0.2)).toBe(0.3)
    const limits = segmentLimits(10)
    const segment = constrainSegment({ start: 0.1 + 0.2, end: 0.3 + 1.9999999 }, 'end', limits)
    const { start, duration } = segmentToRetake(segment)
    expect(isSegmentLength(duration)).toBe(true)
    expect(checkRetakeSegment({ start_time: start, duration }, 10)).toEqual([])
  })

  it('gives a video shorter than the shortest segment a whole-video segment that the schema refuses', () => {
    const limits = segmentLimits(1.5)
    const segment = constrainSegment({ start: 0, end: 1.5 }, 'end', limits)
    expect(segment).toEqual({ start: 0, end: 1.5 })
    expect(isSegmentLength(segment.end - segment.start)).toBe(false)
    expect(checkRetakeSegment({ start_time: 0, duration: 1.5 }, 1.5)).not.toEqual([])
  })
})
