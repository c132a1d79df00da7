// @vitest-environment jsdom
import { renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { createJobStore, LtxProvider, useJobHistory, useVideoJob, type JobRef } from '../../src/index'
import { advance, withSimulatedNetwork, memoryStorage, settle, setup } from './harness'

// A job id once known is never dropped: not when storage is off or full, not when another
// version of the app wrote entries this one cannot read.

withSimulatedNetwork()

const ref = (id: string, model: JobRef['model'] = 'ltx-video'): JobRef => ({ id, model, provider: 'segmind', submittedAt: 1 })

describe('useVideoJob with persistKey', () => {
  it('shows and watches the new job when persistence is off', async () => {
    const ctx = setup()
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <LtxProvider queryClient={ctx.client} transports={ctx.transports} persist={false}>
        {children}
      </LtxProvider>
    )
    const { result } = renderHook(() => useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), { wrapper })
    await advance(0)
    await result.current.submitAsync({ prompt: 'Waves' })
    await settle()
    expect(result.current.job).not.toBeNull()
    await advance(60_000)
    expect(result.current.phase).toBe('succeeded')
  })

  it('shows the new job, and lists it, when storage refuses the write (quota)', async () => {
    const storage = memoryStorage()
    const ctx = setup({ storage })
    const { result } = renderHook(
      () => ({ video: useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), history: useJobHistory('studio') }),
      { wrapper: ctx.wrapper },
    )
    await advance(0)
    const first = await result.current.video.submitAsync({ prompt: 'one' })
    await settle()
    result.current.video.reset()
    storage.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    const second = await result.current.video.submitAsync({ prompt: 'two' })
    await settle()
    expect(result.current.video.job?.id).toBe(second.id)
    expect(result.current.history.jobs.map((j) => j.id)).toEqual([second.id, first.id])
  })
})

describe('createJobStore', () => {
  it('resumes a reference written by a newer release (an extra field)', () => {
    const storage = memoryStorage()
    storage.setItem('ltx-react:jobs:k', JSON.stringify({ active: { ...ref('a'), priority: 'high' }, history: [{ ...ref('a'), priority: 'high' }] }))
    const store = createJobStore(storage)
    expect(store.get('k').active?.id).toBe('a')
    expect(store.get('k').history.map((j) => j.id)).toEqual(['a'])
  })

  it('keeps entries it cannot read when it writes', () => {
    const storage = memoryStorage()
    const foreign = { id: 'z-9', model: 'ltx-3-ultra', provider: 'segmind', submittedAt: 5 }
    storage.setItem('ltx-react:jobs:k', JSON.stringify({ active: null, history: [ref('a'), foreign] }))
    const store = createJobStore(storage)
    store.add('k', ref('b'))
    store.forget('k', 'a')
    const saved = JSON.parse(storage.getItem('ltx-react:jobs:k') ?? '{}') as { history: JobRef[]; unreadable: unknown[] }
    expect(saved.history.map((j) => j.id)).toEqual(['b'])
    expect(saved.unreadable).toEqual([foreign])
  })

  it('copies text it cannot parse aside before writing over it', () => {
    const storage = memoryStorage()
    storage.setItem('ltx-react:jobs:k', '{"active": {"id": "half-writ')
    const store = createJobStore(storage)
    expect(store.get('k').history).toEqual([])
    store.add('k', ref('b'))
    const copies = [...storage.data.keys()].filter((key) => key.startsWith('ltx-react:jobs:k:unreadable:'))
    expect(copies).toHaveLength(1)
    expect(storage.data.get(copies[0] ?? '')).toBe('{"active": {"id": "half-writ')
    expect(store.get('k').active?.id).toBe('b')
  })

  it('still copies unparsable text aside when the first copy was refused (storage full)', () => {
    const storage = memoryStorage()
    storage.setItem('ltx-react:jobs:k', 'job ids: a, b')
    const full = { ...storage, setItem: () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError') } }
    let current: typeof storage | typeof full = full
    const store = createJobStore({
      getItem: (key) => current.getItem(key),
      setItem: (key, value) => current.setItem(key, value),
      removeItem: (key) => current.removeItem(key),
    })
    store.add('k', ref('c'))
    expect(store.get('k').active?.id).toBe('c')
    // Room again: the next write copies the old text aside before replacing it, once.
    current = storage
    store.add('k', ref('d'))
    const copies = [...storage.data.keys()].filter((key) => key.startsWith('ltx-react:jobs:k:unreadable:'))
    expect(copies.map((key) => storage.data.get(key))).toEqual(['job ids: a, b'])
    expect(store.get('k').history.map((job) => job.id)).toEqual(['d', 'c'])
  })

  it('forgets by provider as well as id when given the job', () => {
    const store = createJobStore(memoryStorage())
    const segmind = ref('same-id')
    const apixo: JobRef = { id: 'same-id', model: 'ltx-2-19b', provider: 'apixo', submittedAt: 2 }
    store.add('k', segmind)
    store.add('k', apixo)
    store.forget('k', segmind)
    expect(store.get('k').history).toEqual([apixo])
  })

  it('keeps jobs in memory when there is no storage at all', () => {
    const store = createJobStore(null)
    store.add('k', ref('a'))
    expect(store.get('k').active?.id).toBe('a')
  })
})
