import { describe, expect, it } from 'vitest'
import { createLease } from '../../../src/server/ledger/lease'
import { pollVerdict } from '../../../src/server/ledger/poll-final-status'
import { createMemoryStore } from '../../../src/server/ledger/create-memory-store'
import { eventually } from './push-sse-client'
import { createPollLoops } from '../../../src/server/ledger/poll-loop'
import { eventsChannel, jobKey } from '../../../src/server/ledger/ledger-keys'
import { parseJobEvent } from '../../../src/server/ledger/job-event'

describe('the poll lease', () => {
  it('has one holder; the other takes it when the holder stops renewing or releases it', async () => {
    const store = createMemoryStore()
    const a = createLease(store, 'ltx:lease:segmind:job', 'A', 80)
    const b = createLease(store, 'ltx:lease:segmind:job', 'B', 80)
    expect(await a.hold()).toBe(true)
    expect(await b.hold()).toBe(false)
    expect(await a.hold(), 'renewed').toBe(true)
    // A stops renewing (a dead instance): B takes over once the TTL ran out.
    expect(await eventually(() => b.hold(), 100, 20)).toBe(true)
    expect(await a.hold()).toBe(false)
    await b.release()
    expect(await a.hold(), 'free at once after a release').toBe(true)
    // Releasing a lease another owner holds changes nothing.
    await b.release()
    expect(await store.get('ltx:lease:segmind:job')).toBe('A')
  })
})

describe('what a status reply says of a job', () => {
  it('ends a job at its final states only; busy or failing upstreams are not published', () => {
    expect(pollVerdict('segmind', 200, '{"status":"PROCESSING"}')).toBe('progress')
    expect(pollVerdict('segmind', 200, '{"status":"COMPLETED"}')).toBe('final')
    expect(pollVerdict('segmind', 200, '{"status":"FAILED"}')).toBe('final')
    expect(pollVerdict('segmind', 404, '{"error":"Request not found or expired."}')).toBe('final')
    expect(pollVerdict('segmind', 503, 'busy')).toBe('transient')
    expect(pollVerdict('segmind', 429, '{}')).toBe('transient')
    expect(pollVerdict('segmind', 200, '<html>')).toBe('transient')
    expect(pollVerdict('apixo', 200, '{"code":200,"message":"success","data":{"state":"pending"}}')).toBe('progress')
    expect(pollVerdict('apixo', 200, '{"code":200,"message":"success","data":{"state":"success"}}')).toBe('final')
    expect(pollVerdict('apixo', 200, '{"code":200,"data":{"state":"failed"}}')).toBe('final')
    expect(pollVerdict('apixo', 200, '{"code":500,"message":"error","data":null}')).toBe('transient')
  })
})

describe('a poll loop for a job whose callback already brought the end', () => {
  const job = { provider: 'apixo', model: 'ltx-2-19b', upstreamId: 'task1' } as const
  const end = '{"code":200,"message":"success","data":{"taskId":"task1","state":"failed","failCode":"X"}}'
  const record = (at: number) => JSON.stringify({ provider: 'apixo', model: 'ltx-2-19b', token: 't', submittedAt: at - 1000, deadlineAt: at + 60_000, final: { upstreamStatus: 200, body: end, at } })

  it('never reads upstream for it, and publishes the end itself when the receiving instance did not', async () => {
    const store = createMemoryStore()
    let polls = 0
    const loops = createPollLoops({ store, instanceId: 'A', intervalMs: { segmind: 40, apixo: 40 }, idleMs: 5000, poll: async () => {
      polls++
      return { status: 200, body: '{"code":200,"data":{"state":"pending"}}' }
    } })
    const events: string[] = []
    await store.subscribe(eventsChannel('apixo', 'task1'), (message) => events.push(message))
    // Stored by another instance that died before it published: the record has the end, no snapshot does.
    await store.set(jobKey('apixo', 'task1'), record(Date.now()), 60_000)
    const unwatch = loops.watch(job)
    try {
      expect(await eventually(async () => loops.size === 0, 2000, 20), 'the loop ends').toBe(true)
      expect(polls, 'no upstream read').toBe(0)
      expect(events).toHaveLength(1)
      expect(parseJobEvent(events[0])).toMatchObject({ final: true, body: end, upstreamStatus: 200 })
    } finally {
      unwatch()
      await loops.close()
    }
  })
})
