import { isRecord } from '../models/is-record'
import { APIXO_ID_KEY, APIXO_INPUT_KEY, APIXO_NAME, apixoPaths } from './apixo'
import type { Dialect, DialectMatch } from './dialect'

const routes = {
  submit: { method: 'POST', path: apixoPaths.submit },
  status: { method: 'GET', path: apixoPaths.status, idInQuery: { missing: 'statusTask takes exactly one taskId.' } },
} as const

type ApixoRoute = keyof typeof routes

/**
 * `POST /api/v1/generateTask/{model}` and `GET /api/v1/statusTask/{model}?taskId={id}`; the id
 * counts only when the query holds exactly one non-empty `taskId`.
 */
function matchRoute(method: string, path: string, search: URLSearchParams): DialectMatch<ApixoRoute> | undefined {
  const [first, a, b, c, d, ...rest] = path.split('/')
  if (first !== '' || rest.length > 0 || a !== 'api' || b !== 'v1' || d === undefined || d === '') return undefined
  if (c !== 'generateTask' && c !== 'statusTask') return undefined
  const route: ApixoRoute = c === 'generateTask' ? 'submit' : 'status'
  const allow = routes[route].method
  if (method !== allow) return { kind: 'wrong-method', route, allow }
  const ids = route === 'status' ? search.getAll(APIXO_ID_KEY) : []
  return { kind: 'route', route, model: d, id: ids.length === 1 && ids[0] !== '' ? ids[0] : undefined }
}

/**
 * APIXO's dialect without its key header: routes, errors, ids. The simulator, which Storybook
 * bundles into a browser, speaks this half, so no provider auth header reaches a browser.
 */
export const apixoWire = {
  name: APIXO_NAME,
  routes,
  matchRoute,
  inputPath: [APIXO_INPUT_KEY],
  envelopeUrlFields: [['callback_url']],
  idKey: APIXO_ID_KEY,
  submittedId: (body) => (isRecord(body.data) ? body.data[APIXO_ID_KEY] : undefined),
  envelopeStatus: (body) => (isRecord(body) ? Number(body.code) : undefined),
  errorBody: (status, message, { handle, issues } = {}) => ({
    code: status,
    message,
    data: handle === undefined ? null : { [APIXO_ID_KEY]: handle },
    ...(issues === undefined ? {} : { issues }),
  }),
  unknownJobBody: { code: 404, message: 'Task not found', data: null },
  links: {},
} as const satisfies Omit<Dialect<ApixoRoute>, 'authHeader'>

/** APIXO's dialect: a Bearer key, everything in `{ code, message, data }` (failures too, even inside a 200), the job as `data.taskId`. */
// A pure call, so a bundle that takes only apixoWire (Storybook's simulator) drops this one.
export const apixoDialect = /* @__PURE__ */ Object.assign({}, apixoWire, {
  authHeader: (key: string) => ['authorization', `Bearer ${key}`] as const,
}) satisfies Dialect<ApixoRoute>
