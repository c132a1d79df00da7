import { isRecord } from '../../models/is-record'
import { readJobInput } from '../../models/model-facts'
import type { ProxyRouteMatch } from '../match-proxy-route'
import type { UpstreamReply } from '../rewrite-upstream-reply'
import { claimIdempotencyKey, type IdempotencyClaim, type IdempotencyStart, type StoredFailure } from './claim-idempotency-key'
import { randomToken, sha256Hex } from './ledger-crypto'
import type { LedgerStore } from './ledger-store'
import { writeJobRecord, type JobRecord } from './job-record'

/** `Idempotency-Key`: opaque, 16–128 characters of letters, digits, `_` and `-`. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/

/** Default time after APIXO's documented longest generation time before a job without callback is polled upstream: 60 s. */
export const DEFAULT_CALLBACK_MARGIN_MS = 60_000

// APIXO's longest documented time (1080p with a LoRA), for an input the facts cannot read.
const LONGEST_SEC = 140

/** What the submit path needs of the ledger's settings. */
export interface LedgerSettings {
  readonly store: LedgerStore
  /** APIXO callbacks to the proxy's own receiver: `{origin}{basePath}/apixo/callback/{token}`. */
  readonly callbacks: { readonly receiverBase: string; readonly marginMs: number } | undefined
  readonly waitMs: number
  readonly pendingTtlMs: number
}

/** The request's key: absent, well-formed, or `bad` (answered 400 before anything else). */
export function readIdempotencyKey(request: Request): string | undefined | 'bad' {
  const key = request.headers.get('idempotency-key')
  if (key === null) return undefined
  return IDEMPOTENCY_KEY_PATTERN.test(key) ? key : 'bad'
}

/** A submit under way with a ledger: the body to forward, and what to keep once its reply came. */
export interface LedgerSubmit {
  readonly kind: 'send'
  readonly body: string
  /** The upstream reply (raw) and the job id read from it, when it accepted the job; else the reply the client got. */
  accepted(reply: UpstreamReply, upstreamId: string): Promise<void>
  refused(response: Response): Promise<void>
}

async function failureOf(response: Response): Promise<StoredFailure> {
  const headers: Record<string, string> = {}
  for (const name of ['content-type', 'x-ltx-proxy', 'retry-after', 'x-rate-limit-reset-at-utc']) {
    const value = response.headers.get(name)
    if (value !== null) headers[name] = value
  }
  return { status: response.status, headers, body: await response.clone().text() }
}

/** A kept failure as a Response again. */
export function failureResponse(failure: StoredFailure): Response {
  return new Response(failure.status === 204 ? null : failure.body, { status: failure.status, headers: failure.headers })
}

/** When status reads stop being answered from the ledger: the documented longest generation time plus the margin. */
function deadlineOf(model: string, input: unknown, submittedAt: number, marginMs: number): number {
  const read = readJobInput(model, input)
  const sec = read === undefined ? undefined : read.facts.generationSec?.(read.values)?.max
  return submittedAt + (sec ?? LONGEST_SEC) * 1000 + marginMs
}

/**
 * Start a submit with the ledger: claim its idempotency key (or answer with what an earlier
 * request with that key came to), and for APIXO with callbacks put the proxy's own receiver URL
 * with a fresh token in the body (after the body hash: the token differs on every try).
 */
export async function beginLedgerSubmit(
  settings: LedgerSettings,
  match: ProxyRouteMatch,
  userId: string | undefined,
  key: string | undefined,
  body: string,
): Promise<LedgerSubmit | Exclude<IdempotencyStart, IdempotencyClaim>> {
  const model = match.model ?? ''
  let claim: IdempotencyClaim | undefined
  if (key !== undefined) {
    const started = await claimIdempotencyKey(settings.store, {
      userId,
      keyHash: await sha256Hex(key),
      bodyHash: await sha256Hex(`${match.provider}\n${model}\n${body}`),
      waitMs: settings.waitMs,
      pendingTtlMs: settings.pendingTtlMs,
    })
    if (started.kind !== 'fresh') return started
    claim = started
  }
  const submittedAt = Date.now()
  let callback: { token: string; deadlineAt: number } | undefined
  let sent = body
  const value: unknown = JSON.parse(body)
  if (settings.callbacks !== undefined && match.provider === 'apixo' && isRecord(value) && value.request_type !== 'callback') {
    // The browser's own callback_url stays refused (validateSubmit); this one is the proxy's.
    callback = { token: randomToken(), deadlineAt: deadlineOf(model, value.input, submittedAt, settings.callbacks.marginMs) }
    sent = JSON.stringify({ ...value, request_type: 'callback', callback_url: `${settings.callbacks.receiverBase}${callback.token}` })
  }
  return {
    kind: 'send',
    body: sent,
    async accepted(reply, upstreamId) {
      const record: JobRecord = {
        provider: match.provider,
        model,
        ...(userId === undefined ? {} : { userId }),
        ...callback,
        submittedAt,
      }
      await writeJobRecord(settings.store, upstreamId, record)
      await claim?.complete(reply.status, new TextDecoder().decode(reply.bytes))
    },
    async refused(response) {
      await claim?.fail(await failureOf(response))
    },
  }
}
