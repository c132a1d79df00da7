import { describe, expect, it } from 'vitest'
import { createLease } from '../../../src/server/ledger/lease'
import { pollVerdict } from '../../../src/server/ledger/poll-final-status'
import { createMemoryStore } from '../../../src/server/ledger/create-memory-store'
import { eventually } from './push-sse-client'

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
