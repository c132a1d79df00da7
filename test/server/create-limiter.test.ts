import { describe, expect, it } from 'vitest'
import { createLimiter } from '../../src/server/create-limiter'
import { StopSignal } from '../../src/server/stop-signal'

// The proxy's bound on upstream calls in flight (and so on upstream connections).
describe('createLimiter', () => {
  it('hands out free slots at once with tryAcquire, none past the limit', () => {
    const limiter = createLimiter(2)
    const first = limiter.tryAcquire()
    const second = limiter.tryAcquire()
    expect(first).toBeTypeOf('function')
    expect(second).toBeTypeOf('function')
    expect(limiter.tryAcquire()).toBeUndefined()
    first?.()
    // A release frees one slot, once: calling it again frees nothing more.
    first?.()
    expect(limiter.tryAcquire()).toBeTypeOf('function')
    expect(limiter.tryAcquire()).toBeUndefined()
  })

  it('lets a waiter in before a later tryAcquire when a slot frees, in order', async () => {
    const limiter = createLimiter(1)
    const held = limiter.tryAcquire()
    const order: string[] = []
    const a = limiter.acquire(new StopSignal()).then((release) => (order.push('a'), release))
    const b = limiter.acquire(new StopSignal()).then((release) => (order.push('b'), release))
    // Waiters are queued: a free-slot grab must not jump the queue.
    expect(limiter.tryAcquire()).toBeUndefined()
    held?.()
    expect(limiter.tryAcquire()).toBeUndefined()
    ;(await a)()
    ;(await b)()
    expect(order).toEqual(['a', 'b'])
    expect(limiter.tryAcquire()).toBeTypeOf('function')
  })

  it('drops a waiter whose signal stops, and gives its turn to the next', async () => {
    const limiter = createLimiter(1)
    const held = limiter.tryAcquire()
    const leaving = new StopSignal()
    const left = limiter.acquire(leaving)
    const next = limiter.acquire(new StopSignal())
    leaving.abort()
    await expect(left).rejects.toThrow(/aborted/)
    held?.()
    const release = await next
    expect(limiter.tryAcquire()).toBeUndefined()
    release()
    expect(limiter.tryAcquire()).toBeTypeOf('function')
  })
})
