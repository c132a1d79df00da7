import { describe, expectTypeOf, it } from 'vitest'
import {
  apixoLtx219bModel,
  ltx2FastModel,
  useJobStatus,
  useSubmitVideo,
  useVideoJob,
  type JobRef,
  type LtxError,
  type ModelInput,
} from '../../src/index'

describe('hook types', () => {
  it('types submit per model', () => {
    const fast = useSubmitVideo({ model: 'ltx-2-fast' })
    expectTypeOf(fast.submit).parameter(0).toEqualTypeOf<ModelInput<'ltx-2-fast'>>()
    fast.submit({ prompt: 'x', duration: 10 })
    // @ts-expect-error 7 is not a documented duration
    fast.submit({ prompt: 'x', duration: 7 })
    // @ts-expect-error ltx-2-fast has no num_frames
    fast.submit({ prompt: 'x', num_frames: 10 })
    expectTypeOf(fast.submitAsync).returns.toEqualTypeOf<Promise<JobRef>>()
    expectTypeOf(fast.error).toEqualTypeOf<LtxError | null>()
  })

  it('types the APIXO modes through useVideoJob', () => {
    const job = useVideoJob({ model: 'ltx-2-19b' })
    job.submit({ mode: 'text-to-video-LoRA', prompt: 'x', loras: [{ path: 'https://h.example/l' }] })
    // @ts-expect-error loras only in LoRA modes
    job.submit({ mode: 'text-to-video', prompt: 'x', loras: [{ path: 'https://h.example/l' }] })
  })

  it('types submit the same for a model given by definition', () => {
    const fast = useSubmitVideo({ model: ltx2FastModel })
    expectTypeOf(fast.submit).parameter(0).toEqualTypeOf<ModelInput<'ltx-2-fast'>>()
    // @ts-expect-error 7 is not a documented duration
    fast.submit({ prompt: 'x', duration: 7 })
    const apixo = useVideoJob({ model: apixoLtx219bModel })
    // @ts-expect-error loras only in LoRA modes
    apixo.submit({ mode: 'text-to-video', prompt: 'x', loras: [{ path: 'https://h.example/l' }] })
    // @ts-expect-error not a model
    useSubmitVideo({ model: 'sora' })
  })

  it('takes the confirmations a refused submit names, and only where they apply', () => {
    const fast = useSubmitVideo({ model: 'ltx-2-fast' })
    fast.submit({ prompt: 'x' }, { confirmResubmit: true })
    // @ts-expect-error replace is useVideoJob's: useSubmitVideo has no job of its own to replace
    fast.submit({ prompt: 'x' }, { replace: true })
    const job = useVideoJob({ model: 'ltx-2-fast' })
    job.submit({ prompt: 'x' }, { replace: true, confirmResubmit: true })
    expectTypeOf(job.canKeepWatching).toEqualTypeOf<boolean>()
    expectTypeOf<LtxError['needsConfirmation']>().toEqualTypeOf<'confirmResubmit' | 'replace' | undefined>()
  })

  it('accepts a missing job in useJobStatus', () => {
    expectTypeOf(useJobStatus).parameter(0).toEqualTypeOf<JobRef | null | undefined>()
  })
})
