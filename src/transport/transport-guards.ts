// Checks shared by the adapters: what may go in, what may come out, and what a surprise becomes.
import { z } from 'zod'
import { errorFromResponse, type TransportOperation } from '../core/error-from-response'
import { jobRefSchema, type JobRef } from '../core/job'
import { LtxError } from '../core/ltx-error'
import { providerName } from '../core/provider-name'
import { isSafeUrl } from '../core/safe-url'
import type { ModelDefinition, Provider } from '../models/define-model'
import { isModelId, modelIdOf, modelIds, modelProviders } from '../models/model-catalog'
import type { ModelId } from '../models/registry'
import { readJson, type RawResponse } from './send-request'


/** `model` when this provider hosts it; otherwise a `not-found` error, before anything is sent. */
export function requireModel(provider: Provider, model: unknown): ModelId {
  if (isModelId(model) && modelProviders[model] === provider) return model
  const own = modelIds.filter((id) => modelProviders[id] === provider)
  throw new LtxError(
    'not-found',
    `The ${providerName(provider)} transport has no model "${String(model)}". Use one of: ${own.join(', ')}.`,
    { retryable: false },
  )
}

/**
 * The id to submit to (a model of this provider) and the parameters to send: checked and
 * completed by the model's definition when one is given, else as given (the proxy checks them).
 */
export function prepareSubmit(provider: Provider, model: unknown, input: unknown): { id: ModelId; params: unknown } {
  const id = requireModel(provider, modelIdOf(model))
  const parse = typeof model === 'object' && model !== null ? (model as Partial<ModelDefinition>).parse : undefined
  return { id, params: typeof parse === 'function' ? parse(input) : input }
}

/** `job` when it is a well-formed reference to one of this provider's jobs. */
export function requireJob(provider: Provider, job: unknown): JobRef {
  const parsed = jobRefSchema.safeParse(job)
  if (parsed.success && parsed.data.provider === provider && modelProviders[parsed.data.model] === provider) {
    return parsed.data
  }
  throw new LtxError(
    'validation',
    `This job reference is not a ${providerName(provider)} job (expected { id, model, provider: "${provider}", submittedAt }). Pass it to the transport of its own provider.`,
    { retryable: false, detail: job },
  )
}

/** A video URL that is safe to hand to `<video src>`: http or https only. */
export const videoUrlSchema = z.string().refine((value) => isSafeUrl(value, { https: true, http: true }), {
  error: 'Not an http(s) URL.',
})

/** The reply could not be read: not JSON, or not the documented shape. */
export function malformedResponse(
  provider: Provider,
  operation: TransportOperation,
  what: string,
  detail: unknown,
  requestId?: string | undefined,
  cause?: unknown,
): LtxError {
  const name = providerName(provider)
  const next =
    operation === 'submit'
      ? ` The job may still have been created: check your ${name} jobs before submitting again.`
      : ' Try again later; if it keeps happening, check that baseUrl points at the ltx-react proxy.'
  return new LtxError('malformed-response', `${name} sent a reply that could not be read: ${what}.${next}`, {
    requestId,
    retryable: false,
    detail,
    cause,
  })
}

/** Run `call`, keeping the promise that a transport only ever rejects with an `LtxError`. */
export async function onlyLtxErrors<T>(
  provider: Provider,
  operation: TransportOperation,
  requestId: string | undefined,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call()
  } catch (cause) {
    if (cause instanceof LtxError) throw cause
    throw malformedResponse(provider, operation, 'an unexpected value stopped it from being handled', undefined, requestId, cause)
  }
}

/** A short human summary of zod issues, for `detail` and messages. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues[0]
  if (first === undefined) return 'unexpected shape'
  const path = first.path.length === 0 ? 'body' : first.path.map(String).join('.')
  return `${path}: ${first.message}`
}

/** Throw the documented `LtxError` for a reply that is not 2xx. */
export function throwUnlessOk(
  response: RawResponse,
  provider: Provider,
  operation: TransportOperation,
  requestId?: string | undefined,
): void {
  if (response.ok) return
  throw errorFromResponse({
    provider,
    operation,
    status: response.status,
    headers: response.headers,
    body: response.text,
    ...(requestId === undefined ? {} : { requestId }),
  })
}

/** A reply's JSON body checked against `schema`; a `malformed-response` error names `what` otherwise. */
export function parseReply<S extends z.ZodType>(
  response: RawResponse,
  schema: S,
  context: { provider: Provider; operation: TransportOperation; what: string; shape: string; requestId?: string | undefined },
): { data: z.output<S>; json: unknown } {
  const { provider, operation, what, shape, requestId } = context
  const json = readJson(response.text)
  if (!json.ok) throw malformedResponse(provider, operation, `${what} is not JSON`, response.text, requestId)
  const parsed = schema.safeParse(json.value)
  if (!parsed.success) {
    throw malformedResponse(provider, operation, `${what} ${shape} (${describeIssues(parsed.error)})`, json.value, requestId)
  }
  return { data: parsed.data, json: json.value }
}
