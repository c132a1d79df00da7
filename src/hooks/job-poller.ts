import { focusManager, type QueryClient } from '@tanstack/react-query'
import type { JobRef } from '../core/job'
import { defined } from '../models/defined'
import { LtxError } from '../models/ltx-error'
import { pollingPolicy, type PollingOptions, type PollOutcome } from '../core/polling-policy'
import { watchStateOptions, type jobStatusOptions, type WatchState } from './job-status-options'
import type { PushStream } from './push-stream'

/** How a watch behaves; every field has a default. */
export interface JobWatchOptions {
  /** Stop watching after this long (default 15 minutes); the job keeps its reference for a later resume. */
  readonly deadlineMs?: number | undefined
  /** Intervals, backoff and jitter for the polling policy. */
  readonly polling?: PollingOptions | undefined
  /** Multiply delays by this while the tab is hidden (default 4). */
  readonly hiddenSlowdown?: number | undefined
  /** The page's push stream (`<LtxProvider push>`): while it is open, the job is not polled. */
  readonly push?: PushStream | undefined
}

/** A job's status query, as `jobStatusOptions` makes it for the job's transport. */
type JobStatusQuery = ReturnType<typeof jobStatusOptions>

/** The live watch of one job on one QueryClient, shared by every component watching it. */
interface JobPoller {
  /** Add a watcher with its options (the first one starts polling); returns the function that removes it. */
  add(options: JobWatchOptions): () => void
  /** Watch again from now: a fresh deadline and the first check at once. */
  restart(): void
}

/** What is known about one job on one QueryClient: what it was submitted with, and its live watch. */
interface JobEntry {
  input?: unknown
  poller?: JobPoller | undefined
}

// Per QueryClient, by job. An entry outlives its poller: a later watch still needs the input.
const entries = new WeakMap<QueryClient, Map<string, JobEntry>>()

function entryOf(client: QueryClient, job: JobRef): JobEntry {
  let map = entries.get(client)
  if (map === undefined) entries.set(client, (map = new Map()))
  const key = `${job.provider}:${job.id}`
  let entry = map.get(key)
  if (entry === undefined) map.set(key, (entry = {}))
  return entry
}

/** Remember what a job was submitted with: APIXO's first check waits for its documented generation time. */
export function rememberJobInput(client: QueryClient, job: JobRef, input: unknown): void {
  entryOf(client, job).input = input
}

/**
 * Watch `job` until it ends, asking with `query` (its `jobStatusOptions`); returns the function
 * that stops this watcher. One poller per job per QueryClient, however many components watch
 * it: it owns every status request for that job and asks the pure polling policy when to send
 * the next one. It pauses while offline, slows while the tab is hidden, honours rate-limit
 * resets, retries failed checks with backoff, and stops at a terminal phase, an unrepeatable
 * error, the deadline or a run of failed checks; all but the first leave a watch state that
 * says why, so the job is offered "Keep watching".
 */
export function watchJob(client: QueryClient, query: JobStatusQuery, job: JobRef, options: JobWatchOptions): () => void {
  const entry = entryOf(client, job)
  return (entry.poller ??= createPoller(client, query, job, entry)).add(options)
}

/** Restart the live watch of `job`, if a component is watching it: a fresh deadline and a check at once. */
export function restartWatch(client: QueryClient, job: JobRef): void {
  entryOf(client, job).poller?.restart()
}

