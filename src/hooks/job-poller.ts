import { focusManager, hashKey, onlineManager, type QueryCacheNotifyEvent, type QueryClient } from '@tanstack/react-query'
import { isTerminalPhase, type JobRef, type JobSnapshot } from '../core/job'
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

/** Per QueryClient: its pollers by job, the watching ones by query hash, and one set of listeners. */
interface PollerHub {
  readonly pollers: Map<string, JobPoller>
  readonly watching: Map<string, JobPoller>
  unsubscribe: (() => void) | undefined
}

const hubs = new WeakMap<QueryClient, PollerHub>()

function hubOf(client: QueryClient): PollerHub {
  let hub = hubs.get(client)
  if (hub === undefined) hubs.set(client, (hub = { pollers: new Map(), watching: new Map(), unsubscribe: undefined }))
  return hub
}
const inputs = new WeakMap<QueryClient, Map<string, unknown>>()

function keyOf(job: JobRef): string {
  return `${job.provider}:${job.id}`
}

/** Remember what a job was submitted with: APIXO's first check waits for its documented generation time. */
export function rememberJobInput(client: QueryClient, job: JobRef, input: unknown): void {
  let map = inputs.get(client)
  if (map === undefined) inputs.set(client, (map = new Map()))
  map.set(keyOf(job), input)
}

/**
 * One poller per job per QueryClient, however many components watch it: it owns every status
 * request for that job and asks the pure polling policy when to send the next one. It pauses
 * while offline, slows while the tab is hidden, honours rate-limit resets, and stops at a
 * terminal phase, an unrepeatable error or the deadline.
 */
export class JobPoller {
  readonly #client: QueryClient
  readonly #transport: VideoTransport
  readonly #job: JobRef
  readonly #hash: string
  #options: JobWatchOptions
  #subscribers = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  #attempt = 0
  #failures = 0
  #watchStartedAt = 0
  #last: PollOutcome | undefined
  #lastAt = 0
  #active = false
  #waitingForOnline = false

  private constructor(client: QueryClient, transport: VideoTransport, job: JobRef, options: JobWatchOptions) {
    this.#client = client
    this.#transport = transport
    this.#job = job
    this.#options = options
    this.#hash = hashKey(jobStatusOptions(transport, job).queryKey)
  }

  /** The poller for `job` on `client`, created on first use. */
  static for(client: QueryClient, transport: VideoTransport, job: JobRef, options: JobWatchOptions = {}): JobPoller {
    const map = hubOf(client).pollers
    const key = keyOf(job)
    let poller = map.get(key)
    if (poller === undefined) {
      poller = new JobPoller(client, transport, job, options)
      map.set(key, poller)
    } else {
      // Several components may watch one job; a watcher that leaves an option unset keeps
      // what another one set (JobProgress beside a hook with custom polling, say).
      const before = poller.#options
      poller.#options = {
        deadlineMs: options.deadlineMs ?? before.deadlineMs,
        polling: options.polling ?? before.polling,
        hiddenSlowdown: options.hiddenSlowdown ?? before.hiddenSlowdown,
      }
      const changed =
        poller.#options.deadlineMs !== before.deadlineMs ||
        poller.#options.polling !== before.polling ||
        poller.#options.hiddenSlowdown !== before.hiddenSlowdown
      // A waiting check follows the new pacing at once (a watcher with custom polling that
      // subscribed after one with defaults, say), counted from the last answer as always.
      if (changed && poller.#active && poller.#timer !== undefined) poller.#schedule()
    }
    return poller
  }

  /** The live poller for `job`, if any component is watching it. */
  static find(client: QueryClient, job: JobRef): JobPoller | undefined {
    return hubs.get(client)?.pollers.get(keyOf(job))
  }

