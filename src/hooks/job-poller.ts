import { focusManager, type QueryClient } from '@tanstack/react-query'
import type { JobRef, JobSnapshot } from '../core/job'
import { isLtxError, LtxError } from '../core/ltx-error'
import { pollingPolicy, type PollingOptions, type PollOutcome } from '../core/polling-policy'
import type { VideoTransport } from '../transport/video-transport'
import { jobStatusOptions, watchStateOptions, type WatchState } from './job-status-options'

/** How a watch behaves; every field has a default. */
export interface JobWatchOptions {
  /** Stop watching after this long (default 15 minutes); the job keeps its reference for a later resume. */
  readonly deadlineMs?: number | undefined
  /** Intervals, backoff and jitter for the polling policy. */
  readonly polling?: PollingOptions | undefined
  /** Multiply delays by this while the tab is hidden (default 4). */
  readonly hiddenSlowdown?: number | undefined
}

// Per QueryClient, by job: the live poller, and what the job was submitted with.
const pollers = new WeakMap<QueryClient, Map<string, JobPoller>>()
const inputs = new WeakMap<QueryClient, Map<string, unknown>>()

function mapOf<V>(maps: WeakMap<QueryClient, Map<string, V>>, client: QueryClient): Map<string, V> {
  let map = maps.get(client)
  if (map === undefined) maps.set(client, (map = new Map()))
  return map
}

function keyOf(job: JobRef): string {
  return `${job.provider}:${job.id}`
}

/** Remember what a job was submitted with: APIXO's first check waits for its documented generation time. */
export function rememberJobInput(client: QueryClient, job: JobRef, input: unknown): void {
  mapOf(inputs, client).set(keyOf(job), input)
}

/**
 * One poller per job per QueryClient, however many components watch it: it owns every status
 * request for that job and asks the pure polling policy when to send the next one. It pauses
 * while offline, slows while the tab is hidden, honours rate-limit resets, and stops at a
 * terminal phase, an unrepeatable error or the deadline.
 */
export class JobPoller {
  readonly #client: QueryClient
  readonly #job: JobRef
  readonly #key: string
  readonly #query: ReturnType<typeof jobStatusOptions>
  // Merged from every watcher, see `for`.
  readonly #options: JobWatchOptions & Record<string, unknown> = {}
  #subscribers = 0
  #unsubscribe: (() => void) | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  // This watch, as the policy reads it (set by #begin); `answeredAt` is when the last answer came.
  #watch!: { watchStartedAt: number; answeredAt: number; attempt: number; failures: number; last?: PollOutcome }
  #active = false
  #fetching = false

  private constructor(client: QueryClient, transport: VideoTransport, job: JobRef) {
    this.#client = client
    this.#job = job
    this.#key = keyOf(job)
    this.#query = jobStatusOptions(transport, job)
  }

