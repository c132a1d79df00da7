import type { ComponentPropsWithRef, ComponentType } from 'react'
import { describe, expectTypeOf, it } from 'vitest'
import type { ButtonSlot } from '../../src/components/component-slots'
import type { JobProgressComponents } from '../../src/components/job-progress'
import type { ParameterFormProps } from '../../src/components/parameter-form/parameter-form'
import type { ParameterFormComponents } from '../../src/components/parameter-form/parameter-form-components'
import { useParameterForm } from '../../src/components/parameter-form/use-parameter-form'
import { ltx2FastModel } from '../../src/models/ltx-2-fast'
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

  it('types a model given by definition as it types its id', () => {
    useParameterForm({
      model: ltx2FastModel,
      defaultValues: { duration: 6 },
      onSubmit: (values) => expectTypeOf(values).toEqualTypeOf<ModelParams<'ltx-2-fast'>>(),
    })
    // @ts-expect-error 7 is not a duration of ltx-2-fast
    useParameterForm({ model: ltx2FastModel, defaultValues: { duration: 7 }, onSubmit: () => undefined })
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
    // Its words, the hook's messages included, all go in `labels`: one place, not two.
    expectTypeOf<ParameterFormProps<'ltx-2-fast'>>().not.toHaveProperty('messages')
    expectTypeOf<NonNullable<ParameterFormProps<'ltx-2-fast'>['labels']>>().toHaveProperty('fileSize')
  })

  it('component slots take refs, like the other components’ slots, and the prop takes any of them', () => {
    expectTypeOf<ParameterFormComponents['Button']>().toEqualTypeOf<ButtonSlot>()
    expectTypeOf<ParameterFormComponents['Button']>().toEqualTypeOf<JobProgressComponents['Button']>()
    expectTypeOf<ParameterFormComponents['Input']>().toEqualTypeOf<ComponentType<ComponentPropsWithRef<'input'>>>()
    expectTypeOf<ParameterFormComponents['Textarea']>().toEqualTypeOf<ComponentType<ComponentPropsWithRef<'textarea'>>>()
    expectTypeOf<ParameterFormComponents['Select']>().toEqualTypeOf<ComponentType<ComponentPropsWithRef<'select'>>>()
    for (const slot of ['Switch', 'Slider', 'Radio'] as const) {
      expectTypeOf<ParameterFormComponents[typeof slot]>().toEqualTypeOf<ComponentType<ComponentPropsWithRef<'input'>>>()
    }
    // A slot receives `ref` among its props, to pass on to the native element.
    expectTypeOf<ParameterFormComponents['Input']>().parameter(0).toHaveProperty('ref')
    expectTypeOf<ParameterFormProps<'ltx-2-fast'>['components']>().toEqualTypeOf<Partial<ParameterFormComponents> | undefined>()
    // Every slot is needed in the full type; the prop takes any subset.
    // @ts-expect-error Textarea, Select, Button, Switch, Slider and Radio are missing
    const only: ParameterFormComponents = { Input: () => null }
    const some: ParameterFormProps<'ltx-2-fast'>['components'] = { Input: only.Input }
    expectTypeOf(some).not.toBeNever()
  })
})
