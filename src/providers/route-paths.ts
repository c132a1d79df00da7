/** Which call a response answered: a submit is billed, status and result reads are safe to repeat. */
export type TransportOperation = 'submit' | 'status' | 'result'

/** The path (and query) of a submit under the provider's base URL, without a leading slash; the model id goes in as given (encode it first). */
export type SubmitPath = (model: string) => string

/** The path (and query) of a read of job `id` of `model`; both go in as given (encode or verify them first). */
export type ReadPath = (id: string, model: string) => string

/** The path of each documented route of a provider: a submit, and its reads. */
export type RoutePaths<R extends TransportOperation = TransportOperation> = { readonly submit: SubmitPath } & {
  readonly [K in Exclude<R, 'submit'>]: ReadPath
}
