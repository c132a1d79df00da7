import type { ProxyLogEntry } from './ltx-proxy-options'

/** A request's log entry while its handling fills it in (both the Fetch handler and Node's fast path). */
export type LogEntryDraft = { -readonly [K in keyof ProxyLogEntry]: ProxyLogEntry[K] }

/** A request's log entry before anything is known but its method. */
export function logEntryDraft(method: string): LogEntryDraft {
  return {
    kind: 'request',
    method,
    route: undefined,
    model: undefined,
    userId: undefined,
    status: 0,
    reason: undefined,
    upstreamStatus: undefined,
    jobId: undefined,
    cost: undefined,
    remainingCredits: undefined,
    durationMs: 0,
  }
}
