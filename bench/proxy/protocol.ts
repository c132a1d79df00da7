// The messages between bench/proxy.ts (the load client, which forks every server) and its
// children (bench/proxy/upstream.ts, bench/proxy/server.ts), over Node's IPC channel.

/** What the parent asks a child; every request carries an id that the reply repeats. */
export type ChildRequest =
  | { readonly id: number; readonly op: 'cpu' }
  | { readonly id: number; readonly op: 'stats' }
  | { readonly id: number; readonly op: 'reset' }
  | { readonly id: number; readonly op: 'profile-start' }
  | { readonly id: number; readonly op: 'profile-stop'; readonly file: string }
  | { readonly id: number; readonly op: 'exit' }

/** A child's answer: `cpu` is the process's cumulative `process.cpuUsage()` in µs. */
export type ChildReply =
  | { readonly id: number; readonly op: 'cpu'; readonly userUs: number; readonly systemUs: number }
  | { readonly id: number; readonly op: 'stats'; readonly stats: ChildStats }
  | { readonly id: number; readonly op: 'reset' }
  | { readonly id: number; readonly op: 'profile-start' }
  | { readonly id: number; readonly op: 'profile-stop'; readonly file: string }
  | { readonly id: number; readonly op: 'exit' }

/** Sent once, when the child's server listens. */
export interface ChildReady {
  readonly op: 'ready'
  readonly port: number
  /** The child's open-file limit (soft), read from /proc/self/limits where there is one. */
  readonly maxOpenFiles: number | undefined
}

/** What a child counted since the last `reset`. */
export interface ChildStats {
  /** Requests its server received. */
  readonly requests: number
  /** ltx proxy only: `x-ltx-proxy` reasons of its own answers, from its `log` option. */
  readonly reasons: Record<string, number>
  /** Errors of the server itself (clientError events: malformed requests, resets mid-request). */
  readonly clientErrors: Record<string, number>
  /** Peak of simultaneously open connections to its server. */
  readonly peakConnections: number
}

/** The servers bench/proxy/server.ts can run in front of an upstream. */
export const PROXY_VARIANTS = [
  'node-undici',
  'node-agent',
  'fetch-hono',
  'fetch-node-handler',
  'fal-express',
  'ltx-node-handler',
  'ltx-fetch-hono',
] as const

export type ProxyVariant = (typeof PROXY_VARIANTS)[number]

/** The upstreams bench/proxy/upstream.ts can run. */
export type UpstreamKind = 'static' | 'simulator'

/** The keys every upstream child is started with (the static one accepts anything). */
export const BENCH_KEYS = { segmind: 'sk-bench-segmind', apixo: 'ax-bench-apixo' } as const

/** Where ltx-react's proxy and the forwarders are mounted, as in an app. */
export const BASE_PATH = '/api/ltx'

/** The fal proxy's own route (its default). */
export const FAL_ROUTE = '/api/fal/proxy'
