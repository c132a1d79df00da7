/** The keys a default simulator accepts: `x-api-key` for Segmind, `Authorization: Bearer` for APIXO. */
export const SIMULATOR_KEYS = Object.freeze({ segmind: 'sim-segmind-key', apixo: 'sim-apixo-key' })

/** Segmind keeps a request's result for one hour after it ends, then answers 404. */
export const SEGMIND_RETENTION_MS = 60 * 60 * 1000

/** What one simulated Segmind job costs, in credits. */
export const SIM_JOB_COST = 0.2

/** The default speed-up over documented generation times: jobs take seconds, for demos. */
export const DEFAULT_SIM_SPEED = 20
