import type { Provider } from '../models/provider'
import { apixoWire } from '../providers/apixo-dialect'
import type { Dialect } from '../providers/dialect'
import { segmindWire } from '../providers/segmind-dialect'

/** A dialect without its key header. */
type Wire = Omit<Dialect<'submit' | 'status'>, 'authHeader'> | Omit<Dialect<'submit' | 'status' | 'result'>, 'authHeader'>

/**
 * What the simulator speaks of each provider's dialect (src/providers): routes and their matcher,
 * error bodies, the unknown-job 404, where a submit holds the input. Not the key header: Storybook
 * bundles the simulator into a browser, and no provider auth header may reach one
 * (test/package/no-secrets.test.ts); the simulator checks keys with `isAuthorized`.
 */
export const simDialects = { segmind: segmindWire, apixo: apixoWire } as const satisfies Record<Provider, Wire>
