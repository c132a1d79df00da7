import type { QueryClient } from '@tanstack/react-query'
import type { JobRef } from '../core/job'
import { LtxError } from '../models/ltx-error'
import type { PollOutcome } from '../core/polling-policy'
import type { Provider } from '../models/provider'
import type { VideoTransport } from '../transport/video-transport'
import { ltxKeys } from './ltx-keys'

/** The part of `EventSource` the push stream uses; the browser's fits, so does a test's fake. */
export interface EventSourceLike {
  onopen: ((event: Event) => void) | null
  onerror: ((event: Event) => void) | null
  addEventListener(type: 'job', listener: (event: MessageEvent<string>) => void): void
  close(): void
}

/** A constructor of {@link EventSourceLike}, as `EventSource` is. */
export type EventSourceConstructor = new (url: string) => EventSourceLike

/** What {@link pushFromEvents} takes: where the proxy's `/events` route is, and how to reach it. */
export interface PushOptions {
  /** The proxy's events route, e.g. `/api/ltx/events` (`{basePath}/events`). */
  url: string
  /** The `EventSource` to use; default `globalThis.EventSource` (none on the server: jobs are polled). */
  eventSource?: EventSourceConstructor | undefined
  /** How long to gather changes of the watched set before reopening the stream; default 50 ms. */
  reopenDelayMs?: number | undefined
}

/** One page's push stream, shared by every watched job; the job poller asks it whether to poll. */
export interface PushStream {
  /**
   * Push `job`'s changes to `onPush` (each one read as a status reply: a snapshot, or the error
   * reading it) until the returned function is called; false when it cannot be pushed (polling only).
   */
  watch(job: JobRef, onPush: (outcome: PollOutcome) => void): (() => void) | false
  /** True while the stream is open: pushed jobs are not polled. */
  healthy(): boolean
  /** Called whenever `healthy()` changes; returns the function that stops it. */
  onHealth(listener: () => void): () => void
  /** Close the stream and forget the watched jobs (the provider unmounts); a later `watch` opens it again. */
  close(): void
}

/** The provider's client and transports, as of its latest render. */
export type PushContext = () => { readonly client: QueryClient; readonly transports: Readonly<Partial<Record<Provider, VideoTransport>>> }

/** What `<LtxProvider push>` takes: makes the page's push stream, once, when the provider mounts. */
export type PushSource = (current: PushContext) => PushStream

/**
 * Push job changes from the ltx-react proxy's `/events` route: `<LtxProvider push={pushFromEvents({
 * url: '/api/ltx/events' })}>`. Apps that do not push pay nothing for it (it is not in the hooks'
 * bundle unless imported).
 */
export function pushFromEvents(options: PushOptions): PushSource {
  return (current) => createPushStream(options, current)
}

interface Watched {
  readonly job: JobRef
  readonly listeners: Set<(outcome: PollOutcome) => void>
}

/**
 * ONE `EventSource` for every job watched on the page, at `{url}?job={provider}:{model}:{id}&…`,
 * reopened (after `reopenDelayMs`) with the new set when it changes; `Last-Event-ID` on a
 * reconnect is the `EventSource`'s own. Each `event: job` (`{ job, status, body }`) is read by the
 * job's transport as it reads a status reply, and written into the query cache where a poll's
 * answer goes, so every hook behaves the same either way.
 */
function createPushStream(options: PushOptions, current: PushContext): PushStream {
  const Source = options.eventSource ?? (globalThis as { EventSource?: EventSourceConstructor }).EventSource
  const jobs = new Map<string, Watched>()
  const health = new Set<() => void>()
  let source: EventSourceLike | undefined
  let open = false
  let timer: ReturnType<typeof setTimeout> | undefined

  const setOpen = (next: boolean) => {
    if (open === next) return
    open = next
    for (const listener of health) listener()
  }

  const onJob = (event: MessageEvent<string>) => {
    let data: { job?: unknown; status?: unknown; body?: unknown } | undefined
    try {
      data = JSON.parse(event.data) as typeof data
    } catch {
      return
    }
    const watched = typeof data?.job === 'string' ? jobs.get(data.job) : undefined
    // `body` is the status reply's JSON, or its text when it was none (a scrubbed error page).
    const { client, transports } = current()
    const transport = watched && transports[watched.job.provider]
    if (!watched || !transport?.read || typeof data?.status !== 'number') return
    const { job, listeners } = watched
    transport.read(job, { status: data.status, body: typeof data.body === 'string' ? data.body : JSON.stringify(data.body ?? null) }).then(
      (snapshot) => {
        client.setQueryData(ltxKeys.job(job.provider, job.id), snapshot)
        for (const listener of listeners) listener({ snapshot })
      },
      // Unreadable, or its result read failed: the poller polls this job (with backoff) until a read succeeds.
      (error: unknown) => {
        const outcome = { error: error instanceof LtxError ? error : new LtxError('malformed-response', 'A pushed status could not be read.', { cause: error }) }
        for (const listener of listeners) listener(outcome)
      },
    )
  }

  const reopen = () => {
    timer = undefined
    source?.close()
    source = undefined
    if (jobs.size === 0 || Source === undefined) return setOpen(false)
    const query = [...jobs.keys()].map((key) => `job=${encodeURIComponent(key)}`).join('&')
    const next = new Source(`${options.url}${options.url.includes('?') ? '&' : '?'}${query}`)
    source = next
    next.onopen = () => source === next && setOpen(true)
    // The EventSource reconnects by itself (sending Last-Event-ID); meanwhile every job is polled.
    next.onerror = () => source === next && setOpen(false)
    next.addEventListener('job', (event) => source === next && onJob(event))
  }

  const changed = () => {
    clearTimeout(timer)
    timer = setTimeout(reopen, options.reopenDelayMs ?? 50)
  }

  return {
    watch(job, onPush) {
      if (Source === undefined || !current().transports[job.provider]?.read) return false
      const key = `${job.provider}:${job.model}:${job.id}`
      let watched = jobs.get(key)
      if (watched === undefined) {
        jobs.set(key, (watched = { job, listeners: new Set() }))
        changed()
      }
      const { listeners } = watched
      listeners.add(onPush)
      return () => {
        listeners.delete(onPush)
        if (listeners.size === 0 && jobs.get(key) === watched) {
          jobs.delete(key)
          changed()
        }
      }
    },
    healthy: () => open,
    onHealth(listener) {
      health.add(listener)
      return () => health.delete(listener)
    },
    close() {
      clearTimeout(timer)
      jobs.clear()
      reopen()
    },
  }
}
