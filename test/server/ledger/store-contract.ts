import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LedgerStore } from '../../../src/server/ledger/ledger-store'

// One contract for every LedgerStore: the memory one and Redis through both client libraries.
// Each test works under its own random prefix, so suites sharing a redis-server never collide.

export interface StoreUnderTest {
  /** The store the tests call. */
  readonly store: LedgerStore
  /** Another store on the same data (for Redis: other connections), for races and pub/sub across clients. */
  readonly peer: LedgerStore
  /** The TTL left on a key in ms, read from the backend itself (-2 absent, -1 none). */
  readonly pttl?: (key: string) => Promise<number>
  close(): Promise<void>
}

/** Wait (bounded: about 5 s) until `check` holds; returns whether it did. */
export async function eventually(check: () => boolean | Promise<boolean>, tries = 500, stepMs = 10): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, stepMs))
  }
  return check()
}

export function describeLedgerStore(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`LedgerStore contract: ${name}`, () => {
    let it_: StoreUnderTest
    let store: LedgerStore
    let peer: LedgerStore
    const key = (label: string) => `ltx:test:${randomUUID()}:${label}`
    beforeAll(async () => {
      it_ = await open()
      store = it_.store
      peer = it_.peer
    })
    afterAll(() => it_.close())

    it('gets what was set, undefined for an absent key, and the last write', async () => {
      const k = key('a')
      expect(await store.get(k)).toBeUndefined()
      await store.set(k, '{"v":1}', 60_000)
      expect(await store.get(k)).toBe('{"v":1}')
      expect(await peer.get(k)).toBe('{"v":1}')
      await store.set(k, 'ünïcode ✓', 60_000)
      expect(await peer.get(k)).toBe('ünïcode ✓')
      await store.delete(k)
      expect(await store.get(k)).toBeUndefined()
      await expect(store.delete(k)).resolves.toBeUndefined()
    })

    it('forgets a key when its TTL has passed, and keeps the others', async () => {
      const short = key('short')
      const long = key('long')
      await store.set(short, 'x', 40)
      await store.set(long, 'y', 60_000)
      if (it_.pttl !== undefined) {
        const left = await it_.pttl(long)
        expect(left).toBeGreaterThan(50_000)
        expect(left).toBeLessThanOrEqual(60_000)
      }
      expect(await eventually(async () => (await store.get(short)) === undefined)).toBe(true)
      expect(await store.get(long)).toBe('y')
      // An expired key is absent for setIfAbsent too.
      expect(await store.setIfAbsent(short, 'again', 60_000)).toBe(true)
      expect(await store.get(short)).toBe('again')
    })

    it('refuses a TTL that is not a positive number', async () => {
      await expect(store.set(key('t'), 'x', 0)).rejects.toThrow(RangeError)
      await expect(store.setIfAbsent(key('t'), 'x', Number.NaN)).rejects.toThrow(RangeError)
    })

    it('setIfAbsent writes only an absent key', async () => {
      const k = key('nx')
      expect(await store.setIfAbsent(k, 'first', 60_000)).toBe(true)
      expect(await store.setIfAbsent(k, 'second', 60_000)).toBe(false)
      expect(await peer.setIfAbsent(k, 'third', 60_000)).toBe(false)
      expect(await store.get(k)).toBe('first')
      await store.delete(k)
      expect(await peer.setIfAbsent(k, 'fourth', 60_000)).toBe(true)
      expect(await store.get(k)).toBe('fourth')
    })

    it('lets exactly one of 20 concurrent setIfAbsent calls win, across two clients', async () => {
      const k = key('race')
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : peer).setIfAbsent(k, `v${i}`, 60_000)))
      expect(results.filter(Boolean)).toHaveLength(1)
      expect(await store.get(k)).toBe(`v${results.indexOf(true)}`)
    })

    it('replaceIf writes only over the expected value, with the new TTL', async () => {
      const k = key('cas')
      expect(await store.replaceIf(k, 'a', 'b', 60_000)).toBe(false)
      expect(await store.get(k)).toBeUndefined()
      await store.set(k, 'a', 60_000)
      expect(await store.replaceIf(k, 'other', 'b', 60_000)).toBe(false)
      expect(await store.get(k)).toBe('a')
      expect(await peer.replaceIf(k, 'a', 'b', 40)).toBe(true)
      expect(await store.get(k)).toBe('b')
      expect(await eventually(async () => (await store.get(k)) === undefined)).toBe(true)
    })

    it('lets exactly one of 10 concurrent replaceIf calls over the same value win', async () => {
      const k = key('cas-race')
      await store.set(k, 'lease:old', 60_000)
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? store : peer).replaceIf(k, 'lease:old', `lease:${i}`, 60_000)))
      expect(results.filter(Boolean)).toHaveLength(1)
      expect(await store.get(k)).toBe(`lease:${results.indexOf(true)}`)
    })

    it('delivers published messages to every subscriber of the channel, in order, across clients', async () => {
      const channel = key('events')
      const seenA: string[] = []
      const seenB: string[] = []
      const other: string[] = []
      const stopA = await peer.subscribe(channel, (m) => seenA.push(m))
      const stopB = await store.subscribe(channel, (m) => seenB.push(m))
      const stopOther = await peer.subscribe(key('elsewhere'), (m) => other.push(m))
      for (let i = 0; i < 5; i++) await store.publish(channel, `m${i}`)
      expect(await eventually(() => seenA.length === 5 && seenB.length === 5)).toBe(true)
      expect(seenA).toEqual(['m0', 'm1', 'm2', 'm3', 'm4'])
      expect(seenB).toEqual(seenA)
      await stopA()
      await stopA()
      await peer.publish(channel, 'after')
      expect(await eventually(() => seenB.length === 6)).toBe(true)
      expect(seenB[5]).toBe('after')
      expect(seenA).toHaveLength(5)
      expect(other).toEqual([])
      await stopB()
      await stopOther()
    })

    it('keeps delivering to the others when a listener throws, and resubscribes after a full stop', async () => {
      const channel = key('throws')
      const seen: string[] = []
      const stopBad = await peer.subscribe(channel, () => {
        throw new Error('listener bug')
      })
      const stopGood = await peer.subscribe(channel, (m) => seen.push(m))
      await store.publish(channel, 'one')
      expect(await eventually(() => seen.length === 1)).toBe(true)
      await stopBad()
      await stopGood()
      const again: string[] = []
      const stop = await peer.subscribe(channel, (m) => again.push(m))
      await store.publish(channel, 'two')
      expect(await eventually(() => again.length === 1)).toBe(true)
      expect(again).toEqual(['two'])
      expect(seen).toEqual(['one'])
      await stop()
    })
  })
}
