import { describe, expectTypeOf, it } from 'vitest'
import type { ApixoLtx219bInput, LtxVideoInput, ModelId, ModelInput, ModelParams } from '../../src/index'
import { getModel, parseInput } from '../../src/index'

describe('per-model input types', () => {
  it('ModelId is the union of the five ids', () => {
    expectTypeOf<ModelId>().toEqualTypeOf<'ltx-2-19b-t2v' | 'ltx-video' | 'ltx-2-fast' | 'ltx-retake-video' | 'ltx-2-19b'>()
  })

  it('accepts documented fields, with defaults optional', () => {
    const ok: ModelInput<'ltx-video'> = { prompt: 'harbour at dawn', length: 129, target_size: 768 }
    expectTypeOf(ok).toEqualTypeOf<LtxVideoInput>()
    const fast: ModelInput<'ltx-2-fast'> = { prompt: 'waves', duration: 10, resolution: '4k', generate_audio: false }
    void fast
  })

  it('makes an unknown field name a compile error', () => {
    // @ts-expect-error `frames` is not a parameter of ltx-video (it is `length`)
    const bad: ModelInput<'ltx-video'> = { prompt: 'x', frames: 97 }
    void bad
  })

  it('makes a wrong value type or an undocumented enum value a compile error', () => {
    // @ts-expect-error fps is a number
    const a: ModelInput<'ltx-2-19b-t2v'> = { prompt: 'x', fps: '24' }
    // @ts-expect-error 98 is not a documented length
    const b: ModelInput<'ltx-video'> = { prompt: 'x', length: 98 }
    // @ts-expect-error duration is one of 6, 8, 10
    const c: ModelInput<'ltx-2-fast'> = { prompt: 'x', duration: 7 }
    // @ts-expect-error prompt is required
    const d: ModelInput<'ltx-2-fast'> = { duration: 8 }
    void [a, b, c, d]
  })

  it('types APIXO modes: aspect_ratio only in text modes, loras only in LoRA modes', () => {
    const t2v: ApixoLtx219bInput = { mode: 'text-to-video', prompt: 'x', aspect_ratio: '16:9' }
    const i2vLora: ApixoLtx219bInput = {
      mode: 'image-to-video-LoRA',
      prompt: 'x',
      image_urls: ['https://c.example/a.png'],
      loras: [{ path: 'https://h.example/l', scale: 1.2 }],
    }
    // @ts-expect-error image modes take no aspect_ratio
    const bad1: ApixoLtx219bInput = { mode: 'image-to-video', prompt: 'x', image_urls: ['https://c.example/a.png'], aspect_ratio: '16:9' }
    // @ts-expect-error text-to-video takes no loras
    const bad2: ApixoLtx219bInput = { mode: 'text-to-video', prompt: 'x', loras: [{ path: 'https://h.example/l' }] }
    // @ts-expect-error there is no such mode
    const bad3: ApixoLtx219bInput = { mode: 'video-to-video', prompt: 'x' }
    void [t2v, i2vLora, bad1, bad2, bad3]
  })

  it('parseInput returns the parsed type with defaults filled in', () => {
    const parsed = parseInput('ltx-2-fast', { prompt: 'x' })
    expectTypeOf(parsed).toEqualTypeOf<ModelParams<'ltx-2-fast'>>()
    expectTypeOf(parsed.duration).toEqualTypeOf<6 | 8 | 10>()
    expectTypeOf(parsed.generate_audio).toEqualTypeOf<boolean>()
    expectTypeOf(parsed.image).toEqualTypeOf<string | undefined>()
  })

  it('getModel keeps the literal provider of each model', () => {
    expectTypeOf(getModel('ltx-2-19b').provider).toEqualTypeOf<'apixo'>()
    expectTypeOf(getModel('ltx-video').provider).toEqualTypeOf<'segmind'>()
  })
})
