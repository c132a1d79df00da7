import type { LateOutcome } from './forward-upstream'
import type { LogEntryDraft } from './log-entry-draft'
import type { LtxProxyOptions, ProxyLogEntry } from './ltx-proxy-options'
import type { ProxyRouteMatch } from './match-proxy-route'
import { readReplyFacts } from './rewrite-upstream-reply'

// Stateless without `stream`: one decoder serves every reply.
const decoder = new TextDecoder()

/** What a timed-out request was, for its `late-reply` entry. */
export interface LateRequest {
  readonly entry: LogEntryDraft
  readonly started: number
  readonly match: ProxyRouteMatch
}

/**
 * Waits for the late reply of a submit that timed out (504) and logs it as a `late-reply` entry
 * with the job it names, after `settle` (the ledger's bookkeeping, when there is one). The wait is
 * handed to `waitUntil`, so a serverless runtime keeps the process alive for it; one that throws
 * does not stop it.
 */
export function logLateReply(
  late: Promise<LateOutcome>,
  request: LateRequest,
  log: (entry: ProxyLogEntry) => void,
  waitUntil: LtxProxyOptions['waitUntil'],
  settle?: (outcome: LateOutcome) => Promise<unknown>,
): void {
  const { entry, started, match } = request
  const write = (outcome: LateOutcome) => {
    const facts = outcome.ok ? readReplyFacts(match, decoder.decode(outcome.reply.bytes)) : undefined
    log({
      ...entry,
      kind: 'late-reply',
      // What the client got: the 504 (set here, as the late reply may come before the entry is complete).
      status: 504,
      reason: 'upstream-timeout',
      upstreamStatus: outcome.ok ? outcome.reply.status : undefined,
      jobId: facts?.jobId,
      cost: facts?.cost,
      remainingCredits: facts?.remainingCredits,
      durationMs: Date.now() - started,
    })
  }
  const wait = late.then((outcome) => (settle === undefined ? write(outcome) : settle(outcome).then(() => write(outcome))))
  try {
    waitUntil?.(wait)
  } catch {
    // The wait goes on without the runtime's help.
  }
}
