import type { Dialect, DialectMatch } from './dialect'
import { SEGMIND_ID_KEY, SEGMIND_NAME, segmindPaths } from './segmind'

/** Segmind's API host, used when `segmind.baseUrl` is left out. */
export const SEGMIND_BASE_URL = 'https://api.segmind.com'

const routes = {
  submit: { method: 'POST', path: segmindPaths.submit },
  status: { method: 'GET', path: segmindPaths.status },
  result: { method: 'GET', path: segmindPaths.result },
} as const

type SegmindRoute = keyof typeof routes

/**
 * `POST /v2/{model}`, `GET /v2/requests/{id}/status`, `GET /v2/requests/{id}`. Segments are
 * compared raw, never decoded, so `%2F` or `%2e%2e` cannot smuggle a separator; `/v2/requests`
 * alone is no model.
 */
function matchRoute(method: string, path: string): DialectMatch<SegmindRoute> | undefined {
  const [first, a, b, c, d, ...rest] = path.split('/')
  if (first !== '' || rest.length > 0 || a !== 'v2' || b === undefined || b === '') return undefined
  const isSubmit = b !== 'requests' && c === undefined
  const isRead = b === 'requests' && c !== undefined && c !== '' && (d === undefined || d === 'status')
  if (!isSubmit && !isRead) return undefined
  const route: SegmindRoute = isSubmit ? 'submit' : d === undefined ? 'result' : 'status'
  const allow = routes[route].method
  if (method !== allow) return { kind: 'wrong-method', route, allow }
  return isSubmit ? { kind: 'route', route, model: b, id: undefined } : { kind: 'route', route, model: undefined, id: c }
}

/**
 * Segmind's dialect without its key header: routes, errors, ids. The simulator, which Storybook
 * bundles into a browser, speaks this half, so no provider auth header reaches a browser.
 */
export const segmindWire = {
  name: SEGMIND_NAME,
  routes,
  matchRoute,
  // The body is the input.
  inputPath: [],
  envelopeUrlFields: [],
  idKey: SEGMIND_ID_KEY,
  submittedId: (body) => body[SEGMIND_ID_KEY],
  errorBody: (_status, message, { handle, issues } = {}) => ({
    error: message,
    ...(handle === undefined ? {} : { [SEGMIND_ID_KEY]: handle }),
    ...(issues === undefined ? {} : { issues }),
  }),
  unknownJobBody: { error: 'Request not found or expired.' },
  links: { status_url: 'status', response_url: 'result' },
} as const satisfies Omit<Dialect<SegmindRoute>, 'authHeader'>

/** Segmind's dialect: the key in `x-api-key`, errors as `{ error }`, the job as `request_id`. */
// A pure call, so a bundle that takes only segmindWire (Storybook's simulator) drops this one.
export const segmindDialect = /* @__PURE__ */ Object.assign({}, segmindWire, {
  defaultBaseUrl: SEGMIND_BASE_URL,
  authHeader: (key: string) => ['x-api-key', key] as const,
}) satisfies Dialect<SegmindRoute>
