// Upstream child of the push benchmark: the simulator with its clock stopped, so a job runs until
// the parent says it ends ({ op: 'finish', job } answers the real time it ended); { op: 'count', job }
// answers how many status requests reached that job.
//   node --import tsx bench/push/upstream.ts
import { startSimulatorServer } from '../../src/testing'
import { serveParent } from './ipc'
import { BENCH_PUSH_KEYS } from './upstream-keys'

let clock = Date.UTC(2026, 0, 15, 12, 0, 0)
const server = await startSimulatorServer({ simulatorOptions: { now: () => clock, keys: BENCH_PUSH_KEYS } })
const sim = server.simulator

serveParent({
  finish: ({ job: id }) => {
    const job = sim.jobs().find((planned) => planned.id === id)
    if (job !== undefined) clock = Math.max(clock, job.endsAt)
    return { at: Date.now() }
  },
  count: ({ job: id }) => ({ status: sim.requests.filter((r) => (r.route === 'segmind.status' || r.route === 'apixo.status') && r.url.includes(String(id))).length }),
})
process.send?.({ ready: true, url: server.url })
