import type { RoutePaths } from './route-paths'

// What anyone may know about APIXO's dialect, a browser included: its name, its paths, its
// submit envelope and where its replies name a job. The rest of the dialect (the key header, the
// route matcher, the error bodies) is in apixo-dialect.ts, which no browser module imports.

/** APIXO, as people write it. */
export const APIXO_NAME = 'APIXO'

/** APIXO's task routes: generate a task for a model, then read its status (the task id in the query). */
export const apixoPaths = {
  submit: (model) => `api/v1/generateTask/${model}`,
  status: (id, model) => `api/v1/statusTask/${model}?taskId=${id}`,
} as const satisfies RoutePaths<'submit' | 'status'>

/** The key of the job id in `data` of an APIXO submit reply (`{ code, message, data: { taskId } }`). */
export const APIXO_ID_KEY = 'taskId'

/** The key under which an APIXO submit body holds the model input: the proxy's field issues start there. */
export const APIXO_INPUT_KEY = 'input'

/** How an APIXO task is run: polled (`async`) or reported to a callback URL; and the routing strategy. */
export interface ApixoEnvelopeOptions {
  readonly requestType: 'async' | 'callback'
  readonly callbackUrl: string | undefined
  readonly routing: string
}

/** The body of an APIXO submit: the model input inside its envelope (JSON leaves out an undefined callback_url). */
export function apixoSubmitBody(input: unknown, { requestType, callbackUrl, routing }: ApixoEnvelopeOptions) {
  return { request_type: requestType, callback_url: callbackUrl, provider: routing, input }
}