  /** The poller for `job` on `client`, created on first use. */
  static for(client: QueryClient, transport: VideoTransport, job: JobRef, options: JobWatchOptions = {}): JobPoller {
    const map = mapOf(pollers, client)
    const poller = map.get(keyOf(job)) ?? new JobPoller(client, transport, job)
    map.set(poller.#key, poller)
    // Several components may watch one job; a watcher that leaves an option unset keeps what
    // another one set (JobProgress beside a hook with custom polling, say).
    let changed = false
    for (const [name, value] of Object.entries(options)) {
      if (value !== undefined && value !== poller.#options[name]) {
        poller.#options[name] = value
        changed = true
      }
    }
    // A waiting check follows the new pacing at once (a watcher with custom polling that
    // subscribed after one with defaults, say), counted from the last answer as always.
    if (changed && poller.#timer !== undefined) poller.#schedule()
    return poller
  }

  /** The live poller for `job`, if any component is watching it. */
  static find(client: QueryClient, job: JobRef): JobPoller | undefined {
    return pollers.get(client)?.get(keyOf(job))
  }

  /** Start watching (the first subscriber starts the poller); returns the unsubscribe function. */
  subscribe(): () => void {
    if (this.#subscribers++ === 0) this.#start()
    return () => {
      if (--this.#subscribers > 0) return
      this.#active = false
      clearTimeout(this.#timer)
      this.#unsubscribe?.()
      pollers.get(this.#client)?.delete(this.#key)
    }
  }

  /** Watch again from now: a fresh deadline and the first check at once. */
  restart(): void {
    this.#begin()
    this.#tick()
  }

  // A fresh watch: a new deadline, no attempts, and no stop reason shown.
  #begin(): void {
    const now = Date.now()
    this.#watch = { watchStartedAt: now, answeredAt: now, attempt: 0, failures: 0 }
    this.#active = true
    this.#show(null)
  }

  // Why the watch stopped early, for every watcher; null while it runs.
  #show(state: WatchState | null): void {
    this.#client.setQueryData(watchStateOptions(this.#job).queryKey, state)
  }

  #start(): void {
    // Each poller listens for itself: focus changes are rare, and each reaction is a comparison,
    // so hundreds of watched jobs cost no more than one shared listener would.
    this.#unsubscribe = focusManager.subscribe(() => {
      // Back in view: do not sit out a delay that was stretched for a hidden tab.
      if (this.#timer !== undefined && focusManager.isFocused()) this.#schedule()
    })
    this.#begin()
    const state = this.#client.getQueryState(this.#query.queryKey)
    if (state?.data === undefined || state.fetchStatus !== 'idle') {
      // Nothing known yet, or a request already under way (a remount, say): ask, or join it.
      this.#tick()
    } else {
      // Seeded by the submit, or known from an earlier watch: the policy decides whether and when
      // to look again (never for a finished job; APIXO waits for part of its generation time),
      // so a remount adds no request.
      this.#watch.last = { snapshot: state.data }
      this.#schedule()
    }
  }

  #tick(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (!this.#active || this.#fetching) return
    this.#fetching = true
    // staleTime 0: always ask (status never goes stale by itself), or join a request under way;
    // either way the answer comes back through this promise, so no cache listener is needed.
    // networkMode 'online', whatever the client's default: a check due while offline waits,
    // paused by TanStack Query, and goes out as soon as the connection is back.
    this.#client.fetchQuery({ ...this.#query, staleTime: 0, networkMode: 'online' }).then(
      (snapshot) => this.#answered({ snapshot }),
      (error: unknown) =>
        this.#answered({
          error: isLtxError(error) ? error : new LtxError('network', 'The status check failed unexpectedly.', { cause: error }),
        }),
    )
  }

  #answered(outcome: PollOutcome): void {
    this.#fetching = false
    const watch = this.#watch
    watch.attempt++
    watch.failures = 'error' in outcome ? watch.failures + 1 : 0
    watch.last = outcome
    watch.answeredAt = Date.now()
    if (this.#active) this.#schedule()
  }

  #schedule(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    const now = Date.now()
    const { deadlineMs, polling, hiddenSlowdown = 4 } = this.#options
    const decision = pollingPolicy({
      ...this.#watch,
      job: this.#job,
      input: inputs.get(this.#client)?.get(this.#key),
      now,
      // The watch's own deadline wins over the polling defaults'.
      options: { ...polling, ...(deadlineMs === undefined ? {} : { deadlineMs }) },
    })
    if (decision.action === 'stop') {
      this.#active = false
      if (decision.reason !== 'terminal' && decision.error !== undefined) this.#show({ stopped: decision.reason, error: decision.error })
      return
    }
    const slowdown = focusManager.isFocused() ? 1 : hiddenSlowdown
    // Delays count from the last answer, so a reschedule (tab shown again) does not restart the
    // wait; one already over fires at once.
    this.#timer = setTimeout(() => this.#tick(), this.#watch.answeredAt + decision.delayMs * slowdown - now)
  }
}
