import { http } from 'msw'
import { createSimulator, type Simulator } from '../src/testing'
import { simulatorHandlers } from '../src/testing-msw'

/**
 * The one simulator every component story talks to, through msw at /api/ltx: the
 * playground needs no key and no server. It scripts no faults, so stories can share it.
 */
export const playgroundSimulator = createSimulator({ speed: 20 })

/**
 * Each mounted Playground has a simulator of its own at /api/playground/<id>: a Docs page
 * renders several stories at once, and one story's scripted fault (say, out of credits) must
 * never answer another story's Generate.
 */
const playgrounds = new Map<string, Simulator>()
let count = 0

/** Serve `sim` at a base path of its own until the returned function is called; the path is returned too. */
export function mountPlaygroundSimulator(sim: Simulator): { basePath: string; unmount: () => void } {
  count += 1
  const id = `p${count}`
  playgrounds.set(id, sim)
  return {
    basePath: `/api/playground/${id}`,
    unmount: () => {
      playgrounds.delete(id)
      sim.dispose()
    },
  }
}

// /api/playground/<id>/… goes to that playground's simulator; an id no longer mounted gets a 404.
const playgroundRoute = /^\/api\/playground\/(p\d+)\//

export const playgroundHandlers = [
  http.all(
    ({ request }) => playgroundRoute.test(new URL(request.url).pathname),
    ({ request }) => {
      const id = playgroundRoute.exec(new URL(request.url).pathname)?.[1] ?? ''
      const sim = playgrounds.get(id)
      return sim === undefined ? new Response('This playground is gone.', { status: 404 }) : sim.fetch(request, { basePath: `/api/playground/${id}` })
    },
  ),
  ...simulatorHandlers(playgroundSimulator),
]
