import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JobPhase, JobRef, JobSnapshot } from '../../src/core/job'
import { LtxError } from '../../src/models/ltx-error'
import { pollingPolicy, type PollDecision, type PollingPolicyInput } from '../../src/core/polling-policy'

const T0 = 1_700_000_000_000
const SEC = 1000
const MIN = 60 * SEC

const segmind: JobRef = { id: 'req_1', model: 'ltx-2-fast', provider: 'segmind', submittedAt: T0 }
const apixo: JobRef = { id: 'task_1', model: 'ltx-2-19b', provider: 'apixo', submittedAt: T0 }
const half = { random: () => 0.5 }

function seen(job: JobRef, phase: JobPhase): { snapshot: JobSnapshot } {
  return { snapshot: { job, phase, providerStatus: phase, checkedAt: T0 } }
}
const serverError = { error: new LtxError('upstream', 'Segmind had a server error', { status: 502, retryable: true }) }
const unauthorized = { error: new LtxError('unauthorized', 'Sign in again', { status: 401 }) }
const rateLimited = (resetAt: number) => ({
  error: new LtxError('rate-limited', 'Too many requests', { status: 429, resetAt: new Date(resetAt) }),
})
const apixoInput = (resolution: '480p' | '720p' | '1080p', mode = 'text-to-video') => ({
  mode,
  prompt: 'A fox in the snow',
  resolution,
  ...(mode.endsWith('LoRA') ? { loras: [{ path: 'https://huggingface.co/x/lora.safetensors?download=true' }] } : {}),
})

const poll = (delayMs: number): PollDecision => ({ action: 'poll', delayMs })

