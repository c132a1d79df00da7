import type { FieldIssue } from '../models/ltx-error'
import { toFieldIssues } from '../models/to-field-issues'
import { apixoGenerateTaskBodySchema } from '../models/apixo-ltx-2-19b'
import { isRecord } from '../models/is-record'
import type { ModelId } from '../models/model-catalog'
import { safeParseInput } from '../models/parse-input'
import { summarizeIssues } from '../models/summarize-issues'
import type { Provider } from '../models/provider'
import { apixoSubmitBody } from '../providers/apixo'
import type { ProxyRouteMatch } from './match-proxy-route'
import { privateUrlIssues } from './private-url-issues'
import { proxyReply } from './proxy-reply'
import { readRequestBody } from './read-limited-body'
import type { ProxyConfig } from './resolve-proxy-options'

// Stateless without `stream`: one strict decoder serves every body.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

type SubmitRules = Pick<ProxyConfig, 'maxBodyBytes' | 'allowLoopbackUrls' | 'routing' | 'allowCallbackUrl'>

/** The APIXO body's own issues (request_type, callback_url, provider) and its input's, worded as the browser words them. */
function apixoIssues(model: ModelId, value: unknown, rules: SubmitRules): FieldIssue[] {
  const result = apixoGenerateTaskBodySchema.safeParse(value)
  if (!result.success) {
    // The model input is checked as a model definition checks it in the browser, so a form
    // shows the same sentences whichever side found the problem; the body's own fields by the body schema.
    const input = isRecord(value) ? value.input : undefined
    const parsed = safeParseInput(model, input)
    const own = toFieldIssues(apixoGenerateTaskBodySchema, value, result.error.issues)
    return [
      ...own.filter((issue) => parsed.success || issue.path[0] !== 'input'),
      ...(parsed.issues ?? []).map((issue) => ({ ...issue, path: ['input', ...issue.path] })),
    ]
  }
  // A callback URL is refused unless the server accepts it, whatever request_type says (or
  // omits): the provider would post the result wherever a client pointed it.
  const url = result.data.callback_url
  if ((url !== undefined || result.data.request_type === 'callback') && rules.allowCallbackUrl?.(url ?? '') !== true) {
    return [{ path: ['callback_url'], message: 'This server does not accept that callback URL; use request_type "async".' }]
  }
  return []
}

/** How each provider's submit is checked and forwarded: a provider added to PROVIDERS is a type error here until it has its rules. */
const SUBMIT_RULES = {
  segmind: {
    // The body is the model input.
    issues: (model, value) => safeParseInput(model, value).issues ?? [],
    body: (value) => JSON.stringify(value),
  },
  apixo: {
    issues: apixoIssues,
    // The envelope with the server's own routing and an explicit request_type.
    body: (value, rules) =>
      JSON.stringify(
        isRecord(value)
          ? apixoSubmitBody(value.input, {
              requestType: value.request_type === 'callback' ? 'callback' : 'async',
              callbackUrl: value.callback_url as string | undefined,
              routing: rules.routing,
            })
          : value,
      ),
  },
} as const satisfies Record<
  Provider,
  { issues: (model: ModelId, value: unknown, rules: SubmitRules) => readonly FieldIssue[]; body: (value: unknown, rules: SubmitRules) => string }
>

/**
 * Check a submit before any credit is spent: JSON content type (which also keeps cross-site
 * form posts out), the size limit, valid UTF-8 JSON, the model's schema (the same sentences the
 * browser shows), the callback rule and public hosts in URL fields. Returns the body to forward
 * (re-serialised, so duplicate keys cannot mean one thing here and another upstream; input
 * defaults stay the provider's), or the proxy's answer.
 */
export async function validateSubmit(match: ProxyRouteMatch, request: Request, rules: SubmitRules): Promise<Response | { readonly body: string }> {
  const refused = unsupportedMediaType(match, request.headers.get('content-type'))
  if (refused !== undefined) {
    await request.body?.cancel().catch(() => undefined)
    return refused
  }
  const read = await readRequestBody(request, rules.maxBodyBytes)
  if (!read.ok) return payloadTooLarge(match, rules)
  return validateSubmitBytes(match, read.bytes, rules)
}

/** The 413 of a submit body over `maxBodyBytes`. */
export function payloadTooLarge(match: ProxyRouteMatch, rules: Pick<SubmitRules, 'maxBodyBytes'>): Response {
  return proxyReply(match.provider, 413, 'payload-too-large', `The request body is larger than ${rules.maxBodyBytes} bytes.`)
}

/** The 415 of a submit that is not JSON, or undefined when `contentType` (the header, or null) is JSON. */
export function unsupportedMediaType(match: ProxyRouteMatch, contentType: string | null | undefined): Response | undefined {
  if ((contentType ?? '').toLowerCase().startsWith('application/json')) return undefined
  return proxyReply(match.provider, 415, 'unsupported-media-type', 'Send the parameters as JSON (Content-Type: application/json).')
}

/** {@link validateSubmit} on a body already read within the size limit (Node's fast path reads it from the socket). */
export function validateSubmitBytes(match: ProxyRouteMatch, bytes: Uint8Array, rules: SubmitRules): Response | { readonly body: string } {
  let value: unknown
  try {
    value = JSON.parse(strictUtf8.decode(bytes)) as unknown
  } catch {
    return proxyReply(match.provider, 400, 'invalid-json', 'The request body is not valid JSON.')
  }
  const model = match.model
  // A submit route always names its model (matchProxyRoute checked it).
  const submitRules = SUBMIT_RULES[match.provider]
  let issues = model === undefined ? [] : submitRules.issues(model, value, rules)
  if (issues.length === 0 && model !== undefined) issues = privateUrlIssues(match.provider, model, value, rules.allowLoopbackUrls)
  if (issues.length > 0) {
    return proxyReply(match.provider, 400, 'validation', summarizeIssues(issues, 'The parameters are not valid.'), { issues })
  }
  return { body: submitRules.body(value, rules) }
}
