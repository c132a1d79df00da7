import type { Provider } from '../../models/provider'

/**
 * What an upstream status reply says of a job: `progress` (a state to show), `final` (it ended:
 * succeeded, failed or expired, so polling stops), or `transient` (a busy or failing provider:
 * not a state of the job, so nothing is published and the loop tries again).
 */
export type PollVerdict = 'progress' | 'final' | 'transient'

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : undefined)

function httpVerdict(status: number): PollVerdict | undefined {
  // The job is gone (expired) or failed: Segmind answers 404 / 422, both end it.
  if (status === 404 || status === 410 || status === 422) return 'final'
  if (status < 200 || status >= 300) return 'transient'
  return undefined
}

const verdicts = {
  segmind(status, body) {
    const http = httpVerdict(status)
    if (http !== undefined) return http
    const state = upper(parse(body)?.status)
    if (state === 'COMPLETED' || state === 'FAILED') return 'final'
    return state === 'QUEUED' || state === 'PROCESSING' ? 'progress' : 'transient'
  },
  apixo(status, body) {
    const http = httpVerdict(status)
    if (http !== undefined) return http
    const envelope = parse(body)
    const code = Number(envelope?.code)
    if (code === 404) return 'final'
    if (code !== 200) return 'transient'
    const data = envelope?.data
    const state = upper(typeof data === 'object' && data !== null ? (data as Record<string, unknown>).state : undefined)
    if (state === 'SUCCESS' || state === 'FAILED') return 'final'
    return state === 'PENDING' || state === 'PROCESSING' ? 'progress' : 'transient'
  },
} satisfies Record<Provider, (status: number, body: string) => PollVerdict>

/** The verdict on one upstream status reply of `provider`. */
export function pollVerdict(provider: Provider, status: number, body: string): PollVerdict {
  return verdicts[provider](status, body)
}
