import { useEffect, useState } from 'react'
import { isTerminalPhase, type JobRef, type JobSnapshot } from '../../src/core/job'
import type { VideoTransport } from '../../src/transport/video-transport'
import type { PhaseBoard } from './harness'

/** The naive poller's interval: every component asks every 2 s. */
export const NAIVE_INTERVAL_MS = 2000

/**
 * The naive poller an app might write: each component polls every 2 s with setInterval, and
 * (generously) stops once it sees a terminal phase. Errors are ignored; the interval goes on.
 * `immediate` asks once on mount too (the scale benchmark's heap page, whose interval is long).
 */
export function NaiveWatcher({
  transport,
  job,
  board,
  index,
  intervalMs = NAIVE_INTERVAL_MS,
  immediate = false,
}: {
  transport: VideoTransport
  job: JobRef
  board: PhaseBoard
  index: number
  intervalMs?: number
  immediate?: boolean
}) {
  const [snapshot, setSnapshot] = useState<JobSnapshot>()
  useEffect(() => {
    let stopped = false
    const check = () => {
      transport.status(job).then(
        (next) => {
          if (stopped) return
          setSnapshot(next)
          if (isTerminalPhase(next.phase)) {
            stopped = true
            clearInterval(id)
          }
        },
        () => undefined,
      )
    }
    const id = setInterval(check, intervalMs)
    if (immediate) check()
    return () => {
      stopped = true
      clearInterval(id)
    }
  }, [transport, job, intervalMs, immediate])
  board.phases[index] = snapshot?.phase ?? null
  return <p>{snapshot?.phase ?? 'checking'}</p>
}

