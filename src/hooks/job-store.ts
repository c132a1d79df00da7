import { jobRefSchema, type JobRef } from '../core/job'

/** The part of the Web Storage API a job store needs; `localStorage` fits, so does an in-memory map. */
export type JobStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** What is stored under one persist key: the job being watched, and every job ever submitted there. */
export interface StoredJobs {
  readonly active: JobRef | null
  /** Newest first; at most {@link MAX_STORED_JOBS}. */
  readonly history: readonly JobRef[]
}

/** Reads and writes submitted jobs so watching survives a reload; SSR-safe (no storage, no effect). */
export interface JobStore {
  get(key: string): StoredJobs
  /** Record a new job: it becomes the active one and heads the history. */
  add(key: string, job: JobRef): void
  /** Stop showing the active job; it stays in the history. */
  clearActive(key: string): void
  /** Remove one job from the history (and from active, if it is). */
  forget(key: string, id: string): void
  /** Remove everything stored under `key`. */
  clear(key: string): void
  subscribe(listener: () => void): () => void
}

export const MAX_STORED_JOBS = 50
const EMPTY: StoredJobs = Object.freeze({ active: null, history: Object.freeze([]) as readonly JobRef[] })
const PREFIX = 'ltx-react:jobs:'

/** The stored jobs when there is no storage (server rendering, or persistence turned off). */
export const emptyStoredJobs = EMPTY

function parse(raw: string | null): StoredJobs {
  if (raw === null) return EMPTY
  try {
    const value = JSON.parse(raw) as { active?: unknown; history?: unknown }
    const active = jobRefSchema.safeParse(value.active)
    const history = Array.isArray(value.history)
      ? value.history.flatMap((item) => {
          const parsed = jobRefSchema.safeParse(item)
          return parsed.success ? [parsed.data] : []
        })
      : []
    return { active: active.success ? active.data : null, history }
  } catch {
    // Unreadable data is left in place rather than overwritten: it may hold job ids.
    return EMPTY
  }
}

/** A job store over `storage` (e.g. `localStorage`); with `null`, nothing is kept and nothing breaks. */
export function createJobStore(storage: JobStorage | null): JobStore {
  const listeners = new Set<() => void>()
  const cache = new Map<string, { raw: string | null; value: StoredJobs }>()

  const read = (key: string): StoredJobs => {
    if (storage === null) return EMPTY
    let raw: string | null
    try {
      raw = storage.getItem(PREFIX + key)
    } catch {
      return EMPTY
    }
    const hit = cache.get(key)
    // The same object for the same text keeps useSyncExternalStore from re-rendering.
    if (hit !== undefined && hit.raw === raw) return hit.value
    const value = parse(raw)
    cache.set(key, { raw, value })
    return value
  }

  const write = (key: string, next: StoredJobs): void => {
    if (storage === null) return
    try {
      if (next.active === null && next.history.length === 0) storage.removeItem(PREFIX + key)
      else storage.setItem(PREFIX + key, JSON.stringify(next))
    } catch {
      // Quota or privacy mode: watching still works for this page's life.
    }
    for (const listener of listeners) listener()
  }

  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith(PREFIX)) for (const listener of listeners) listener()
  }

  return {
    get: read,
    add(key, job) {
      const current = read(key)
      const history = [job, ...current.history.filter((j) => !(j.id === job.id && j.provider === job.provider))]
      write(key, { active: job, history: history.slice(0, MAX_STORED_JOBS) })
    },
    clearActive(key) {
      write(key, { ...read(key), active: null })
    },
    forget(key, id) {
      const current = read(key)
      write(key, {
        active: current.active?.id === id ? null : current.active,
        history: current.history.filter((j) => j.id !== id),
      })
    },
    clear(key) {
      write(key, EMPTY)
    },
    subscribe(listener) {
      listeners.add(listener)
      if (listeners.size === 1 && typeof window !== 'undefined') window.addEventListener('storage', onStorage)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && typeof window !== 'undefined') window.removeEventListener('storage', onStorage)
      }
    },
  }
}

/** `window.localStorage` when there is one and it works; `null` on the server or when blocked. */
export function defaultJobStorage(): JobStorage | null {
  try {
    if (typeof window === 'undefined' || window.localStorage === undefined) return null
    return window.localStorage
  } catch {
    return null
  }
}
