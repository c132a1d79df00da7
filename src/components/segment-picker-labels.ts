import { formatSpokenTime } from './format-time'

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
  /** The accessible name of the summary. */
  summaryName: string
  /** The accessible name of the live region that says when one thumb pushed the other. */
  announcements: string
  /** Said when moving one thumb pushed the other (`thumb` is its label, `time` in words). */
  pushed: (thumb: string, time: string) => string
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
  summaryName: 'Selected segment',
  announcements: 'Segment changes',
  pushed: (thumb, time) => `${thumb} moved to ${time}`,
}
