// Times are shown to a tenth of a second at most: segment steps are 0.1 s, and more digits
// would only show float noise (12.300000000000001).
function tenths(seconds: number): number {
  return Math.round(Math.max(0, Number.isFinite(seconds) ? seconds : 0) * 10) / 10
}

// Hours, minutes and seconds (with tenths) of a time, rounded to the tenth first so that 59.96
// reads as a whole minute.
function split(seconds: number): [hours: number, minutes: number, seconds: number] {
  const total = tenths(seconds)
  return [Math.floor(total / 3600), Math.floor(total / 60) % 60, tenths(total % 60)]
}

const pad = (value: number) => (value < 10 ? `0${value}` : `${value}`)

/** A time in seconds as a clock: `0:12`, `1:05`, `1:02:03`, with tenths only when present (`0:12.5`). */
export function formatClock(seconds: number): string {
  const [hours, minutes, secs] = split(seconds)
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(secs)}` : `${minutes}:${pad(secs)}`
}

/** A time in seconds as words for a screen reader: `1 minute 5 seconds`, `8 seconds`, `2.5 seconds`. */
export function formatSpokenTime(seconds: number): string {
  const [hours, minutes, secs] = split(seconds)
  const parts = [[hours, 'hour'], [minutes, 'minute'], [secs, 'second']] as const
  // Seconds are said when nothing else is: `0 seconds`, not an empty string.
  return parts
    .filter(([count, unit]) => count > 0 || (unit === 'second' && hours + minutes === 0))
    .map(([count, unit]) => `${count} ${unit}${count === 1 ? '' : 's'}`)
    .join(' ')
}
