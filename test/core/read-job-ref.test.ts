// readJobRef (plain checks, on the runtime path) and jobRefSchema (zod, for apps) are two
// readings of one fact: they must accept and refuse the same references (issue 17).
import { describe, expect, it } from 'vitest'
import { readJobRef, type JobRef } from '../../src/core/job'
import { jobRefSchema } from '../../src/core/job-ref-schema'

const ref: JobRef = { id: 'req_1', model: 'ltx-2-fast', provider: 'segmind', submittedAt: 1_700_000_000_000 }
const parent = { videoUrl: 'https://cdn.example/a.mp4', start: 0, duration: 2 }
const parentJob = { id: 'req_0', provider: 'segmind', model: 'ltx-2-fast' }

const samples: readonly (readonly [string, unknown])[] = [
  ['a plain reference', ref],
  ['an APIXO reference', { ...ref, model: 'ltx-2-19b', provider: 'apixo' }],
  ['submittedAt 0', { ...ref, submittedAt: 0 }],
  ['a retake with its parent', { ...ref, model: 'ltx-retake-video', parent }],
  ['a retake with the parent’s job', { ...ref, parent: { ...parent, job: parentJob } }],
  ['parent undefined', { ...ref, parent: undefined }],
  ['parent job undefined', { ...ref, parent: { ...parent, job: undefined } }],
  ['an empty id', { ...ref, id: '' }],
  ['a blank id', { ...ref, id: ' ' }],
  ['a numeric id', { ...ref, id: 5 }],
  ['an unknown model', { ...ref, model: 'sora' }],
  ['an unknown provider', { ...ref, provider: 'fal' }],
  ['a negative submittedAt', { ...ref, submittedAt: -1 }],
  ['an infinite submittedAt', { ...ref, submittedAt: Infinity }],
  ['a NaN submittedAt', { ...ref, submittedAt: Number.NaN }],
  ['submittedAt as text', { ...ref, submittedAt: '1700000000000' }],
  ['no submittedAt', { id: 'req_1', model: 'ltx-2-fast', provider: 'segmind' }],
  ['an extra key', { ...ref, extra: 1 }],
  ['null parent', { ...ref, parent: null }],
  ['a parent with an extra key', { ...ref, parent: { ...parent, note: 'x' } }],
  ['a parent of zero duration', { ...ref, parent: { ...parent, duration: 0 } }],
  ['a parent starting before 0', { ...ref, parent: { ...parent, start: -0.5 } }],
  ['a parent without a URL', { ...ref, parent: { ...parent, videoUrl: '' } }],
  ['a parent job with an extra key', { ...ref, parent: { ...parent, job: { ...parentJob, submittedAt: 1 } } }],
  ['a parent job of an unknown model', { ...ref, parent: { ...parent, job: { ...parentJob, model: 'x' } } }],
  ['a parent job without an id', { ...ref, parent: { ...parent, job: { ...parentJob, id: '' } } }],
  ['a parent job that is null', { ...ref, parent: { ...parent, job: null } }],
  ['an array', [ref]],
  ['null', null],
  ['text', 'req_1'],
  ['undefined', undefined],
]

describe('readJobRef', () => {
  it.each(samples)('agrees with jobRefSchema on %s', (_, value) => {
    const parsed = jobRefSchema.safeParse(value)
    expect(readJobRef(value)).toEqual(parsed.success ? parsed.data : undefined)
  })

  it.each(samples)('agrees with jobRefSchema.loose() on %s, keeping extra keys', (_, value) => {
    const parsed = jobRefSchema.loose().safeParse(value)
    expect(readJobRef(value, 'keep')).toEqual(parsed.success ? parsed.data : undefined)
  })

  it('returns a copy, so a caller changing its object changes no snapshot', () => {
    const value = { ...ref, parent: { ...parent, job: { ...parentJob } } }
    const read = readJobRef(value)
    expect(read).toEqual(value)
    expect(read).not.toBe(value)
    expect(read?.parent).not.toBe(value.parent)
    expect(read?.parent?.job).not.toBe(value.parent.job)
  })

  it('keeps the unknown keys of a newer release only when asked to', () => {
    expect(readJobRef({ ...ref, label: 'mine' }, 'keep')).toEqual({ ...ref, label: 'mine' })
    expect(readJobRef({ ...ref, label: 'mine' })).toBeUndefined()
  })
})
