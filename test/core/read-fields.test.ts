import { describe, expect, it } from 'vitest'
import { defaultValues, describeField, readSchemaForm } from '../../src/core/read-fields'
import { models } from '../../src/models/registry'
import { z } from 'zod'

describe('readSchemaForm', () => {
  it('reads a plain model as fields with widgets, ranges, units and defaults', () => {
    const form = readSchemaForm(models['ltx-2-19b-t2v'].schema)
    if (form.kind !== 'fields') throw new Error('expected fields')
    const width = form.fields.find((f) => f.name === 'width')
    expect(width).toMatchObject({ label: 'Width', type: 'integer', widget: 'slider', min: 256, max: 1280, step: 16, unit: 'px', default: 1024, required: false })
    const prompt = form.fields.find((f) => f.name === 'prompt')
    expect(prompt).toMatchObject({ type: 'string', widget: 'textarea', required: true, hasDefault: false, minLength: 1 })
    const seed = form.fields.find((f) => f.name === 'seed')
    // z.int()'s safe-integer bounds are not a documented range.
    expect(seed).toMatchObject({ widget: 'seed', group: 'advanced', min: undefined, max: undefined, required: false })
  })

  it('reads integer enums as options and keeps their order', () => {
    const form = readSchemaForm(models['ltx-video'].schema)
    if (form.kind !== 'fields') throw new Error('expected fields')
    expect(form.fields.find((f) => f.name === 'length')).toMatchObject({ type: 'enum', widget: 'segmented', options: [97, 129, 161, 193, 225, 257], unit: 'frames' })
    expect(form.fields.find((f) => f.name === 'image')).toMatchObject({ widget: 'image', required: false, accepts: expect.stringContaining('data:image') })
  })

  it('reads the APIXO union as modes, each with only the fields it allows', () => {
    const form = readSchemaForm(models['ltx-2-19b'].schema)
    if (form.kind !== 'modes') throw new Error('expected modes')
    expect(form.discriminator).toBe('mode')
    expect(form.modes.map((m) => m.label)).toEqual(['Text to video', 'Image to video', 'Text to video with LoRA', 'Image to video with LoRA'])
    const lora = form.modes[3]?.fields.find((f) => f.name === 'loras')
    expect(lora).toMatchObject({ type: 'array', widget: 'loras', minItems: 1, maxItems: 3 })
    expect(lora?.fields?.map((f) => [f.name, f.label, f.min, f.max, f.default])).toEqual([
      ['path', 'URL', undefined, undefined, undefined],
      ['scale', 'Scale', 0.5, 2, 1],
    ])
    expect(form.modes[1]?.fields.find((f) => f.name === 'image_urls')).toMatchObject({ minItems: 1, maxItems: 1, widget: 'image' })
  })

  it('gives a form its initial values from the declared defaults only', () => {
    const form = readSchemaForm(models['ltx-2-fast'].schema)
    if (form.kind !== 'fields') throw new Error('expected fields')
    expect(defaultValues(form.fields)).toEqual({ duration: 8, generate_audio: true, resolution: '2k' })
  })

  it('falls back to a readable label and widget for fields without metadata', () => {
    expect(describeField('num_steps', z.number().min(0).max(5))).toMatchObject({ label: 'Num steps', widget: 'slider', type: 'number' })
    expect(describeField('flag', z.boolean())).toMatchObject({ label: 'Flag', widget: 'switch', required: true })
    expect(describeField('kind', z.enum(['a', 'b']).optional())).toMatchObject({ widget: 'select', options: ['a', 'b'], required: false })
  })
})
