import { IDEMPOTENCY_KEY_PATTERN } from './idempotency-key'
import { readJobRef, type JobRef } from './job'

/** The part of the Web Storage API a job store needs; `localStorage` fits, so does an in-memory map. */
export type JobStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** What is stored under one persist key: the job being watched, and every job ever submitted there. */
export interface StoredJobs {
  readonly active: JobRef | null
  /** Newest first; at most {@link MAX_STORED_JOBS}. */
  readonly history: readonly JobRef[]
  /** The submit being made under this key, kept from before its request leaves until it is answered with a job. */
  readonly pending?: PendingIntent | undefined
}

/**
 * One user intent to submit, stored before its request leaves: every try of it (an automatic
 * retry, a confirmed resubmit, the same submit after a reload) sends the same `Idempotency-Key`,
 * so a proxy with a job ledger bills it once.
 */
export interface PendingIntent {
  /** The `Idempotency-Key` every try of this intent sends. */
  readonly key: string
  /** Which submit this is: a hash of the model and the input it sends. Another input is another intent. */
  readonly intent: string
  /** When it was first submitted, in Unix milliseconds. */
  readonly at: number
  /** Its last try failed in a way that may have created (and billed) a job: a plain resubmit is refused until confirmed. */
  readonly mayExist?: true | undefined
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
  /** Keep `intent` as the submit pending under `key` (stored before its request leaves), or none. */
  setPending(key: string, intent: PendingIntent | null): void
  subscribe(listener: () => void): () => void
}

/** How many jobs one persist key remembers; the oldest are dropped from the list beyond it. */
export const MAX_STORED_JOBS = 50

/**
 * Where a store's keys live: `ltx-react:jobs:<key>` unscoped, `ltx-react:scope:<scope>:jobs:<key>`
 * for a scope. The scope is URI-encoded (no `:` left in it), so no scope reaches another's keys or
 * the unscoped ones, and no persist key reaches a scope's.
 */
function keyPrefix(scope: string | undefined): string {
  return scope === undefined ? 'ltx-react:jobs:' : `ltx-react:scope:${encodeURIComponent(scope)}:jobs:`
}

/** The stored jobs when there is no storage (server rendering, or persistence turned off). */
export const emptyStoredJobs: StoredJobs = Object.freeze({ active: null, history: Object.freeze([]) })

// Read leniently: a reference written by a newer release (an extra field) still resumes.
const storedRef = (value: unknown): JobRef | undefined => readJobRef(value, 'keep')

