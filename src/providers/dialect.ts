import type { FieldIssue } from '../models/ltx-error'
import type { ReadPath, SubmitPath, TransportOperation } from './route-paths'

/** The HTTP method a route takes. */
export type RouteMethod = 'GET' | 'POST'

/** One documented route of a provider: its method and its path (a submit's, or a read's). */
export interface RouteSpec<Path extends SubmitPath | ReadPath = SubmitPath | ReadPath> {
  readonly method: RouteMethod
  readonly path: Path
  /** For a route whose job id sits in the query: what to say when it is missing or repeated. */
  readonly idInQuery?: { readonly missing: string }
}

/**
 * What a method, a path and a query amount to in one dialect: a route with the model and job id
 * it names (raw, not yet checked), or a route that takes another method. Pure: the proxy and the
 * simulator decide what to answer.
 */
export type DialectMatch<R extends TransportOperation = TransportOperation> =
  | { readonly kind: 'route'; readonly route: R; readonly model: string | undefined; readonly id: string | undefined }
  | { readonly kind: 'wrong-method'; readonly route: R; readonly allow: RouteMethod }

/** What may go with an error body: the job a failed submit still named, and field issues. */
export interface ErrorBodyExtra {
  readonly handle?: string | undefined
  readonly issues?: readonly FieldIssue[] | undefined
}

/**
 * One provider's HTTP dialect, as the proxy (and the simulator) speak it: routes, the key header,
 * error bodies, the submit envelope and where replies name a job. The transports use the
 * browser-safe half of it (`segmind.ts`, `apixo.ts`: names, paths, id keys, envelope), never this.
 */
export interface Dialect<R extends TransportOperation = TransportOperation> {
  /** As people write it. */
  readonly name: string
  /** The documented routes, each named after the call it serves. */
  readonly routes: { readonly submit: RouteSpec<SubmitPath> } & { readonly [K in Exclude<R, 'submit'>]: RouteSpec<ReadPath> }
  /** The route of `method path?search`, with `path` under the provider's base (e.g. `/v2/requests/…`); undefined for none. */
  readonly matchRoute: (method: string, path: string, search: URLSearchParams) => DialectMatch<R> | undefined
  /** The provider's own API host, when it has one fixed. */
  readonly defaultBaseUrl?: string
  /** The request header that carries the server's key. */
  readonly authHeader: (key: string) => readonly [name: string, value: string]
  /** Where a submit body holds the model input: `[]` when the body is the input. */
  readonly inputPath: readonly string[]
  /** URL fields of the submit envelope itself (paths from the body's root), that the provider calls. */
  readonly envelopeUrlFields: readonly (readonly string[])[]
  /** The JSON key of the job id in a submit reply. */
  readonly idKey: string
  /** The job id a submit reply names (a string or a number), if any. */
  readonly submittedId: (body: Readonly<Record<string, unknown>>) => unknown
  /** The status a reply's envelope stands for when the provider fails inside an HTTP 200; undefined without one. */
  readonly envelopeStatus?: (body: unknown) => number | undefined
  /** An error in this dialect (as the proxy answers for itself), naming the job and field issues when given. */
  readonly errorBody: (status: number, message: string, extra?: ErrorBodyExtra) => unknown
  /** The provider's own 404 body for a job it does not know. */
  readonly unknownJobBody: unknown
  /** Reply fields that link to the job's other routes, e.g. Segmind's `status_url` → `status`. */
  readonly links: Readonly<Partial<Record<string, R>>>
}
