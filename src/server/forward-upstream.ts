import type { Limiter } from './create-limiter'
import { readLimitedBody } from './read-limited-body'
import type { UpstreamReply } from './rewrite-upstream-reply'

// Upstream replies are small JSON (or a short HTML/text error page); a bound keeps memory bounded.
export const MAX_UPSTREAM_BODY_BYTES = 5 * 1024 * 1024

/** One call to the provider. */
export interface UpstreamCall {
  readonly url: string
  readonly method: 'GET' | 'POST'
  readonly headers: Headers
  readonly body: string | undefined
  /** Time for the whole reply, headers and body, including a wait for a free connection. */
  readonly deadlineMs: number
  /** A read stops when its client leaves; a submit (billed on arrival) does not get one. */
  readonly clientSignal: AbortSignal | undefined
  /** For a submit: how long to keep reading after the deadline, so a late reply's job id is not lost. */
  readonly lateMs: number | undefined
  readonly limiter: Limiter
  readonly fetch: typeof fetch
  /** Bytes kept of a reply; default 5 MB. */
  readonly maxBytes?: number
}

/** How a late reply ended: it arrived (and was read), or it never did within `lateMs`. */
export type LateOutcome = { readonly ok: true; readonly reply: UpstreamReply } | { readonly ok: false }

/** The upstream's reply, or why there is none (a timed-out submit carries the wait for its late reply). */
export type Forwarded =
  | { readonly ok: true; readonly reply: UpstreamReply }
  | { readonly ok: false; readonly reason: 'upstream-timeout'; readonly late: Promise<LateOutcome> | undefined }
  | { readonly ok: false; readonly reason: 'upstream-busy' | 'upstream-unreachable' | 'client-closed' }

/** How one request reaches the provider: given the call's abort signal, the reply read up to the size limit. */
export type UpstreamSend = (signal: AbortSignal) => Promise<UpstreamReply>

/** The fetch-based send: redirects refused, the reply read up to `maxBytes` (a cut-off reply marked `truncated`). */
function sendWithFetch(call: UpstreamCall): UpstreamSend {
  return async (signal) => {
    const init: RequestInit = { method: call.method, headers: call.headers, signal, redirect: 'manual' }
    if (call.body !== undefined) init.body = call.body
    const response = await call.fetch(call.url, init)
    const read = await readLimitedBody(response, call.maxBytes ?? MAX_UPSTREAM_BODY_BYTES, { readPrefix: true })
    return { status: response.status, headers: response.headers, ...(read.ok ? { bytes: read.bytes, truncated: false } : { bytes: read.prefix, truncated: true }) }
  }
}

/**
 * Call the provider once (never a retry: a submit is billed) through the connection limiter,
 * with redirects refused (a redirect would carry the key wherever it points) and the reply read
 * up to the size limit. When the deadline passes first, a read is cut off; a submit that was
 * already sent goes on in the background for `lateMs`, and `late` tells how it ended.
 */
export function forwardUpstream(call: UpstreamCall): Promise<Forwarded> {
  return forwardWith(call, sendWithFetch(call))
}

/**
 * {@link forwardUpstream}'s rules (limiter, deadline, client signal, late reply) around any way
 * of sending: Node's fast path sends with node:http, under the same rules.
 */
export async function forwardWith(call: Pick<UpstreamCall, 'deadlineMs' | 'clientSignal' | 'lateMs' | 'limiter'>, send: UpstreamSend): Promise<Forwarded> {
  const controller = new AbortController()
  let sent = false
  const work = (async (): Promise<UpstreamReply> => {
    const release = await call.limiter.acquire(controller.signal)
    try {
      sent = true
      return await send(controller.signal)
    } finally {
      // A turn later: fetch hands the socket back to its pool only after the body has been read,
      // and a waiter started at once would find none idle and open another.
      setTimeout(release, 0)
    }
  })()
  const settled = work.then(
    (reply) => ({ kind: 'reply', reply }) as const,
    () => ({ kind: 'failed' }) as const,
  )
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<{ kind: 'deadline' }>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'deadline' }), call.deadlineMs)
  })
  let onClientAbort: (() => void) | undefined
  const clientGone = new Promise<{ kind: 'client' }>((resolve) => {
    const signal = call.clientSignal
    if (signal === undefined) return
    onClientAbort = () => resolve({ kind: 'client' })
    if (signal.aborted) onClientAbort()
    else signal.addEventListener('abort', onClientAbort, { once: true })
  })
  const first = await Promise.race([settled, deadline, clientGone])
  clearTimeout(timer)
  if (onClientAbort !== undefined) call.clientSignal?.removeEventListener('abort', onClientAbort)
  switch (first.kind) {
    case 'reply':
      return { ok: true, reply: first.reply }
    case 'failed':
      // The cause may quote the upstream URL or internals; the client gets a plain reason only.
      return { ok: false, reason: 'upstream-unreachable' }
    case 'client':
      controller.abort()
      return { ok: false, reason: 'client-closed' }
    case 'deadline': {
      if (!sent) {
        // Still waiting for a connection: nothing went out, so nothing was billed.
        controller.abort()
        return { ok: false, reason: 'upstream-busy' }
      }
      if (call.lateMs === undefined) {
        controller.abort()
        return { ok: false, reason: 'upstream-timeout', late: undefined }
      }
      const stop = setTimeout(() => controller.abort(), call.lateMs)
      const late = settled.then((outcome): LateOutcome => {
        clearTimeout(stop)
        return outcome.kind === 'reply' ? { ok: true, reply: outcome.reply } : { ok: false }
      })
      return { ok: false, reason: 'upstream-timeout', late }
    }
    default:
      first satisfies never
      throw new Error('unreachable')
  }
}