  // One cache, network and focus listener per QueryClient, however many jobs are watched:
  // a cache event reaches only the poller of its query (a map lookup), so a page watching
  // hundreds of jobs does not do hundreds of checks per event.
  static #join(poller: JobPoller): void {
    const hub = hubOf(poller.#client)
    hub.watching.set(poller.#hash, poller)
    if (hub.unsubscribe !== undefined) return
    const offCache = poller.#client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated') return
      const target = hub.watching.get(event.query.queryHash)
      if (target !== undefined) target.#onCacheEvent(event)
    })
    const offOnline = onlineManager.subscribe((online) => {
      for (const each of hub.watching.values()) each.#onOnline(online)
    })
    const offFocus = focusManager.subscribe(() => {
      for (const each of hub.watching.values()) each.#onFocusChange()
    })
    hub.unsubscribe = () => {
      offCache()
      offOnline()
      offFocus()
    }
  }

  static #leave(poller: JobPoller): void {
    const hub = hubs.get(poller.#client)
    if (hub === undefined) return
    if (hub.watching.get(poller.#hash) === poller) hub.watching.delete(poller.#hash)
    if (hub.pollers.get(keyOf(poller.#job)) === poller) hub.pollers.delete(keyOf(poller.#job))
    if (hub.watching.size === 0) {
      hub.unsubscribe?.()
      hub.unsubscribe = undefined
    }
  }

  /** Start watching (the first subscriber starts the poller); returns the unsubscribe function. */
  subscribe(): () => void {
    this.#subscribers++
    if (this.#subscribers === 1) this.#start()
    let done = false
    return () => {
      if (done) return
      done = true
      this.#subscribers--
      if (this.#subscribers === 0) this.#dispose()
    }
  }

  /** Watch again from now: a fresh deadline and the first check at once. */
  restart(): void {
    this.#client.setQueryData(watchStateOptions(this.#job).queryKey, null)
    this.#watchStartedAt = Date.now()
    this.#lastAt = this.#watchStartedAt
    this.#attempt = 0
    this.#failures = 0
    this.#last = undefined
    this.#active = this.#subscribers > 0
    if (this.#active) this.#tick()
  }

  #query() {
    return this.#client.getQueryCache().get<JobSnapshot, LtxError>(this.#hash)
  }

  #start(): void {
    this.#active = true
    this.#watchStartedAt = Date.now()
    this.#lastAt = this.#watchStartedAt
    this.#attempt = 0
    this.#failures = 0
    this.#client.setQueryData(watchStateOptions(this.#job).queryKey, null)
    JobPoller.#join(this)

    const query = this.#query()
    const data = query?.state.data
    if (data !== undefined && isTerminalPhase(data.phase)) {
      this.#active = false
      return
    }
    if (query?.state.fetchStatus === 'fetching') return // its result will schedule the next one
    if (data !== undefined) {
      // Seeded by the submit, or known from an earlier watch: the policy decides when to look
      // again (APIXO waits for part of its generation time), so a remount adds no request.
      this.#schedule()
      return
    }
    this.#tick()
  }

  #dispose(): void {
    this.#active = false
    clearTimeout(this.#timer)
    this.#timer = undefined
    JobPoller.#leave(this)
  }

  #onCacheEvent(event: Extract<QueryCacheNotifyEvent, { type: 'updated' }>): void {
    const action = event.action
    if (action.type === 'success' && action.manual !== true) {
      this.#attempt++
      this.#failures = 0
      this.#last = { snapshot: action.data as JobSnapshot }
    } else if (action.type === 'error') {
      this.#attempt++
      this.#failures++
      const error = isLtxError(action.error)
        ? action.error
        : new LtxError('network', 'The status check failed unexpectedly.', { cause: action.error })
      this.#last = { error }
    } else {
      return
    }
    this.#lastAt = Date.now()
    if (this.#active) this.#schedule()
  }

  #schedule(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    const now = Date.now()
    const decision = pollingPolicy({
      job: this.#job,
      input: inputs.get(this.#client)?.get(keyOf(this.#job)),
      now,
      watchStartedAt: this.#watchStartedAt,
      attempt: this.#attempt,
      failures: this.#failures,
      ...(this.#last === undefined ? {} : { last: this.#last }),
      options: { ...this.#options.polling, ...(this.#options.deadlineMs === undefined ? {} : { deadlineMs: this.#options.deadlineMs }) },
    })
    if (decision.action === 'stop') {
      this.#active = false
      if (decision.reason !== 'terminal' && decision.error !== undefined) {
        const state: WatchState = { stopped: decision.reason, error: decision.error }
        this.#client.setQueryData(watchStateOptions(this.#job).queryKey, state)
      }
      return
    }
    if (!onlineManager.isOnline()) {
      this.#waitingForOnline = true
      return
    }
    const slowdown = focusManager.isFocused() ? 1 : (this.#options.hiddenSlowdown ?? 4)
    // Delays count from the last answer, so a reschedule (tab shown again) does not restart the wait.
    const delay = Math.max(0, this.#lastAt + decision.delayMs * slowdown - now)
    this.#timer = setTimeout(() => this.#tick(), delay)
  }

  #tick(): void {
    this.#timer = undefined
    if (!this.#active) return
    if (!onlineManager.isOnline()) {
      this.#waitingForOnline = true
      return
    }
    // fetchQuery shares a request already in flight; its outcome arrives through the cache.
    this.#client.fetchQuery({ ...jobStatusOptions(this.#transport, this.#job), staleTime: 0 }).catch(() => undefined)
  }

  #onOnline(online: boolean): void {
    if (online && this.#waitingForOnline && this.#active) {
      this.#waitingForOnline = false
      this.#tick()
    }
  }

  #onFocusChange(): void {
    // Back in view: do not sit out a delay that was stretched for a hidden tab.
    if (this.#active && this.#timer !== undefined && focusManager.isFocused()) this.#schedule()
  }
}
