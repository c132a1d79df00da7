import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jobPhases, type JobRef, type JobSnapshot } from '../../src/core/job'
import { LtxError } from '../../src/models/ltx-error'
import { exampleInputs } from '../../src/testing/example-inputs'
import { createApixoTransport } from '../../src/transport/create-apixo-transport'
import { createSegmindTransport } from '../../src/transport/create-segmind-transport'
import type { VideoTransport } from '../../src/transport/video-transport'

// A reply as the network edge could produce it: any status, any body, any reset header, or a dropped connection.
interface Reply {
  readonly status: number
  readonly body: string
  readonly resetHeader?: string
  readonly drop: boolean
}

const NULL_BODY_STATUSES = new Set([204, 205, 304])

const urlish = fc.oneof(
  fc.constant('https://cdn.example.com/v.mp4'),
  fc.constant('javascript:alert(1)'),
  fc.webUrl(),
  fc.string(),
)

const segmindBody = fc.oneof(
  fc.record({ request_id: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
  fc.record(
    {
      status: fc.oneof(fc.constantFrom('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'completed', ''), fc.string()),
      error: fc.oneof(fc.string(), fc.json()),
      output: fc.oneof(urlish, fc.array(urlish), fc.anything()),
      metrics: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.string())), fc.anything()),
    },
    { requiredKeys: [] },
  ),
)

const apixoBody = fc.record(
  {
    code: fc.oneof(fc.constantFrom(200, 400, 401, 404, 429, 500, '200'), fc.integer()),
    message: fc.oneof(fc.string(), fc.constant(null)),
    data: fc.oneof(
      fc.record(
        {
          taskId: fc.oneof(fc.string(), fc.integer()),
          state: fc.oneof(fc.constantFrom('pending', 'processing', 'success', 'failed', 'SUCCESS'), fc.string()),
          resultJson: fc.oneof(
            fc.array(urlish).map((resultUrls) => JSON.stringify({ resultUrls })),
            fc.string(),
            fc.constant(null),
          ),
          failCode: fc.oneof(fc.constantFrom('CONTENT_VIOLATION', 'INVALID_IMAGE_URL', 'INVALID_LORA_URL'), fc.string(), fc.constant(null)),
          failMsg: fc.oneof(fc.string(), fc.constant(null)),
          createTime: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
          completeTime: fc.oneof(fc.integer(), fc.constant(null)),
          costTime: fc.oneof(fc.integer(), fc.constant(null)),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
)

function bodies(shaped: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    shaped.map((value) => JSON.stringify(value) ?? ''),
    // Truncated JSON, as a dropped proxy connection leaves it.
    fc.tuple(shaped, fc.nat()).map(([value, cut]) => {
      const text = JSON.stringify(value) ?? ''
      return text.slice(0, cut % (text.length + 1))
    }),
    fc.json(),
    fc.string(),
    fc.constant('<!DOCTYPE html><html><body>405 Not Allowed</body></html>'),
  )
}

function replies(shaped: fc.Arbitrary<unknown>): fc.Arbitrary<Reply> {
  return fc.record(
    {
      status: fc.oneof(
        fc.constantFrom(200, 400, 401, 403, 404, 405, 406, 410, 422, 429, 500, 502, 504),
        fc.integer({ min: 200, max: 599 }),
      ),
      body: bodies(shaped),
      resetHeader: fc.oneof(fc.constant('2030-01-01T00:00:30Z'), fc.string(), fc.nat().map(String)),
      drop: fc.boolean(),
    },
    { requiredKeys: ['status', 'body', 'drop'] },
  )
}

/** A fetch that answers from a script of replies, in order; the last one repeats. */
function scriptedFetch(script: readonly Reply[]): typeof fetch {
  let i = 0
  return async () => {
    const reply = script[Math.min(i++, script.length - 1)]
    if (reply === undefined || reply.drop) throw new TypeError('fetch failed')
    const headers = new Headers(reply.resetHeader === undefined ? {} : { 'x-rate-limit-reset-at-utc': reply.resetHeader })
    try {
      headers.set('retry-after', reply.resetHeader ?? '')
    } catch {
      // Not every random string is a legal header value; the reset header alone is enough then.
    }
    return new Response(NULL_BODY_STATUSES.has(reply.status) ? null : reply.body, { status: reply.status, headers })
  }
}

function expectSnapshotOf(value: JobSnapshot, job: JobRef): void {
  expect(jobPhases).toContain(value.phase)
  expect(value.job).toEqual(job)
  expect(typeof value.providerStatus).toBe('string')
  expect(typeof value.checkedAt).toBe('number')
  if (value.phase === 'succeeded') {
    expect(value.output?.urls.length).toBeGreaterThan(0)
    expect(value.output?.videoUrl).toBe(value.output?.urls[0])
    expect(value.output?.videoUrl).toMatch(/^https?:\/\//)
  } else {
    expect(value.output).toBeUndefined()
  }
  if (value.phase === 'failed' || value.phase === 'expired') expect(value.error).toBeInstanceOf(LtxError)
  else expect(value.error).toBeUndefined()
}

async function outcome(promise: Promise<unknown>): Promise<{ value: unknown } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )
}

const cases: readonly [string, (fetch: typeof globalThis.fetch) => VideoTransport, JobRef, fc.Arbitrary<unknown>][] = [
  [
    'Segmind',
    (fetch) => createSegmindTransport({ baseUrl: 'https://proxy.test/segmind', fetch }),
    { id: 'req_1', model: 'ltx-2-fast', provider: 'segmind', submittedAt: 1 },
    segmindBody,
  ],
  [
    'APIXO',
    (fetch) => createApixoTransport({ baseUrl: 'https://proxy.test/apixo', fetch }),
    { id: 'task_1', model: 'ltx-2-19b', provider: 'apixo', submittedAt: 1 },
    apixoBody,
  ],
]

describe.each(cases)('%s transport under random replies', (_name, create, job, shaped) => {
  it('resolves every status call to a well-formed JobSnapshot or rejects with an LtxError', async () => {
    const reached = new Set<string>()
    await fc.assert(
      fc.asyncProperty(fc.array(replies(shaped), { minLength: 1, maxLength: 3 }), async (script) => {
        const result = await outcome(create(scriptedFetch(script)).status(job))
        if ('error' in result) {
          expect(result.error).toBeInstanceOf(LtxError)
          reached.add(`error:${(result.error as LtxError).kind}`)
        } else {
          expectSnapshotOf(result.value as JobSnapshot, job)
          reached.add(`snapshot:${(result.value as JobSnapshot).phase}`)
        }
      }),
      { numRuns: 400 },
    )
    // The random replies must reach both sides, or the property would hold vacuously.
    expect([...reached].some((r) => r.startsWith('snapshot:'))).toBe(true)
    expect([...reached].filter((r) => r.startsWith('error:')).length).toBeGreaterThan(3)
  })

  it('resolves every submit to a JobRef or rejects with an LtxError, after exactly one request', async () => {
    await fc.assert(
      fc.asyncProperty(replies(shaped), async (reply) => {
        let calls = 0
        const fetch = scriptedFetch([reply])
        const transport = create(async (url, init) => {
          calls++
          return fetch(url, init)
        })
        const result =
          job.provider === 'segmind'
            ? await outcome(transport.submit('ltx-2-fast', exampleInputs['ltx-2-fast']))
            : await outcome(transport.submit('ltx-2-19b', exampleInputs['ltx-2-19b']))
        expect(calls).toBe(1)
        if ('error' in result) {
          expect(result.error).toBeInstanceOf(LtxError)
          // Only an explicit refusal may invite the same submit again: anything else may have been billed.
          if ((result.error as LtxError).retryable) expect((result.error as LtxError).kind).toBe('rate-limited')
        } else {
          const ref = result.value as JobRef
          expect(ref.id.length).toBeGreaterThan(0)
          expect(ref.provider).toBe(job.provider)
        }
      }),
      { numRuns: 300 },
    )
  })
})
