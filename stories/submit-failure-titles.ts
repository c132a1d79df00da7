import type { LtxErrorKind } from '../src/index'

/**
 * The playground's heading over a refused submit, one per error kind: a new kind does not
 * compile until it says what the user is told (the message under it is the error's own).
 */
export const SUBMIT_FAILURE_TITLES = {
  validation: 'The job was not started: check the input',
  unauthorized: 'The job was not started: the server’s key was refused',
  forbidden: 'The job was not started: the provider refused the request',
  'not-found': 'The job was not started: the provider does not know this model',
  expired: 'The job was not started: the source has expired',
  'insufficient-credits': 'The job was not started: the account is out of credits',
  'bad-content-type': 'The job was not started: the request was malformed',
  'method-not-allowed': 'The job was not started: the request was malformed',
  'model-retired': 'The job was not started: this model is retired',
  'rate-limited': 'The job was not started: too many requests',
  'generation-failed': 'The job was not started: the provider could not take it',
  upstream: 'The job was not started: the provider had a problem',
  network: 'The job was not started: the provider could not be reached',
  timeout: 'The job was not started: the provider did not answer in time',
  aborted: 'The job was not started: the request was cancelled',
  'malformed-response': 'The job was not started: the provider’s reply could not be read',
} as const satisfies Record<LtxErrorKind, string>