function createPoller(client: QueryClient, query: JobStatusQuery, job: JobRef, entry: JobEntry): JobPoller {
  const watchKey = watchStateOptions(job).queryKey
  // Merged from every watcher, see `add`.
  const options: JobWatchOptions = {}
  let watchers = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  // Watching, and not stopped by the policy; a check is waiting whenever this is true and no
  // request is under way.
  let active = false
  let fetching = false
  let stopListening: () => void
  // Set while the job is pushed: what stops that.
  let stopPush: (() => void) | false = false
  // This watch, as the policy reads it (set by `begin`); `answeredAt` is when the last answer came.
  let watch: { watchStartedAt: number; answeredAt: number; attempt: number; failures: number; last?: PollOutcome }

  // A fresh watch: a new deadline, no attempts, and no stop reason shown.
  const begin = () => {
    const now = Date.now()
    watch = { watchStartedAt: now, answeredAt: now, attempt: 0, failures: 0 }
    active = true
    client.setQueryData(watchKey, null)
  }

  const tick = () => {
    clearTimeout(timer)
    if (!active || fetching) return
    fetching = true
    // staleTime 0: always ask (status never goes stale by itself), or join a request under way;
    // either way the answer comes back through this promise, so no cache listener is needed.
    // networkMode 'online', whatever the client's default: a check due while offline waits,
    // paused by TanStack Query, and goes out as soon as the connection is back.
    client
      .fetchQuery({ ...query, staleTime: 0, networkMode: 'online' })
      .then(
        (snapshot): PollOutcome => ({ snapshot }),
        // A transport of the app's own may throw anything; watchers always get an LtxError.
        (error: unknown): PollOutcome => ({
          error: error instanceof LtxError ? error : new LtxError('network', 'The status check failed.', { cause: error }),
        }),
      )
      .then((outcome) => {
        fetching = false
        watch.attempt++
        watch.failures = 'error' in outcome ? watch.failures + 1 : 0
        watch.last = outcome
        watch.answeredAt = Date.now()
        schedule()
      })
  }

  // Ask the policy when to check next; only a watch that waits for its next check has one to plan.
  const schedule = () => {
    clearTimeout(timer)
    if (!active || fetching) return
    const now = Date.now()
    const { deadlineMs, polling, hiddenSlowdown = 4 } = options
    // The watch's own deadline wins over the polling defaults'.
    const decision = pollingPolicy({ ...watch, job, input: entry.input, now, options: deadlineMs === undefined ? polling : { ...polling, deadlineMs } })
    if (decision.action === 'stop') {
      active = false
      // Every stop but a finished job's carries one (deadline, pause, unrepeatable error); a finished job shows its own phase.
      if (decision.error) client.setQueryData(watchKey, { stopped: decision.reason, error: decision.error } as WatchState)
      return
    }
    // Delays count from the last answer, so a reschedule (tab shown again) does not restart the
    // wait; one already over fires at once.
    // Pushed over an open stream: no poll until the stream fails (then this runs again), or a
    // pushed status could not be read (then polls, with backoff, until one is).
    if (stopPush && options.push?.healthy() && !(watch.last && 'error' in watch.last)) return
    timer = setTimeout(tick, watch.answeredAt + decision.delayMs * (focusManager.isFocused() ? 1 : hiddenSlowdown) - now)
  }

  return {
    add(next) {
      // Several components may watch one job; a watcher that leaves an option unset keeps what
      // another one set (JobProgress beside a hook with custom polling, say).
      Object.assign(options, defined(next))
      // A waiting check follows the merged pacing at once (a watcher with custom polling that
      // subscribed after one with defaults, say), counted from the last answer as always; with
      // the same options it keeps its time, bar a fresh jitter draw during a backoff.
      schedule()
      if (watchers++ === 0) {
        // Each poller listens for itself: focus changes are rare, and each reaction is a
        // comparison, so hundreds of watched jobs cost no more than one shared listener would.
        // Back in view: do not sit out a delay that was stretched for a hidden tab.
        const focus = focusManager.subscribe((focused) => focused && schedule())
        const { push } = options
        // A pushed answer counts as a poll's: the policy plans from it (and stops at the end).
        stopPush =
          push?.watch(job, (outcome) => {
            watch.last = outcome
            watch.answeredAt = Date.now()
            watch.failures = 'error' in outcome ? watch.failures + 1 : 0
            schedule()
          }) ?? false
        const health = push?.onHealth(schedule)
        stopListening = () => {
          focus()
          health?.()
          if (stopPush) stopPush()
          stopPush = false
        }
        begin()
        const state = client.getQueryState(query.queryKey)
        if (state?.data === undefined || state.fetchStatus !== 'idle') {
          // Nothing known yet, or a request already under way (a remount, say): ask, or join it.
          tick()
        } else {
          // Seeded by the submit, or known from an earlier watch: the policy decides whether and
          // when to look again (never for a finished job; APIXO waits for part of its generation
          // time), so a remount adds no request.
          watch.last = { snapshot: state.data }
          schedule()
        }
      }
      return () => {
        if (--watchers > 0) return
        active = false
        clearTimeout(timer)
        stopListening()
        entry.poller = undefined
      }
    },
    restart() {
      begin()
      tick()
    },
  }
}
