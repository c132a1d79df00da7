// Helpers for reading a job's input without its schema: the value may be anything a user or an
// older release stored, so every read is defensive.

/** A job's input as the schema-free facts read it: the given fields over the known defaults. */
export type FactValues = Readonly<Record<string, unknown>>

/** `value` when it is a finite number; undefined for anything else, strings included. */
export function finiteNumber(value: unknown): number | undefined {
  return Number.isFinite(value) ? (value as number) : undefined
}

/** `a / b` when both are finite numbers and `b` is not 0; else undefined. */
export function ratio(a: unknown, b: unknown): number | undefined {
  const top = finiteNumber(a)
  const bottom = finiteNumber(b)
  return top === undefined || bottom === undefined || bottom === 0 ? undefined : top / bottom
}
