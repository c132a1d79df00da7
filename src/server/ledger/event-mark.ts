// Where an SSE client is in a job's stream of events: the `id: {at}-{seq}` of each event, and
// what `Last-Event-ID` asks to resume after.

/** An event's place in time, as sent in SSE `id: {at}-{seq}`. */
export interface EventMark {
  readonly at: number
  readonly seq: number
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
