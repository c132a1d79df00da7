import type { Provider } from '../../models/provider'
import { parseJobEvent, publishJobEvent, type JobEvent } from './job-event'
import { awaitsCallback, readJobRecord, type JobRecord } from './job-record'
import { leaseKey, snapshotKey } from './ledger-keys'
import { createLease, type Lease } from './lease'
import type { LedgerStore } from './ledger-store'
import { pollVerdict } from './poll-final-status'

/** A job some SSE client watches. */
export interface WatchedJob {
  readonly provider: Provider
  readonly model: string
  readonly upstreamId: string
}

/** One upstream status read: its status and raw body, or undefined when there was none (timeout, busy, unreachable). */
export type PollUpstream = (job: WatchedJob) => Promise<{ readonly status: number; readonly body: string } | undefined>

export interface PollLoopOptions {
  readonly store: LedgerStore
  /** This instance, as written in the lease. */
  readonly instanceId: string
  readonly intervalMs: Readonly<Record<Provider, number>>
  /** How long a loop goes on with no watcher left before it stops. */
  readonly idleMs: number
  readonly poll: PollUpstream
}

/** The poll loops of one instance, one per watched job. */
export interface PollLoops {
  /** Counts a watcher of `job`, starting its loop if none runs here; the returned function uncounts it. */
  watch(job: WatchedJob): () => void
  /** Loops running in this instance. */
  readonly size: number
  /** Stops every loop (releasing its lease). */
  close(): Promise<void>
}

interface Loop {
  readonly job: WatchedJob
  readonly lease: Lease
  watchers: number
  idleSince: number
  timer: ReturnType<typeof setTimeout> | undefined
  stopped: boolean
}

// Providers that may end a job by a callback to the proxy (their job records can say one is due).
const MAY_CALL_BACK = { apixo: true, segmind: false } as const satisfies Record<Provider, boolean>

const jobKey = (job: WatchedJob) => `${job.provider}:${job.upstreamId}`

/**
 * One server-side poll loop per job, across all its watchers and instances: every instance with a
 * watcher runs a loop, but only the lease holder reads upstream (at the provider's interval),
 * stores the snapshot and publishes what changed; the others only try to take the lease, so when
 * the holder dies one of them goes on within the lease's TTL. A loop ends at a final state (or one
 * another writer stored, such as an APIXO callback) or after `idleMs` without watchers here.
 * A job whose APIXO callback is still due (its record has a token and a deadline not yet passed)
 * is not read upstream: the callback's event brings the end and stops the loop. Past the deadline
 * the loop reads upstream as for any job, so a lost callback never loses a job.
 */
export function createPollLoops(options: PollLoopOptions): PollLoops {
  const { store } = options
  const loops = new Map<string, Loop>()

  function stop(loop: Loop): void {
    loop.stopped = true
    if (loop.timer !== undefined) clearTimeout(loop.timer)
    loop.timer = undefined
    if (loops.get(jobKey(loop.job)) === loop) loops.delete(jobKey(loop.job))
    void loop.lease.release().catch(() => undefined)
  }

  function schedule(loop: Loop): void {
    if (loop.stopped) return
    loop.timer = setTimeout(() => void tick(loop), options.intervalMs[loop.job.provider])
    loop.timer.unref?.()
  }

  async function publishChange(job: WatchedJob, last: JobEvent | undefined, status: number, body: string, final: boolean): Promise<void> {
    if (last !== undefined && last.upstreamStatus === status && last.body === body && last.final === final) return
    const event: JobEvent = {
      provider: job.provider,
      model: job.model,
      upstreamId: job.upstreamId,
      upstreamStatus: status,
      body,
      final,
      // Later than the last one even across instances with skewed clocks: resume compares them.
      at: Math.max(Date.now(), (last?.at ?? 0) + 1),
      seq: (last?.seq ?? 0) + 1,
    }
    await publishJobEvent(store, event)
  }

  /**
   * What the job's record says of asking upstream now: a callback is still due ('due'), one
   * already brought the end ('ended', with it), or nothing stands in the way ('poll').
   */
  async function callbackState(job: WatchedJob): Promise<{ kind: 'due' | 'poll' } | { kind: 'ended'; final: NonNullable<JobRecord['final']> }> {
    if (!MAY_CALL_BACK[job.provider]) return { kind: 'poll' }
    const found = await readJobRecord(store, job.provider, job.upstreamId)
    if (found === undefined) return { kind: 'poll' }
    if (found.record.final !== undefined) return { kind: 'ended', final: found.record.final }
    return { kind: awaitsCallback(found.record, Date.now()) ? 'due' : 'poll' }
  }

  async function tick(loop: Loop): Promise<void> {
    loop.timer = undefined
    if (loop.stopped) return
    try {
      if (loop.watchers === 0 && Date.now() - loop.idleSince >= options.idleMs) return stop(loop)
      const { job } = loop
      const last = parseJobEvent(await store.get(snapshotKey(job.provider, job.upstreamId)))
      if (last?.final === true) return stop(loop)
      // Only the lease holder reads the record: the one instance that would ask upstream.
      const state = (await loop.lease.hold()) ? await callbackState(job) : undefined
      if (state?.kind === 'ended') {
        // A callback brought the end: the instance that received it stores the record, then
        // publishes. Never read upstream for it (a callback landing between this tick's snapshot
        // read and its record read would have cost one); publish it here only when it is still
        // unpublished one interval later (that instance died in between).
        if (Date.now() - state.final.at >= options.intervalMs[job.provider]) {
          await publishChange(job, last, state.final.upstreamStatus, state.final.body, true)
          return stop(loop)
        }
      } else if (state?.kind === 'poll') {
        const reply = await options.poll(job)
        if (loop.stopped) return
        const verdict = reply === undefined ? 'transient' : pollVerdict(job.provider, reply.status, reply.body)
        if (reply !== undefined && verdict !== 'transient') {
          // Re-read: a callback may have stored the end while the read was in flight.
          const latest = parseJobEvent(await store.get(snapshotKey(job.provider, job.upstreamId)))
          if (latest?.final === true) return stop(loop)
          await publishChange(job, latest, reply.status, reply.body, verdict === 'final')
          if (verdict === 'final') return stop(loop)
        }
      }
    } catch {
      // A store or upstream failure: the next tick tries again.
    }
    schedule(loop)
  }

  return {
    watch(job) {
      const key = jobKey(job)
      let loop = loops.get(key)
      if (loop === undefined) {
        const ttl = 3 * options.intervalMs[job.provider]
        loop = { job, lease: createLease(store, leaseKey(job.provider, job.upstreamId), options.instanceId, ttl), watchers: 0, idleSince: 0, timer: undefined, stopped: false }
        loops.set(key, loop)
        const started = loop
        queueMicrotask(() => void tick(started))
      }
      const watched = loop
      watched.watchers++
      let counted = true
      return () => {
        if (!counted) return
        counted = false
        watched.watchers--
        if (watched.watchers === 0) watched.idleSince = Date.now()
      }
    },
    get size() {
      return loops.size
    },
    async close() {
      const all = [...loops.values()]
      for (const loop of all) {
        loop.stopped = true
        if (loop.timer !== undefined) clearTimeout(loop.timer)
      }
      loops.clear()
      await Promise.all(all.map((loop) => loop.lease.release().catch(() => undefined)))
    },
  }
}
