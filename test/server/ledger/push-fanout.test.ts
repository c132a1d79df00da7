import { describe, expect, it } from 'vitest'
import { exampleInputs } from '../../../src/testing/example-inputs'
import { startProxyStack, type ProxyStack } from '../proxy-stack'
import { createMemoryStore } from '../../../src/server/ledger/create-memory-store'
import { countingStore } from './counting-store'
import { closedAfterEach, eventually, jobData, openSse, type SseClient } from './push-sse-client'

// 50 tabs on one job cost one stream of upstream status requests: the poll loop is per job, not
// per watcher. Counted at the simulator (the upstream), over real sockets on 127.0.0.1.

const opened = closedAfterEach<ProxyStack>()

const ended = (client: SseClient) => client.events.some((event) => event.event === 'job' && JSON.stringify(jobData(event).body).includes('COMPLETED'))

/** Upstream status requests of one job from the moment every watcher has its snapshot to its end, and whether every watcher saw the end. */
async function statusRequestsWith(watchers: number): Promise<{ requests: number; allSawTheEnd: boolean }> {
  const store = countingStore(createMemoryStore())
  const s = await startProxyStack({ proxy: { store, push: { pollIntervalMs: { segmind: 60 }, idleMs: 60 } } })
  opened.stack = s
  const reply = await fetch(`${s.proxyUrl}/segmind/v2/ltx-video`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(exampleInputs['ltx-video']) })
  const { request_id: handle } = (await reply.json()) as { request_id: string }
  const url = `${s.proxyUrl}/events?job=${encodeURIComponent(`segmind:ltx-video:${handle}`)}`
  const watching = await Promise.all(Array.from({ length: watchers }, () => openSse(url)))
  opened.clients.push(...watching)
  expect(await eventually(() => watching.every((client) => client.events.length > 0))).toBe(true)
  const start = s.sim.count('segmind.status')
  // Three more ticks of the loop while the job runs, then its end.
  expect(await eventually(() => s.sim.count('segmind.status') >= start + 3)).toBe(true)
  const planned = s.sim.jobs().at(-1)!
  s.advance(planned.endsAt - s.sim.now())
  const allSawTheEnd = await eventually(() => watching.every(ended))
  expect(await eventually(async () => !(await store.keys()).some((key) => key.startsWith('ltx:lease:')))).toBe(true)
  const requests = s.sim.count('segmind.status') - start
  await opened.closeAll()
  return { requests, allSawTheEnd }
}

describe('one poll loop per job', () => {
  it('50 SSE clients on one job cost the upstream status requests of 1 (± 1), and the end reaches all 50', async () => {
    const one = await statusRequestsWith(1)
    const fifty = await statusRequestsWith(50)
    expect(one.allSawTheEnd).toBe(true)
    expect(fifty.allSawTheEnd).toBe(true)
    expect(Math.abs(fifty.requests - one.requests)).toBeLessThanOrEqual(1)
    // 3 ticks while running, then the one that saw the end (one more if a read was in flight).
    expect(fifty.requests).toBeLessThanOrEqual(5)
  })
})
