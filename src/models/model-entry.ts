import type { FactValues } from './fact-values'
import type { Provider } from './provider'

/** A span in seconds, e.g. a documented generation time. */
export interface SecondsRange {
  readonly min: number
  readonly max: number
}

/**
 * What the runtime path (transports, hooks, the poller) knows about a model: its id, its host and
 * when to look at a job first. No schema and no words, so watching a job costs a few bytes per model.
 */
export interface ModelEntry {
  readonly id: string
  readonly provider: Provider
  /**
   * Seconds after the submit before the first status check is worth sending, for models whose
   * provider publishes generation times (earlier checks only cost requests). Without it, the
   * first check comes after the provider's usual interval.
   */
  readonly firstCheckSec?: (values: FactValues) => number
}

/**
 * What the progress and result components show about a model without its schema, from its
 * `<model>.facts.ts` (its id and host are its entry's). The model's schema file takes its title and defaults from here.
 */
export interface ModelFacts {
  readonly title: string
  /** Defaults of the fields read here; the schema declares these same values (it imports them). */
  readonly defaults: FactValues
  /** Length of the produced clip in seconds. */
  readonly clipSec?: (values: FactValues) => number | undefined
  /** Documented generation time in seconds; undefined for an input it cannot read. */
  readonly generationSec?: (values: FactValues) => SecondsRange | undefined
}

/**
 * What the proxy and the simulator (never a browser bundle) know about a model without its
 * schema, from its `<model>.facts.ts`.
 */
export interface ModelUpstreamFacts {
  /**
   * Where the input holds URLs the provider downloads (`*` stands for every item of a list), so
   * the proxy can refuse private hosts in them.
   */
  readonly urlFields: readonly (readonly string[])[]
  /** The simulator's queue and generation time in seconds at speed 1, for an input its schema accepted. */
  readonly simulatedSec: (values: FactValues) => { readonly queue: number; readonly run: number }
}
