import type { HttpTransportOptions } from './video-transport'

// Per transport (its options object): whether its proxy's latest reply said it keeps a job ledger.
const seen = new WeakMap<HttpTransportOptions, boolean>()

/**
 * Remember what a reply says about the proxy behind `options`: `x-ltx-ledger: 1` means it keeps a
 * job ledger, so a submit with an idempotency key may be retried. A reply below 500 without it
 * (a proxy without a store) says it does not; a 5xx without it (a gateway's page) says nothing.
 */
export function noteLedger(options: HttpTransportOptions, status: number, headers: Headers): void {
  if (headers.get('x-ltx-ledger') === '1') seen.set(options, true)
  else if (status < 500) seen.set(options, false)
}

/** True once any reply of the proxy behind `options` said whether it keeps a job ledger. */
export function knowsLedger(options: HttpTransportOptions): boolean {
  return seen.has(options)
}

/** True once a reply of the proxy behind `options` said it keeps a job ledger (and none said otherwise since). */
export function hasLedger(options: HttpTransportOptions): boolean {
  return seen.get(options) === true
}
