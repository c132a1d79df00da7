import type { RoutePaths } from './route-paths'

// What anyone may know about Segmind's dialect, a browser included: its name, its paths and
// where its replies name a job. The rest of the dialect (the key header, the route matcher, the
// error bodies) is in segmind-dialect.ts, which no browser module imports.

/** Segmind, as people write it. */
export const SEGMIND_NAME = 'Segmind'

/** Segmind's async v2 routes: submit to a model, then read the job's status and its result. */
export const segmindPaths = {
  submit: (model) => `v2/${model}`,
  status: (id) => `v2/requests/${id}/status`,
  result: (id) => `v2/requests/${id}`,
} as const satisfies RoutePaths

/** A number Segmind wrote as a number or as a string holding one (it sends both); undefined for anything else. */
export function segmindNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined
}

/** The key of the job id in a Segmind submit reply (`{ request_id, status_url, response_url }`). */
export const SEGMIND_ID_KEY = 'request_id'
