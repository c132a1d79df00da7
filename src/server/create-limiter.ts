import type { AbortLike } from './stop-signal'

/** Lets at most `max` tasks run at once; the others wait in order. */
export interface Limiter {
  /** Wait for a slot (rejecting if `signal` aborts first); call the returned function to free it. */
  acquire(signal: AbortLike): Promise<() => void>
  /** A slot now, when one is free (its release function), else undefined: no promise, no wait. */
  tryAcquire(): (() => void) | undefined
}

/**
 * A counting semaphore. In front of fetch it bounds the upstream connection pool without a
 * dependency: fetch reuses idle keep-alive sockets, so at most `max` in flight means at most
 * `max` sockets open to the provider.
 */
export function createLimiter(max: number): Limiter {
  let running = 0
  const waiting: { start: () => void; signal: AbortLike }[] = []

  function release(): void {
    running -= 1
    // Waiters whose signal already fired have left; hand the slot to the next live one.
    for (let next = waiting.shift(); next !== undefined; next = waiting.shift()) {
      if (next.signal.aborted) continue
      running += 1
      next.start()
      return
    }
  }

  return {
    tryAcquire() {
      if (running >= max || waiting.length > 0) return undefined
      running += 1
      return once(release)
    },
    acquire(signal) {
      if (signal.aborted) return Promise.reject(new Error('aborted'))
      if (running < max) {
        running += 1
        return Promise.resolve(once(release))
      }
      return new Promise((resolve, reject) => {
        const entry = {
          signal,
          start: () => {
            signal.removeEventListener('abort', leave)
            resolve(once(release))
          },
        }
        const leave = () => {
          const index = waiting.indexOf(entry)
          if (index >= 0) waiting.splice(index, 1)
          reject(new Error('aborted'))
        }
        signal.addEventListener('abort', leave, { once: true })
        waiting.push(entry)
      })
    },
  }
}

function once(action: () => void): () => void {
  let done = false
  return () => {
    if (done) return
    done = true
    action()
  }
}
