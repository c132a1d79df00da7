// @vitest-environment jsdom
import { renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { createJobStore, LtxProvider, useJobHistory, useVideoJob, type JobPersistOptions, type JobRef } from '../../src/index'
import { advance, withSimulatedNetwork, memoryStorage, settle, setup } from './harness'

// A job id once known is never dropped: not when storage is off or full, not when another
// version of the app wrote entries this one cannot read.

withSimulatedNetwork(() => localStorage.clear())

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

describe('jobs stored per user (persist={{ scope }})', () => {
  /** A page whose provider keeps jobs as `persist` says, read when it renders. */
  function page(ctx: ReturnType<typeof setup>, persist: () => JobPersistOptions | undefined) {
    return ({ children }: { children?: ReactNode }) => {
      const options = persist()
      return (
        <LtxProvider queryClient={ctx.client} transports={ctx.transports} {...(options && { persist: options })}>
          {children}
        </LtxProvider>
      )
    }
  }
  const studio = () => ({ video: useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' }), history: useJobHistory('studio') })

  it('keeps two people’s jobs apart on one localStorage, and the unscoped ones to the unscoped store', async () => {
    const ctx = setup()
    // Written before scopes existed (or while signed out): the unscoped store's.
    const old = await ctx.transports.segmind.submit('ltx-2-fast', { prompt: 'Before sign-in' })
    createJobStore(localStorage).add('studio', old)

    const alice = renderHook(studio, { wrapper: page(ctx, () => ({ scope: 'alice' })) })
    await advance(0)
    expect(alice.result.current.history.jobs).toEqual([])
    const hers = await alice.result.current.video.submitAsync({ prompt: 'Alice’s waves' })
    await settle()
    alice.unmount()

    const bob = renderHook(studio, { wrapper: page(ctx, () => ({ scope: 'bob' })) })
    await settle()
    expect(bob.result.current.video.job).toBeNull()
    expect(bob.result.current.history.jobs).toEqual([])
    bob.unmount()

    const signedOut = renderHook(studio, { wrapper: page(ctx, () => undefined) })
    await settle()
    expect(signedOut.result.current.history.jobs.map((job) => job.id)).toEqual([old.id])
    signedOut.unmount()

    const aliceAgain = renderHook(studio, { wrapper: page(ctx, () => ({ scope: 'alice' })) })
    await settle()
    expect(aliceAgain.result.current.video.job?.id).toBe(hers.id)
    expect(aliceAgain.result.current.history.jobs.map((job) => job.id)).toEqual([hers.id])
    expect(Object.keys(localStorage).sort()).toEqual(['ltx-react:jobs:studio', 'ltx-react:scope:alice:jobs:studio'])
  })

  it('switches what every hook shows when the scope changes while mounted, and holds nothing of one user against the next', async () => {
    const ctx = setup({ slowMs: 10 * 60_000 })
    let scope = 'alice'
    const { result, rerender } = renderHook(studio, { wrapper: page(ctx, () => ({ storage: memoryStorage(), scope })) })
    await advance(0)
    const hers = await result.current.video.submitAsync({ prompt: 'Alice’s waves' })
    await settle()
    await advance(60_000)
    expect(result.current.video.phase).toBe('succeeded')
    // Her next submit gets no answer (its job may exist): her next plain click would be refused.
    ctx.sim.inject({ fault: 'slow', route: 'segmind.submit', afterCreate: true })
    result.current.video.submit({ prompt: 'Alice’s dunes' })
    await advance(61_000)
    expect(result.current.video.submitError?.jobMayExist).toBe(true)
    expect(result.current.video.job?.id).toBe(hers.id)

    scope = 'bob'
    rerender()
    await settle()
    expect(result.current.video.job).toBeNull()
    expect(result.current.video.phase).toBeNull()
    expect(result.current.video.submitError).toBeNull()
    expect(result.current.history.jobs).toEqual([])
    const his = await result.current.video.submitAsync({ prompt: 'Bob’s dunes' })
    await settle()
    expect(result.current.video.job?.id).toBe(his.id)
    expect(ctx.sim.count('segmind.submit')).toBe(3)

    scope = 'alice'
    rerender()
    await settle()
    expect(result.current.video.job?.id).toBe(hers.id)
    expect(result.current.history.jobs.map((job) => job.id)).toEqual([hers.id])
  })

  it('namespaces scopes so no scope, however it is spelled, reaches another’s keys', () => {
    const storage = memoryStorage()
    createJobStore(storage, 'a').add('jobs:b', ref('one'))
    createJobStore(storage, 'a:jobs').add('b', ref('two'))
    createJobStore(storage).add('scope:a:jobs:b', ref('three'))

    expect(createJobStore(storage, 'a').get('jobs:b').history.map((job) => job.id)).toEqual(['one'])
    expect(createJobStore(storage, 'a:jobs').get('b').history.map((job) => job.id)).toEqual(['two'])
    expect(createJobStore(storage).get('scope:a:jobs:b').history.map((job) => job.id)).toEqual(['three'])
    expect(new Set(storage.data.keys()).size).toBe(3)
  })

  it('keeps opaque job handles (a proxy’s <id>.<mac>) as they are', () => {
    const storage = memoryStorage()
    const handle = `${'A'.repeat(149)}.${'z9_-'.repeat(12)}.q`
    expect(handle).toHaveLength(200)
    createJobStore(storage, 'alice').add('studio', ref(handle))
    const back = createJobStore(storage, 'alice').get('studio')
    expect(back.active?.id).toBe(handle)
    expect(back.history).toEqual([ref(handle)])
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