const table: [string, PollingPolicyInput, PollDecision][] = [
  ['Segmind: first check 2 s after the submit', { job: segmind, now: T0, attempt: 0 }, poll(2 * SEC)],
  ['Segmind: every 2 s while running', { job: segmind, now: T0 + 30 * SEC, attempt: 7, last: seen(segmind, 'running') }, poll(2 * SEC)],
  ['Segmind: every 2 s while queued', { job: segmind, now: T0 + 4 * SEC, attempt: 2, last: seen(segmind, 'queued') }, poll(2 * SEC)],
  ['APIXO 480p: first check at the documented 40 s minimum', { job: apixo, input: apixoInput('480p'), now: T0, attempt: 0 }, poll(40 * SEC)],
  ['APIXO 720p: first check at 60 s', { job: apixo, input: apixoInput('720p'), now: T0, attempt: 0 }, poll(60 * SEC)],
  ['APIXO 1080p: first check at 90 s', { job: apixo, input: apixoInput('1080p'), now: T0, attempt: 0 }, poll(90 * SEC)],
  ['APIXO 720p LoRA: loading adds 10 s to the minimum', { job: apixo, input: apixoInput('720p', 'text-to-video-LoRA'), now: T0, attempt: 0 }, poll(70 * SEC)],
  ['APIXO 480p image LoRA: 50 s', { job: apixo, input: apixoInput('480p', 'image-to-video-LoRA'), now: T0, attempt: 0 }, poll(50 * SEC)],
  ['APIXO 1080p: the wait already spent since the submit counts', { job: apixo, input: apixoInput('1080p'), now: T0 + 20 * SEC, attempt: 0 }, poll(70 * SEC)],
  ['APIXO with an input it cannot read: the advised 60 s', { job: apixo, input: { nonsense: true }, now: T0, attempt: 0 }, poll(60 * SEC)],
  ['APIXO resumed 10 s after the submit, input unknown: at the advised 60 s', { job: apixo, now: T0 + 10 * SEC, watchStartedAt: T0 + 10 * SEC, attempt: 0 }, poll(50 * SEC)],
  ['APIXO with a custom first-check share', { job: apixo, input: apixoInput('720p'), now: T0, attempt: 0, options: { apixoFirstCheckShare: 0.5 } }, poll(30 * SEC)],
  ['APIXO: every 5 s after the first check', { job: apixo, now: T0 + 65 * SEC, attempt: 1, last: seen(apixo, 'running') }, poll(5 * SEC)],
  ['APIXO: after a look out of turn (a resumed job), the next still waits for the first check', { job: apixo, now: T0 + 10 * SEC, attempt: 1, last: seen(apixo, 'queued') }, poll(50 * SEC)],
  ['APIXO 480p: after a look out of turn at 20 s, the next at 40 s', { job: apixo, input: apixoInput('480p'), now: T0 + 20 * SEC, attempt: 1, last: seen(apixo, 'running') }, poll(20 * SEC)],
  ['a job resumed long after its submit is checked at once', { job: apixo, now: T0 + 2 * 60 * MIN, watchStartedAt: T0 + 2 * 60 * MIN, attempt: 0 }, poll(0)],
  ['succeeded stops', { job: segmind, now: T0 + MIN, attempt: 9, last: seen(segmind, 'succeeded') }, { action: 'stop', reason: 'terminal' }],
  ['failed stops', { job: apixo, now: T0 + MIN, attempt: 3, last: seen(apixo, 'failed') }, { action: 'stop', reason: 'terminal' }],
  ['expired stops', { job: segmind, now: T0 + MIN, attempt: 1, last: seen(segmind, 'expired') }, { action: 'stop', reason: 'terminal' }],
  ['Segmind: the 1st failed call waits 1–2 s (here 1.5 s)', { job: segmind, now: T0 + 10 * SEC, attempt: 3, failures: 1, last: serverError, options: half }, poll(1.5 * SEC)],
  ['Segmind: the 3rd failed call in a row waits 4–8 s (here 6 s)', { job: segmind, now: T0 + 20 * SEC, attempt: 5, failures: 3, last: serverError, options: half }, poll(6 * SEC)],
  ['APIXO: the 2nd failed call in a row waits 5–10 s (here 7.5 s)', { job: apixo, now: T0 + MIN, attempt: 4, failures: 2, last: serverError, options: half }, poll(7.5 * SEC)],
  ['the 4th failed call in a row still backs off (8–16 s, here 12 s)', { job: segmind, now: T0 + 30 * SEC, attempt: 6, failures: 4, last: serverError, options: half }, poll(12 * SEC)],
  ['the backoff never exceeds 30 s (lowest jitter)', { job: segmind, now: T0 + MIN, attempt: 20, failures: 12, last: serverError, options: { random: () => 0, maxFailures: Infinity } }, poll(15 * SEC)],
  ['the backoff never exceeds 30 s (highest jitter)', { job: segmind, now: T0 + MIN, attempt: 20, failures: 12, last: serverError, options: { random: () => 0.999_999, maxFailures: Infinity } }, poll(30 * SEC)],
  ['rate limits never pause a watch, however many in a row', { job: segmind, now: T0 + MIN, attempt: 9, failures: 9, last: rateLimited(T0 + MIN + 20 * SEC) }, poll(20 * SEC)],
  ['a rate limit waits until its reset time, even beyond 30 s', { job: segmind, now: T0 + MIN, attempt: 4, last: rateLimited(T0 + MIN + 45 * SEC) }, poll(45 * SEC)],
  ['a rate limit whose reset already passed backs off instead', { job: segmind, now: T0 + MIN, attempt: 4, failures: 1, last: rateLimited(T0), options: half }, poll(1.5 * SEC)],
  ['an error that repeating cannot fix stops with it', { job: segmind, now: T0 + MIN, attempt: 2, last: unauthorized }, { action: 'stop', reason: 'error', error: unauthorized.error }],
  ['one last check exactly at the deadline instead of overshooting it', { job: segmind, now: T0 + 15 * MIN - SEC, attempt: 400, last: seen(segmind, 'running') }, poll(SEC)],
  ['a rate limit reset past the deadline is cut at the deadline', { job: segmind, now: T0 + 14 * MIN, attempt: 300, last: rateLimited(T0 + 20 * MIN) }, poll(MIN)],
  ['a shorter deadline from the options', { job: apixo, now: T0 + 57 * SEC, attempt: 2, last: seen(apixo, 'running'), options: { deadlineMs: MIN } }, poll(3 * SEC)],
  ['a shorter deadline cuts the wait for APIXO’s first check', { job: apixo, now: T0 + 10 * SEC, attempt: 1, last: seen(apixo, 'running'), options: { deadlineMs: 30 * SEC } }, poll(20 * SEC)],
  ['custom intervals from the options', { job: segmind, now: T0 + 10 * SEC, attempt: 2, last: seen(segmind, 'queued'), options: { segmindIntervalMs: 500 } }, poll(500)],
]

