/** The simulator's clock: a base clock plus whatever `advance` added. */
export interface SimClock {
  /** The current simulated time, in Unix ms. */
  now(): number
  /** Move the clock forward by `ms` (finite, ≥ 0). */
  advance(ms: number): void
  /** True when the test gave its own clock: then time moves only when the test says so, and no timer is armed. */
  readonly injected: boolean
}

/** A clock over `base` (default `Date.now`, looked up per call so fake timers installed later drive it too). */
export function createSimClock(base: (() => number) | undefined): SimClock {
  const read = base ?? (() => Date.now())
  let offset = 0
  return {
    now: () => read() + offset,
    advance(ms) {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`advance: ms must be a finite number ≥ 0, got ${String(ms)}.`)
      offset += ms
    },
    injected: base !== undefined,
  }
}
