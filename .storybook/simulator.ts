import { createSimulator, simulatorHandlers } from '../src/testing'

/**
 * The one simulator every story in this tab talks to, through msw at /api/ltx: the
 * playground needs no key and no server. Stories change its speed or script faults.
 */
export const playgroundSimulator = createSimulator({ speed: 20 })

export const playgroundHandlers = simulatorHandlers(playgroundSimulator)
