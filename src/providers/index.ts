import type { Provider } from '../models/provider'
import type { Dialect } from './dialect'
import { apixoDialect } from './apixo-dialect'
import { segmindDialect } from './segmind-dialect'

/** A dialect: every provider serves submit and status; some have a separate result read. */
type AnyDialect = Dialect<'submit' | 'status'> | Dialect<'submit' | 'status' | 'result'>

/**
 * Every provider's dialect, for the proxy and the simulator (never for browser code: the key
 * headers are in here). A provider added to PROVIDERS is a type error here until it has one.
 */
export const dialects = { segmind: segmindDialect, apixo: apixoDialect } as const satisfies Record<Provider, AnyDialect>

/** The dialects' type, for deriving route names per provider. */
export type Dialects = typeof dialects

/** The routes of provider `P`, named after the call each serves. */
export type DialectRoute<P extends Provider> = keyof Dialects[P]['routes'] & string
