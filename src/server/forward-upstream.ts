import type { Limiter } from './create-limiter'
import { StopSignal, type AbortLike } from './stop-signal'
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

/** How one request reaches the provider: given the call's stop signal, the reply read up to the size limit. */
export type UpstreamSend = (signal: AbortLike) => Promise<UpstreamReply>

/** The fetch-based send: redirects refused, the reply read up to `maxBytes` (a cut-off reply marked `truncated`). */
function sendWithFetch(call: UpstreamCall): UpstreamSend {
  return async (stop) => {
    // fetch wants a real AbortSignal: one controller, aborted with the call's stop.
    const controller = new AbortController()
    stop.addEventListener('abort', () => controller.abort())
    const init: RequestInit = { method: call.method, headers: call.headers, signal: controller.signal, redirect: 'manual' }
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
 * of sending: Node's fast path sends with node:http, under the same rules. The first of the
 * reply, the deadline and the client leaving decides; one promise, one timer, one listener.
 */
export function forwardWith(
  call: Pick<UpstreamCall, 'deadlineMs' | 'lateMs' | 'limiter'> & {
    readonly clientSignal: AbortLike | undefined
    /** The sender's connection is back in its pool once its reply is read (node:http, undici's Pool): the slot is freed at once. */
    readonly freedOnReply?: boolean
  },
  send: UpstreamSend,
): Promise<Forwarded> {
  const stop = new StopSignal()
  let sent = false
  // A free slot is taken at once, with no promise in between; else the call waits its turn.
  let release = call.limiter.tryAcquire()
  const work =
    release !== undefined
      ? ((sent = true), send(stop))
      : call.limiter.acquire(stop).then((free) => {
          release = free
          sent = true
          return send(stop)
        })
  // fetch hands the socket back to its pool only after the body has been read, so its slot is
  // freed a turn later: a waiter started at once would find no idle socket and open another.
  const freeSlot = () => {
    if (release === undefined) return
    if (call.freedOnReply === true) release()
    else setTimeout(release, 0)
  }
  return new Promise<Forwarded>((resolve) => {
    let decided = false
    const client = call.clientSignal
    const decide = (outcome: Forwarded, abort: boolean) => {
      if (decided) return
      decided = true
      clearTimeout(timer)
      client?.removeEventListener('abort', onClient)
      if (abort) stop.abort()
      resolve(outcome)
    }
    const onClient = () => decide({ ok: false, reason: 'client-closed' }, true)
    const timer = setTimeout(() => {
      // Still waiting for a connection: nothing went out, so nothing was billed.
      if (!sent) return decide({ ok: false, reason: 'upstream-busy' }, true)
      if (call.lateMs === undefined) return decide({ ok: false, reason: 'upstream-timeout', late: undefined }, true)
      const cutOff = setTimeout(() => stop.abort(), call.lateMs)
      const late = work
        .then(
          (reply): LateOutcome => ({ ok: true, reply }),
          (): LateOutcome => ({ ok: false }),
        )
        .finally(() => clearTimeout(cutOff))
      return decide({ ok: false, reason: 'upstream-timeout', late }, false)
    }, call.deadlineMs)
    work.then(
      (reply) => {
        freeSlot()
        decide({ ok: true, reply }, false)
      },
      // The cause may quote the upstream URL or internals; the client gets a plain reason only.
      () => {
        freeSlot()
        decide({ ok: false, reason: 'upstream-unreachable' }, false)
      },
    )
    if (client !== undefined) {
      if (client.aborted) onClient()
      else client.addEventListener('abort', onClient, { once: true })
    }
  })
}
