import type { Provider } from '../../models/provider'

/** Default time between heartbeat comments on an open SSE connection. */
export const DEFAULT_HEARTBEAT_MS = 15_000
/** Default time a poll loop goes on after its last watcher left (a reload reconnects within it). */
export const DEFAULT_POLL_IDLE_MS = 30_000
/** Default upstream status interval of the poll loops: the hooks' own polling intervals. */
export const DEFAULT_POLL_INTERVAL_MS = { segmind: 2000, apixo: 5000 } as const satisfies Record<Provider, number>
/** Most jobs one SSE connection may watch. */
export const MAX_EVENTS_JOBS = 50

/** Options of the SSE route `{basePath}/events` (served only with a `store`). */
export interface PushOptions {
  /** Time between `: hb` comments, in ms; default 15 s. */
  readonly heartbeatMs?: number
  /** Upstream status interval of the server-side poll loop, per provider, in ms; default Segmind 2 s, APIXO 5 s. */
  readonly pollIntervalMs?: Partial<Record<Provider, number>>
  /** How long a poll loop goes on with no watcher left in this instance, in ms; default 30 s. */
  readonly idleMs?: number
  /** This instance's id in poll leases; default a random UUID. */
  readonly instanceId?: string
}
