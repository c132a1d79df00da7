/**
 * Where `toNodeHandler` finds a proxy's answer to a method the Fetch API cannot carry (TRACE,
 * TRACK), so such a request gets the proxy's own 405 or 404 and log entry, not a crash. A global
 * symbol, so a proxy and a `toNodeHandler` from two copies of the package still find each other.
 */
export const REFUSE_METHOD = Symbol.for('ltx-react.server.refuseMethod')

/** The proxy's answer to a method no Fetch Request can be built with. */
export type RefuseMethod = (method: string, url: string) => Promise<Response>
