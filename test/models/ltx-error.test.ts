import { describe, expect, it } from 'vitest'
import { LtxError } from '../../src/models/ltx-error'

describe('LtxError as JSON (logs, postMessage)', () => {
  it('holds the documented fields in a fixed order, never the provider’s body or an engine’s extras', () => {
    const error = new LtxError('rate-limited', 'Too many requests to Segmind. Try again later.', {
      status: 429,
      requestId: 'req-1',
      detail: { secret: 'the whole upstream body' },
      resetAt: new Date('2026-11-22T10:00:00Z'),
    })
    // Some engines put their own enumerable fields on errors (Safari: line, column, sourceURL).
    Object.assign(error, { line: 3, sourceURL: 'https://app.example/x.js' })
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>
    expect(Object.keys(json)).toEqual(['name', 'kind', 'message', 'status', 'requestId', 'retryable', 'issues', 'resetAt', 'jobMayExist'])
    expect(json).toEqual({
      name: 'LtxError',
      kind: 'rate-limited',
      message: 'Too many requests to Segmind. Try again later.',
      status: 429,
      requestId: 'req-1',
      retryable: true,
      issues: [],
      resetAt: '2026-11-22T10:00:00.000Z',
      jobMayExist: false,
    })
  })
})
