import type { SimClock } from './create-sim-clock'
import type { FaultQueue } from './create-fault-queue'
import type { JobTable, SimJob } from './create-job-table'
import type { SimCallbackAttempt } from './simulator-types'
import { unrefTimer, wait } from './wait'

/** How callbacks are delivered: per-attempt timeout, pause between attempts, retries, and the fetch. */
export interface CallbackDelivery {
  readonly timeoutMs: number
  readonly retryDelayMs: number
  readonly retries: number
  readonly fetch: typeof fetch
}

/** Delivers the callbacks of ended jobs, with their scripted faults, and logs every attempt. */
export interface CallbackSender {
  /** Start the callbacks that became due and (on the real clock) arm a timer for the next one. */
  settle(): void
  /** Wait until every delivery under way has finished; retry pauses are cut short meanwhile. */
  flush(): Promise<void>
  /** Stop the timer and every delivery. */
  dispose(): void
  /** Every attempt, oldest first. */
  readonly attempts: readonly SimCallbackAttempt[]
}

/** What became of a job's callback once its job ended. */
interface Plan {
  readonly dueAt: number
  readonly deliveries: number
  started: boolean
}

export interface CallbackSenderParts {
  readonly clock: SimClock
  readonly jobs: JobTable
  readonly faults: FaultQueue
  /** The body a job's callback carries, in its provider's dialect (read when it is sent). */
  readonly bodyOf: (job: SimJob) => unknown
  readonly delivery: CallbackDelivery
}

/** A callback sender over a simulator's jobs and faults. */
export function createCallbackSender({ clock, jobs, faults, bodyOf, delivery }: CallbackSenderParts): CallbackSender {
  const attempts: SimCallbackAttempt[] = []
  const plans = new Map<string, Plan | 'dropped'>()
  const inflight = new Set<Promise<void>>()
  const disposed = new AbortController()
  let hurry = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined

  /** Decide, once, what the callback of an ended job does. */
  function planFor(job: SimJob): Plan | 'dropped' {
    const known = plans.get(job.id)
    if (known !== undefined) return known
    const fault = faults.takeCallbackFault(job.id, job.callbackFault)
    const end = jobs.endsAt(job)
    const plan: Plan | 'dropped' =
      fault === undefined
        ? { dueAt: end, deliveries: 1, started: false }
        : fault.kind === 'drop'
          ? 'dropped'
          : fault.kind === 'delay'
            ? { dueAt: end + fault.ms, deliveries: 1, started: false }
            : { dueAt: end, deliveries: fault.times, started: false }
    plans.set(job.id, plan)
    return plan
  }

  function settle(): void {
    if (disposed.signal.aborted) return
    const t = clock.now()
    let next = Number.POSITIVE_INFINITY
    for (const job of jobs.all()) {
      if (job.requestType !== 'callback' || job.callbackUrl === undefined) continue
      const end = jobs.endsAt(job)
      if (t < end) {
        next = Math.min(next, end)
        continue
      }
      const plan = planFor(job)
      if (plan === 'dropped' || plan.started) continue
      if (t < plan.dueAt) {
        next = Math.min(next, plan.dueAt)
        continue
      }
      plan.started = true
      const sending = deliverAll(job, job.callbackUrl, plan.deliveries).finally(() => inflight.delete(sending))
      inflight.add(sending)
    }
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    // With an injected clock, time moves only when the test says so (advance or its own clock).
    if (!clock.injected && Number.isFinite(next)) {
      timer = setTimeout(settle, Math.max(0, next - t) + 5)
      unrefTimer(timer)
    }
  }

  async function deliverAll(job: SimJob, url: string, deliveries: number): Promise<void> {
    for (let n = 1; n <= deliveries; n++) await deliver(job, url, n)
  }

  async function deliver(job: SimJob, url: string, deliveryNo: number): Promise<void> {
    const body = JSON.stringify(bodyOf(job))
    for (let attempt = 1; attempt <= 1 + delivery.retries; attempt++) {
      if (disposed.signal.aborted) return
      let status: number | undefined
      let error: string | undefined
      try {
        const response = await delivery.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.any([disposed.signal, AbortSignal.timeout(delivery.timeoutMs)]),
        })
        status = response.status
        await response.body?.cancel()
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause)
      }
      const delivered = status === 200
      attempts.push({ taskId: job.id, url, attempt, delivery: deliveryNo, status, error, delivered })
      if (delivered) return
      // flush cuts retry pauses short, so it also finishes under fake timers.
      if (attempt <= delivery.retries) await wait(delivery.retryDelayMs, AbortSignal.any([disposed.signal, hurry.signal]))
    }
  }

  return {
    settle,
    attempts,
    async flush() {
      // Retries go out at once while flushing; deliveries may start while we wait (settle can).
      hurry.abort()
      try {
        for (let round = 0; round < 100 && inflight.size > 0; round++) await Promise.allSettled([...inflight])
      } finally {
        hurry = new AbortController()
      }
    },
    dispose() {
      disposed.abort()
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}