describe('pollingPolicy', () => {
  it.each(table)('%s', (_name, input, expected) => {
    expect(pollingPolicy(input)).toEqual(expected)
  })

  it('ends the watch at the deadline with a timeout error that keeps the JobRef, never a failed job', () => {
    const decision = pollingPolicy({ job: apixo, now: T0 + 15 * MIN, attempt: 120, last: seen(apixo, 'running') })

    expect(decision).toMatchObject({ action: 'stop', reason: 'deadline' })
    if (decision.action !== 'stop') return
    expect(decision.error).toBeInstanceOf(LtxError)
    expect(decision.error).toMatchObject({ kind: 'timeout', requestId: 'task_1', retryable: true, detail: { job: apixo } })
    expect(decision.error?.message).toMatch(/15 minutes.*check again later/)
  })

  it('ends the watch at the deadline after a run of errors too', () => {
    const decision = pollingPolicy({ job: segmind, now: T0 + 16 * MIN, attempt: 50, failures: 6, last: serverError })

    expect(decision).toMatchObject({ action: 'stop', reason: 'deadline', error: { kind: 'timeout' } })
  })

  it('measures the deadline from the start of this watch, so a resumed job gets a fresh one', () => {
    const resumedAt = T0 + 3 * 60 * MIN
    const decision = pollingPolicy({
      job: segmind,
      now: resumedAt + 5 * MIN,
      watchStartedAt: resumedAt,
      attempt: 100,
      last: seen(segmind, 'running'),
    })

    expect(decision).toEqual(poll(2 * SEC))
  })

  it('pauses after 5 failed calls in a row with a retryable error saying the job may still run', () => {
    const unreadable = { error: new LtxError('malformed-response', 'Segmind sent an unreadable reply: not the documented status. Watching tries again.', { retryable: true }) }
    const decision = pollingPolicy({ job: segmind, now: T0 + MIN, attempt: 12, failures: 5, last: unreadable })

    expect(decision).toMatchObject({ action: 'stop', reason: 'paused' })
    if (decision.action !== 'stop') return
    expect(decision.error).toMatchObject({ kind: 'malformed-response', requestId: 'req_1', retryable: true, cause: unreadable.error })
    expect(decision.error?.message).toBe(
      '5 status checks in a row failed (last: Segmind sent an unreadable reply: not the documented status), so watching paused. The job may still be running: keep watching to check again.',
    )
    expect(pollingPolicy({ job: segmind, now: T0 + MIN, attempt: 12, failures: 2, last: unreadable, options: { maxFailures: 2 } })).toMatchObject({
      action: 'stop',
      reason: 'paused',
    })
  })

  it('keeps every backoff between half its step and 30 s, whatever the random source says', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, r) => {
        const decision = pollingPolicy({
          job: segmind,
          now: T0 + MIN,
          attempt: failures,
          failures,
          last: serverError,
          options: { random: () => r, maxFailures: Infinity },
        })
        const step = Math.min(30 * SEC, 2 * SEC * 2 ** (failures - 1))
        expect(decision.action).toBe('poll')
        if (decision.action !== 'poll') return
        expect(decision.delayMs).toBeGreaterThanOrEqual(step / 2)
        expect(decision.delayMs).toBeLessThanOrEqual(30 * SEC)
      }),
    )
  })
})
