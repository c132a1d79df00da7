import { createSimulator, type Simulator } from '../src/testing'
import { simulatorHandlers } from '../src/testing-msw'

/**
 * The one simulator every component story talks to, through msw at /api/ltx: the
 * playground needs no key and no server.
 */
export const playgroundSimulator = createSimulator({ speed: 20 })

// The Playground stories run their own simulator at /api/playground, replaced whenever
// their speed or scripted failure changes; the handlers always ask the current one.
let current: Simulator = createSimulator({ speed: 20 })
const delegate = { fetch: (request: Request, options?: { readonly basePath?: string }) => current.fetch(request, options) } as Simulator

/** Make `sim` the simulator behind /api/playground (the previous one is disposed). */
export function setPlaygroundSimulator(sim: Simulator): void {
  if (current !== sim) current.dispose()
  current = sim
}

export const playgroundHandlers = [
  ...simulatorHandlers(delegate, { baseUrl: '/api/playground' }),
  ...simulatorHandlers(playgroundSimulator),
]