/** One key's text and what this version read from it. */
interface Entry {
  readonly text: string | null
  readonly jobs: StoredJobs
  /** Entries this version cannot read (an unknown model, say): written back as they are, never dropped. */
  readonly unreadable: readonly unknown[]
  /**
   * Stored text that is not JSON at all, to copy aside before anything overwrites it (it may hold
   * job ids). Kept on a held entry too, until a write that copies it succeeds.
   */
  readonly aside?: string | undefined
  /** Storage could not take this write (or there is none): the entry is the truth until a write succeeds. */
  readonly held?: true
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/** A stored pending intent, or undefined for anything else. */
function readPending(value: unknown): PendingIntent | undefined {
  const { key, intent, at, mayExist } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  return typeof key === 'string' && IDEMPOTENCY_KEY_PATTERN.test(key) && typeof intent === 'string' && typeof at === 'number'
    ? { key, intent, at, ...(mayExist === true ? { mayExist } : {}) }
    : undefined
}

function parse(text: string | null): Entry {
  let data: { active?: unknown; history?: unknown; unreadable?: unknown; pending?: unknown } | undefined
  try {
    data = JSON.parse(text ?? '{}') as typeof data
  } catch {
    // Not JSON: handled with the other texts that are not an object, below.
  }
  if (typeof data !== 'object' || data === null) return { text, jobs: emptyStoredJobs, unreadable: [], aside: text ?? '' }
  const history: JobRef[] = []
  const unreadable = [...list(data.unreadable)]
  for (const item of list(data.history)) {
    const ref = storedRef(item)
    if (ref) history.push(ref)
    else unreadable.push(item)
  }
  const active = storedRef(data.active) ?? null
  const pending = readPending(data.pending)
  return { text, jobs: pending ? { active, history, pending } : { active, history }, unreadable }
}

/** `candidate` is `job`: by id alone when given an id, else by id and provider. */
const matches = (candidate: JobRef, job: string | Pick<JobRef, 'id' | 'provider'>) =>
  typeof job === 'string' ? candidate.id === job : candidate.id === job.id && candidate.provider === job.provider

/**
 * A job store over `storage` (e.g. `localStorage`). With `null`, or when a write fails (quota,
 * privacy mode), jobs are kept in memory for the page's life: a submitted job is never lost
 * from view. Entries this version cannot read are kept as they are. With a `scope` (e.g. the
 * signed-in user's id), it reads and writes only that scope's jobs: two people on one browser
 * never see each other's, and jobs stored without a scope stay with the unscoped store.
 */
export function createJobStore(storage: JobStorage | null, scope?: string): JobStore {
  const PREFIX = keyPrefix(scope)
  const listeners = new Set<() => void>()
  // The last entry read or held, by key.
  const entries = new Map<string, Entry>()

  const load = (key: string): Entry => {
    let entry = entries.get(key)
    if (entry?.held) return entry
    let text: string | null = null
    try {
      text = storage?.getItem(PREFIX + key) ?? null
    } catch {
      // Blocked storage reads as empty; whatever this page writes then is held in memory.
    }
    // The same object for the same text keeps useSyncExternalStore from re-rendering.
    if (entry?.text !== text) entries.set(key, (entry = parse(text)))
    return entry
  }

  // Store `change` of the jobs under `key`. The entries this version cannot read are written back
  // as they were, unless `clear` drops them.
  const write = (key: string, change: (jobs: StoredJobs) => StoredJobs, dropUnreadable?: true): void => {
    const before = load(key)
    const jobs = change(before.jobs)
    const unreadable = dropUnreadable ? [] : before.unreadable
    const text = !jobs.active && !jobs.history.length && !unreadable.length && !jobs.pending ? null : JSON.stringify({ ...jobs, unreadable })
    let { aside } = before
    try {
      if (storage === null) throw new Error() // kept in memory, below
      // Never overwrite text we could not read: it may hold job ids. Keep a copy aside.
      if (aside !== undefined) {
        storage.setItem(`${PREFIX}${key}:unreadable:${Date.now()}`, aside)
        aside = undefined
      }
      if (text === null) storage.removeItem(PREFIX + key)
      else storage.setItem(PREFIX + key, text)
      entries.delete(key)
    } catch {
      // No storage, or it refused (quota, privacy mode): memory keeps the jobs for this page's life.
      entries.set(key, { text, jobs, unreadable, aside, held: true })
    }
    for (const listener of listeners) listener()
  }

  return {
    get: (key) => load(key).jobs,
    add: (key, job) => write(key, (jobs) => ({ ...jobs, active: job, history: [job, ...jobs.history.filter((j) => !matches(j, job))].slice(0, MAX_STORED_JOBS) })),
    clearActive: (key) => write(key, (jobs) => ({ ...jobs, active: null })),
    forget: (key, job) =>
      write(key, (jobs) => ({ ...jobs, active: jobs.active && matches(jobs.active, job) ? null : jobs.active, history: jobs.history.filter((j) => !matches(j, job)) })),
    // Asked for by the user: this one also drops the entries this version could not read. A
    // pending submit stays: its key is what keeps a retry of it from billing twice.
    clear: (key) => write(key, ({ pending }) => (pending ? { ...emptyStoredJobs, pending } : emptyStoredJobs), true),
    setPending: (key, intent) => write(key, ({ pending: _pending, ...jobs }) => (intent ? { ...jobs, pending: intent } : jobs)),
    subscribe(listener) {
      listeners.add(listener)
      // Another tab's writes. Any key's event may concern us: the listener re-reads, and unchanged
      // text gives back the same object, so the other keys' events cost a read and no render.
      // (On the server there is no addEventListener.)
      globalThis.addEventListener?.('storage', listener)
      return () => {
        listeners.delete(listener)
        globalThis.removeEventListener?.('storage', listener)
      }
    },
  }
}

/** `window.localStorage` when there is one and it works; `null` on the server or when blocked. */
export function defaultJobStorage(): JobStorage | null {
  try {
    return window.localStorage ?? null
  } catch {
    // No `window` on the server (a ReferenceError), or storage blocked by the browser.
    return null
  }
}
