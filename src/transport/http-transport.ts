// What both HTTP transports share: the checks on what goes in, the reading of what comes out,
// and the promise that every failure is an LtxError. Errors leave `retryable` to the kind's
// default (false for all kinds raised here) unless a call has reason to differ.
import { errorFromResponse, isProxyAnswer, MAY_EXIST, parseBodyDetail } from '../providers/error-from-response'
import { readJobRef, type JobPhase, type JobRef, type JobSnapshot } from '../core/job'
import { defined } from '../models/defined'
import { LtxError } from '../models/ltx-error'
import { providerName } from '../providers/provider-name'
import { isWebUrl } from '../models/safe-url'
import type { Provider } from '../models/provider'
import { modelIds, providerOf } from '../models/model-catalog'
import type { ModelId } from '../models/model-catalog'
import type { Call, Reply } from './send-request'
import type { PushedReply, VideoTransport } from './video-transport'
import { checkIdempotencyKey } from './send-submit'

/** True for a video URL that is safe to hand to `<video src>`: http or https only. */
export function isVideoUrl(value: unknown): value is string {
  return typeof value === 'string' && isWebUrl(value, { http: true })
}

/** One look at `job`, taken now. */
export function snapshot(
  job: JobRef,
  phase: JobPhase,
  providerStatus: string,
  extra: { [K in 'output' | 'error' | 'timings' | 'metrics']?: JobSnapshot[K] | undefined } = {},
): JobSnapshot {
  return defined({ job, phase, providerStatus, ...extra, checkedAt: Date.now() }) as JobSnapshot
}

/** The expired snapshot of a 404 that the ltx-react proxy did not answer itself; undefined for any other reply. */
export function expiredSnapshot(job: JobRef, reply: Reply): JobSnapshot | undefined {
  // A 404 from the proxy (model not allowed, wrong basePath) leaves the job upstream untouched.
  return reply.status === 404 && !isProxyAnswer(reply.headers)
    ? snapshot(job, 'expired', 'HTTP 404', { error: errorFromResponse(reply) })
    : undefined
}

/**
 * The reply could not be read: not JSON, or not the documented shape. Retryable for a status or
 * result read (a CDN's error page or a cut-off body is usually a blip, so watching tries again);
 * never for a submit, which may have created a job.
 */
export function malformedResponse(call: Call, what: string, detail: unknown, cause?: unknown): LtxError {
  const submit = call.operation === 'submit'
  return new LtxError(
    'malformed-response',
    `${providerName(call.provider)} sent an unreadable reply: ${what}. ${
      submit ? MAY_EXIST : 'Watching tries again; if it keeps failing, check that baseUrl points at the ltx-react proxy.'
    }`,
    { requestId: call.requestId, detail, cause, retryable: !submit, jobMayExist: submit },
  )
}

/**
 * A job id as one path segment. Ids are opaque (the proxy's signed handles are `[A-Za-z0-9._-]`),
 * but `.` and `..` cannot be one: URLs resolve them (even as `%2E%2E`) as dot segments.
 */
export function pathSegment(id: string): string {
  if (id === '.' || id === '..') throw new LtxError('validation', `"${id}" is not a job id. Pass the JobRef the submit returned.`)
  return encodeURIComponent(id)
}

/**
 * `value` (by default the reply's JSON body) as `read` reads it, once a reply that failed has
 * become its documented error; when `read` finds no documented shape (undefined), a
 * `malformed-response` error saying `what` is wrong, with the body as its detail. The readers are
 * plain checks, not schemas: a schema library would be paid for by every app (issue 17).
 */
export function readReply<T>(reply: Reply, read: (value: unknown) => T | undefined, what: string, ...value: [unknown?]): T {
  if (!reply.ok) throw errorFromResponse(reply)
  // Only a value left out means the body: a part that is absent (`undefined`) is checked as such.
  const parsed = read(value.length > 0 ? value[0] : parseBodyDetail(reply.body))
  if (parsed !== undefined) return parsed
  throw malformedResponse(reply, what, parseBodyDetail(reply.body))
}

/**
 * A {@link VideoTransport} from a provider's dialect, which only sends and reads: the model and
 * its input are checked before `submit` (which resolves to the provider's job id), the job
 * before `status`, and anything but an `LtxError` that escapes becomes one.
 */
export function httpTransport(
  provider: Provider,
  submit: (call: Call, id: ModelId, params: unknown) => Promise<string>,
  status: (call: Call, job: JobRef) => Promise<JobSnapshot>,
): VideoTransport {
  const name = providerName(provider)
  async function guarded<T>(call: Call, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (cause) {
      if (cause instanceof LtxError) throw cause
      throw malformedResponse(call, 'an unexpected value', undefined, cause)
    }
  }
  function look(ref: JobRef, signal: AbortSignal | undefined, pushed?: PushedReply): Promise<JobSnapshot> {
    const call = { provider, operation: 'status', requestId: typeof ref?.id === 'string' ? ref.id : undefined, signal, pushed } as const
    return guarded(call, () => {
      const job = readJobRef(ref)
      if (job?.provider !== provider || providerOf(job.model) !== provider) {
        throw new LtxError(
          'validation',
          `Not a ${name} job reference ({ id, model, provider: "${provider}", submittedAt }). Pass it to its own provider's transport.`,
          { detail: ref },
        )
      }
      return status(call, job)
    })
  }
  return {
    provider,

    submit(model, input, { signal, idempotencyKey } = {}) {
      const call = { provider, operation: 'submit', signal, idempotencyKey } as const
      return guarded(call, async () => {
        checkIdempotencyKey(idempotencyKey)
        // providerOf is undefined for anything but a known model id.
        if (providerOf(model) !== provider) {
          throw new LtxError(
            'not-found',
            `No ${name} model "${String(model)}". Use one of: ${modelIds.filter((m) => providerOf(m) === provider).join(', ')}.`,
          )
        }
        // Sent as given: the proxy checks it (the hooks check it first when given a definition).
        return { id: await submit(call, model, input), model, provider, submittedAt: Date.now() }
      })
    },

    // A pushed reply is read as a fetched one is, by the same code.
    read: (ref, pushed) => look(ref, undefined, pushed),

    status: (ref, { signal } = {}) => look(ref, signal),
  }
}
