import { formatClock } from './format-time'

/** One mark of the time ruler: where it sits (percent of the track) and its clock text. */
export interface SegmentTick {
  readonly seconds: number
  readonly percent: number
  readonly label: string
}

const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]
const MAX_TICK_GAPS = 8

/** The ruler's marks for a video of `duration` seconds (none while the length is unknown). */
export function rulerTicks(duration: number): SegmentTick[] {
  if (!(duration > 0)) return []
  const step = TICK_STEPS.find((candidate) => duration / candidate <= MAX_TICK_GAPS) ?? Math.ceil(duration / MAX_TICK_GAPS / 3600) * 3600
  return Array.from({ length: Math.floor(duration / step + 1e-9) + 1 }, (_, index) => {
    const seconds = index * step
    return { seconds, percent: (seconds / duration) * 100, label: formatClock(seconds) }
  })
}
