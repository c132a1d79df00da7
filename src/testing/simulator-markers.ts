import type { SimFault, SimOutcome } from './simulator-types'

/** What the `[sim:…]` markers in a prompt ask for. */
export interface SimMarkers {
  outcome: SimOutcome | undefined
  /** A fault for the submit itself. */
  submitFault: SimFault | undefined
  /** Faults for the job's status and result requests, in order. */
  statusFaults: SimFault[]
}

const OUTCOMES: Readonly<Record<string, SimOutcome>> = {
  success: 'success',
  'content-violation': 'content-violation',
  'generation-failed': 'generation-failed',
  'invalid-image-url': 'invalid-image-url',
  'invalid-lora-url': 'invalid-lora-url',
}

// Status codes are accepted as aliases so a story can write [sim:406] as well as [sim:insufficient-credits].
const FAULTS: Readonly<Record<string, SimFault>> = {
  unauthorized: 'unauthorized',
  '401': 'unauthorized',
  forbidden: 'forbidden',
  '403': 'forbidden',
  'method-not-allowed': 'method-not-allowed',
  '405': 'method-not-allowed',
  'insufficient-credits': 'insufficient-credits',
  '406': 'insufficient-credits',
  'model-retired': 'model-retired',
  '410': 'model-retired',
  'rate-limited': 'rate-limited',
  '429': 'rate-limited',
  'server-error': 'server-error',
  '500': 'server-error',
  'bad-gateway': 'bad-gateway',
  '502': 'bad-gateway',
  'gateway-timeout': 'gateway-timeout',
  '504': 'gateway-timeout',
  slow: 'slow',
  malformed: 'malformed',
}

// [sim:NAME], [sim:NAME@status], [sim:NAME@status*3]; a status fault repeats up to 20 times.
const MARKER = /\[sim:([a-z0-9-]+)(?:@(submit|status))?(?:\*(\d{1,2}))?\]/gi

/**
 * Read the simulator markers in a prompt: an outcome (`[sim:content-violation]`), a fault for
 * the submit (`[sim:500]`) or for the next status polls (`[sim:malformed@status*2]`).
 * Unknown names are ignored, so a prompt never fails because of a typo in a marker.
 */
export function parseSimMarkers(prompt: unknown): SimMarkers {
  const markers: SimMarkers = { outcome: undefined, submitFault: undefined, statusFaults: [] }
  if (typeof prompt !== 'string') return markers
  for (const match of prompt.matchAll(MARKER)) {
    const name = (match[1] ?? '').toLowerCase()
    const outcome = OUTCOMES[name]
    if (outcome !== undefined) {
      markers.outcome = outcome
      continue
    }
    const fault = FAULTS[name]
    if (fault === undefined) continue
    if ((match[2] ?? 'submit').toLowerCase() === 'status') {
      const times = Math.min(Number(match[3] ?? '1'), 20)
      for (let i = 0; i < times; i++) markers.statusFaults.push(fault)
    } else {
      markers.submitFault = fault
    }
  }
  return markers
}
