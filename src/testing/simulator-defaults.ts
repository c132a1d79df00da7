/** The keys a default simulator accepts: `x-api-key` for Segmind, `Authorization: Bearer` for APIXO. */
export const SIMULATOR_KEYS = Object.freeze({ segmind: 'sim-segmind-key', apixo: 'sim-apixo-key' })

/** Segmind keeps a request's result for one hour after it ends, then answers 404. */
export const SEGMIND_RETENTION_MS = 60 * 60 * 1000

/** What one simulated Segmind job costs, in credits. */
export const SIM_JOB_COST = 0.2

/** The default speed-up over documented generation times: jobs take seconds, for demos. */
export const DEFAULT_SIM_SPEED = 20

/**
 * Queue and generation seconds for the Segmind models. Segmind publishes no generation times;
 * these are the simulator's assumptions (LTX-Video is faster than real time, LTX-2 19B slowest).
 */
export const SEGMIND_SECONDS = Object.freeze({
  'ltx-2-19b-t2v': { queue: 5, run: 90 },
  'ltx-video': { queue: 3, run: 20 },
  'ltx-2-fast': { queue: 3, run: 30 },
  'ltx-retake-video': { queue: 5, run: 60 },
} as const)

/** APIXO jobs wait this long before processing; its documented generation times follow. */
export const APIXO_QUEUE_SECONDS = 5
