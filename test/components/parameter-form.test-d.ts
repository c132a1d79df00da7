import { describe, expectTypeOf, it } from 'vitest'
import type { ParameterFormProps } from '../../src/components/parameter-form/parameter-form'
import { useParameterForm } from '../../src/components/parameter-form/use-parameter-form'
import type { ModelParams } from '../../src/models/registry'

describe('ParameterForm types', () => {
  it('types onSubmit values per model', () => {
    useParameterForm({
      model: 'ltx-2-fast',
      onSubmit: (values) => {
        expectTypeOf(values.duration).toEqualTypeOf<6 | 8 | 10>()
        expectTypeOf(values.resolution).toEqualTypeOf<'1080p' | '2k' | '4k'>()
        expectTypeOf(values.generate_audio).toEqualTypeOf<boolean>()
        expectTypeOf(values.image).toEqualTypeOf<string | undefined>()
      },
    })
    useParameterForm({
      model: 'ltx-video',
      onSubmit: (values) => {
        expectTypeOf(values).toEqualTypeOf<ModelParams<'ltx-video'>>()
        expectTypeOf(values.length).toEqualTypeOf<97 | 129 | 161 | 193 | 225 | 257>()
      },
    })
    useParameterForm({
      model: 'ltx-2-19b',
      onSubmit: (values) => {
        if (values.mode === 'image-to-video') expectTypeOf(values.image_urls).toEqualTypeOf<string[]>()
        if (values.mode === 'text-to-video-LoRA') expectTypeOf(values.loras).toEqualTypeOf<{ path: string; scale: number }[]>()
      },
    })
  })

  it('checks defaultValues and fields names against the model', () => {
    useParameterForm({ model: 'ltx-2-fast', defaultValues: { duration: 6 }, fields: { hide: ['image'] }, onSubmit: () => undefined })
    // @ts-expect-error 7 is not a duration of ltx-2-fast
    useParameterForm({ model: 'ltx-2-fast', defaultValues: { duration: 7 }, onSubmit: () => undefined })
    // @ts-expect-error `frames` is not a field of ltx-video
    useParameterForm({ model: 'ltx-video', fields: { order: ['frames'] }, onSubmit: () => undefined })
    useParameterForm({ model: 'ltx-2-19b', defaultValues: { mode: 'image-to-video', image_urls: ['https://x'] }, fields: { hide: ['loras'] }, onSubmit: () => undefined })
  })

  it('the styled component takes the same typed onSubmit', () => {
    expectTypeOf<ParameterFormProps<'ltx-2-fast'>['onSubmit']>().parameter(0).toEqualTypeOf<ModelParams<'ltx-2-fast'>>()
  })
})
