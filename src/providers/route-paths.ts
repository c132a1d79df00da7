/** Which call a response answered: a submit is billed, status and result reads are safe to repeat. */
export type TransportOperation = 'submit' | 'status' | 'result'

/** What fills a route's path: the model id and the job id, inserted as given (encode or verify them first). */
export interface RouteParams {
  readonly model: string
  readonly id: string
}

/** The path (and query) of each documented route of a provider, under its base URL and without a leading slash. */
export type RoutePaths<R extends TransportOperation = TransportOperation> = { readonly [K in R]: (params: RouteParams) => string }
