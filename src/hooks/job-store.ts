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
  /** Remove one job from the history (and from active, if it is). Give the provider to tell apart equal ids. */
  forget(key: string, job: string | Pick<JobRef, 'id' | 'provider'>): void
  /** Remove everything stored under `key`. */
  clear(key: string): void
  subscribe(listener: () => void): () => void
}

/** How many jobs one persist key remembers; the oldest are dropped from the list beyond it. */
export const MAX_STORED_JOBS = 50
const EMPTY: StoredJobs = Object.freeze({ active: null, history: Object.freeze([]) as readonly JobRef[] })
const PREFIX = 'ltx-react:jobs:'

/** The stored jobs when there is no storage (server rendering, or persistence turned off). */
export const emptyStoredJobs = EMPTY

// Read leniently: a reference written by a newer release (an extra field) still resumes.
const storedRefSchema = jobRefSchema.loose()

interface Parsed {
  readonly value: StoredJobs
  /** History entries this version cannot read (an unknown model, say): kept, never dropped. */
  readonly unreadable: readonly unknown[]
  /** The text was not JSON at all: it is copied aside before anything overwrites it. */
  readonly corrupt: boolean
}

function parse(raw: string | null): Parsed {
  if (raw === null) return { value: EMPTY, unreadable: [], corrupt: false }
  let value: { active?: unknown; history?: unknown; unreadable?: unknown }
  try {
    value = JSON.parse(raw) as typeof value
    if (typeof value !== 'object' || value === null) throw new TypeError('not an object')
  } catch {
    return { value: EMPTY, unreadable: [], corrupt: true }
  }
  const history: JobRef[] = []
  const unreadable: unknown[] = Array.isArray(value.unreadable) ? [...value.unreadable] : []
  for (const item of Array.isArray(value.history) ? value.history : []) {
    const parsed = storedRefSchema.safeParse(item)
    if (parsed.success) history.push(parsed.data as JobRef)
    else unreadable.push(item)
  }
  const active = storedRefSchema.safeParse(value.active)
  return { value: { active: active.success ? (active.data as JobRef) : null, history }, unreadable, corrupt: false }
}

const sameJob = (a: Pick<JobRef, 'id' | 'provider'>, b: Pick<JobRef, 'id' | 'provider'>) => a.id === b.id && a.provider === b.provider

/**
 * A job store over `storage` (e.g. `localStorage`). With `null`, or when a write fails (quota,
 * privacy mode), jobs are kept in memory for the page's life: a submitted job is never lost
 * from view. Entries this version cannot read are kept as they are.
 */
export function createJobStore(storage: JobStorage | null): JobStore {
  const listeners = new Set<() => void>()
  const cache = new Map<string, { raw: string | null; parsed: Parsed }>()
  // The truth for keys that storage could not take (or when there is no storage at all).
  const memory = new Map<string, Parsed>()

  const load = (key: string): Parsed => {
    const held = memory.get(key)
    if (held !== undefined) return held
    if (storage === null) return { value: EMPTY, unreadable: [], corrupt: false }
    let raw: string | null
    try {
      raw = storage.getItem(PREFIX + key)
    } catch {
      return { value: EMPTY, unreadable: [], corrupt: false }
    }
    const hit = cache.get(key)
    // The same object for the same text keeps useSyncExternalStore from re-rendering.
    if (hit !== undefined && hit.raw === raw) return hit.parsed
    const parsed = parse(raw)
    cache.set(key, { raw, parsed })
    return parsed
  }

  const write = (key: string, next: StoredJobs, keepUnreadable = true): void => {
    const before = load(key)
    const parsed: Parsed = { value: next, unreadable: keepUnreadable ? before.unreadable : [], corrupt: false }
    let stored = false
    if (storage !== null) {
      try {
        if (before.corrupt) {
          // Never overwrite text we could not read: it may hold job ids. Keep a copy aside.
          const raw = storage.getItem(PREFIX + key)
          if (raw !== null) storage.setItem(`${PREFIX}${key}:unreadable:${Date.now()}`, raw)
        }
        if (next.active === null && next.history.length === 0 && parsed.unreadable.length === 0) {
          storage.removeItem(PREFIX + key)
        } else {
          const body: Record<string, unknown> = { active: next.active, history: next.history }
          if (parsed.unreadable.length > 0) body.unreadable = parsed.unreadable
          storage.setItem(PREFIX + key, JSON.stringify(body))
        }
        stored = true
      } catch {
        // Quota or privacy mode: memory keeps the jobs for this page's life.
      }
    }
    if (stored) memory.delete(key)
    else memory.set(key, parsed)
    for (const listener of listeners) listener()
  }

  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith(PREFIX)) for (const listener of listeners) listener()
  }

  return {
    get: (key) => load(key).value,
    add(key, job) {
      const current = load(key).value
      const history = [job, ...current.history.filter((j) => !sameJob(j, job))]
      write(key, { active: job, history: history.slice(0, MAX_STORED_JOBS) })
    },
    clearActive(key) {
      write(key, { ...load(key).value, active: null })
    },
    forget(key, job) {
      const current = load(key).value
      const matches = (j: JobRef) => (typeof job === 'string' ? j.id === job : sameJob(j, job))
      write(key, {
        active: current.active !== null && matches(current.active) ? null : current.active,
        history: current.history.filter((j) => !matches(j)),
      })
    },
    clear(key) {
      // Asked for by the user: this one also drops the entries this version could not read.
      write(key, EMPTY, false)
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
