import type { Provider } from '../../models/provider'

/** How long a job's latest snapshot stays in the store: what an SSE resume sends. */
export const SNAP_TTL_MS = 24 * 3_600_000

/** The latest snapshot of a watched job. */
export const snapKey = (provider: Provider, upstreamId: string) => `ltx:snap:${provider}:${upstreamId}`
/** The one poll loop of a job, across every instance. */
export const leaseKey = (provider: Provider, upstreamId: string) => `ltx:lease:${provider}:${upstreamId}`
/** Where a job's changes are published. */
export const eventsChannel = (provider: Provider, upstreamId: string) => `ltx:events:${provider}:${upstreamId}`

/** One change of a job, as published and stored (the body is the raw upstream one: it never leaves the server as is). */
export interface JobEvent {
  readonly provider: Provider
  readonly model: string
  readonly upstreamId: string
  readonly upstreamStatus: number
  readonly body: string
  readonly final: boolean
  readonly at: number
  readonly seq: number
}

/** An event's place in time, as sent in SSE `id: {at}-{seq}`. */
export interface EventMark {
  readonly at: number
  readonly seq: number
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/** A stored or published JobEvent, or undefined when the text is not one. */
export function parseJobEvent(text: string | undefined): JobEvent | undefined {
  if (text === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const event = value as Record<string, unknown>
  const ok =
    typeof event.provider === 'string' &&
    typeof event.model === 'string' &&
    typeof event.upstreamId === 'string' &&
    isCount(event.upstreamStatus) &&
    typeof event.body === 'string' &&
    typeof event.final === 'boolean' &&
    isCount(event.at) &&
    isCount(event.seq)
  return ok ? (value as JobEvent) : undefined
}

/** `{at}-{seq}`. */
export const eventId = (mark: EventMark) => `${mark.at}-${mark.seq}`

/** The mark of a `Last-Event-ID`, or undefined when absent or malformed (then everything is sent). */
export function parseEventId(text: string | null | undefined): EventMark | undefined {
  const found = /^(\d{1,16})-(\d{1,16})$/.exec(text?.trim() ?? '')
  if (found === null) return undefined
  const mark = { at: Number(found[1]), seq: Number(found[2]) }
  return Number.isSafeInteger(mark.at) && Number.isSafeInteger(mark.seq) ? mark : undefined
}

/** True when `event` came after `mark` (always when there is no mark). */
export function isNewer(event: EventMark, mark: EventMark | undefined): boolean {
  if (mark === undefined) return true
  return event.at > mark.at || (event.at === mark.at && event.seq > mark.seq)
}
