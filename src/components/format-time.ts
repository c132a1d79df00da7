// Times are shown to a tenth of a second at most: segment steps are 0.1 s, and more digits
// would only show float noise (12.300000000000001).
function tenths(seconds: number): number {
  return Math.round(Math.max(0, Number.isFinite(seconds) ? seconds : 0) * 10) / 10
}

/** A time in seconds as a clock: `0:12`, `1:05`, `1:02:03`, with tenths only when present (`0:12.5`). */
export function formatClock(seconds: number): string {
  const total = tenths(seconds)
  const whole = Math.floor(total)
  const fraction = Math.round((total - whole) * 10)
  const hours = Math.floor(whole / 3600)
  const minutes = Math.floor((whole % 3600) / 60)
  const secs = whole % 60
  const tail = `${String(secs).padStart(2, '0')}${fraction === 0 ? '' : `.${fraction}`}`
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${tail}` : `${minutes}:${tail}`
}

function unit(count: number, singular: string): string {
  return `${count} ${singular}${count === 1 ? '' : 's'}`
}

/** A time in seconds as words for a screen reader: `1 minute 5 seconds`, `8 seconds`, `2.5 seconds`. */
export function formatSpokenTime(seconds: number): string {
  const total = tenths(seconds)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const secs = Math.round((total - hours * 3600 - minutes * 60) * 10) / 10
  const parts: string[] = []
  if (hours > 0) parts.push(unit(hours, 'hour'))
  if (minutes > 0) parts.push(unit(minutes, 'minute'))
  if (secs > 0 || parts.length === 0) parts.push(unit(secs, 'second'))
  return parts.join(' ')
}
