import { expect } from 'vitest'
import { LtxError } from '../../src/models/ltx-error'

/** The LtxError a transport call rejects with; fails the test if it resolves or rejects with anything else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<LtxError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(LtxError)
  return error as LtxError
}
