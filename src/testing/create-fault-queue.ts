import type { JobTable } from './create-job-table'
import type { SimCallbackFault, SimCallbackFaultRule, SimFault, SimFaultRule, SimRoute } from './simulator-types'

interface ReplySlot {
  readonly fault: SimFault
  readonly route: SimRoute | 'any'
  readonly jobId: string | undefined
  readonly afterCreate: boolean
  remaining: number
}

interface CallbackSlot {
  readonly callback: SimCallbackFault
  readonly jobId: string | undefined
  remaining: number
}

/** The scripted faults still to serve: to replies (queued rules, then each job's own) and to callbacks. */
export interface FaultQueue {
  add(rule: SimFaultRule | SimCallbackFaultRule): void
  /** The fault for the next reply on `route` about `jobId` (`afterCreate`: a submit that already made its job), if any. */
  takeReplyFault(route: SimRoute, jobId: string | undefined, afterCreate?: boolean): SimFault | undefined
  /** The fault for the callback of `jobId`, now due, if any: a matching rule first, then the job's plan. */
  takeCallbackFault(jobId: string, planned: SimCallbackFault | undefined): SimCallbackFault | undefined
}

function assertTimes(what: string, value: number, min: number): void {
  if (!(value >= min) || (!Number.isInteger(value) && value !== Number.POSITIVE_INFINITY)) {
    throw new RangeError(`createSimulator: ${what} must be an integer ≥ ${min} (or Infinity), got ${String(value)}.`)
  }
}

/** Check a callback fault's numbers, so a typo fails at once rather than as a silent no-op. */
export function checkCallbackFault(fault: SimCallbackFault): SimCallbackFault {
  if (fault.kind === 'delay' && !(Number.isFinite(fault.ms) && fault.ms >= 0)) {
    throw new RangeError(`createSimulator: a callback delay must be a finite number of ms ≥ 0, got ${String(fault.ms)}.`)
  }
  if (fault.kind === 'repeat' && !(Number.isInteger(fault.times) && fault.times >= 1)) {
    throw new RangeError(`createSimulator: a callback repeat must be sent an integer ≥ 1 times, got ${String(fault.times)}.`)
  }
  return fault
}

/** Which routes read a job (status, result): a job's own status faults are served there. */
function isRead(route: SimRoute): boolean {
  return route !== 'video' && route !== 'unknown' && !route.endsWith('.submit')
}

/** A fault queue; `jobs` holds the faults each job's plan or prompt markers asked for. */
export function createFaultQueue(jobs: JobTable): FaultQueue {
  const replies: ReplySlot[] = []
  const callbacks: CallbackSlot[] = []

  function take<S extends { remaining: number }>(slots: S[], matches: (slot: S) => boolean): S | undefined {
    const index = slots.findIndex((slot) => slot.remaining > 0 && matches(slot))
    if (index < 0) return undefined
    const slot = slots[index] as S
    slot.remaining -= 1
    if (slot.remaining <= 0) slots.splice(index, 1)
    return slot
  }

  return {
    add(rule) {
      const remaining = rule.times ?? 1
      assertTimes('a fault rule’s times', remaining, 1)
      if (rule.callback !== undefined) {
        callbacks.push({ callback: checkCallbackFault(rule.callback), jobId: rule.jobId, remaining })
        return
      }
      replies.push({
        fault: rule.fault,
        route: rule.route ?? 'any',
        jobId: rule.jobId,
        afterCreate: rule.afterCreate === true,
        remaining,
      })
    },
    takeReplyFault(route, jobId, afterCreate = false) {
      if (route === 'video' || route === 'unknown') return undefined
      const slot = take(
        replies,
        (s) => s.afterCreate === afterCreate && (s.route === 'any' || s.route === route) && (s.jobId === undefined || s.jobId === jobId),
      )
      if (slot !== undefined) return slot.fault
      if (afterCreate || !isRead(route) || jobId === undefined) return undefined
      return jobs.get(jobId)?.statusFaults.shift()
    },
    takeCallbackFault(jobId, planned) {
      return take(callbacks, (s) => s.jobId === undefined || s.jobId === jobId)?.callback ?? planned
    },
  }
}
