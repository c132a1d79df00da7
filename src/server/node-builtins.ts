/**
 * Node's own modules, when this runs on Node (≥ 20.16, which has `process.getBuiltinModule`):
 * read at run time, never imported, so `ltx-react/server` stays loadable on edge runtimes and
 * workers, where these are undefined and the Fetch-API code paths are used.
 */
export interface NodeBuiltins {
  readonly http: typeof import('node:http')
  readonly https: typeof import('node:https')
  readonly crypto: typeof import('node:crypto')
  readonly zlib: typeof import('node:zlib')
  readonly module: typeof import('node:module')
}

type GetBuiltinModule = (id: string) => unknown

function getBuiltin(): GetBuiltinModule | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: unknown } }).process
  return typeof proc?.getBuiltinModule === 'function' ? (proc.getBuiltinModule as GetBuiltinModule).bind(proc) : undefined
}

let cached: NodeBuiltins | null | undefined

/** `node:http`, `node:https`, `node:crypto`, `node:zlib` and `node:module`, or undefined off Node (or on a Node without getBuiltinModule). */
export function nodeBuiltins(): NodeBuiltins | undefined {
  if (cached !== undefined) return cached ?? undefined
  const get = getBuiltin()
  try {
    const http = get?.('node:http') as NodeBuiltins['http'] | undefined
    const https = get?.('node:https') as NodeBuiltins['https'] | undefined
    const crypto = get?.('node:crypto') as NodeBuiltins['crypto'] | undefined
    const zlib = get?.('node:zlib') as NodeBuiltins['zlib'] | undefined
    const module = get?.('node:module') as NodeBuiltins['module'] | undefined
    cached = http !== undefined && https !== undefined && crypto !== undefined && zlib !== undefined && module !== undefined ? { http, https, crypto, zlib, module } : null
  } catch {
    cached = null
  }
  return cached ?? undefined
}
