import { describe, expect, it } from 'vitest'
import { modelFacts, readJobInput } from '../../src/models/model-facts'
import { modelIds, models } from '../../src/models/registry'
import { exampleInputs } from '../../src/testing/example-inputs'

// JobProgress and VideoResult read jobs through these schema-free facts, so that an app using
// them does not download every model schema. Each fact must say what the definition says.

const variants: Record<string, readonly Record<string, unknown>[]> = {
  'ltx-2-19b-t2v': [{ prompt: 'x' }, { prompt: 'x', num_frames: 97, fps: 25 }, { prompt: 'x', width: 512, height: 512 }],
  'ltx-video': [{ prompt: 'x' }, { prompt: 'x', length: 257 }],
  'ltx-2-fast': [{ prompt: 'x' }, { prompt: 'x', duration: 10, resolution: '1080p' }],
  'ltx-retake-video': [{ video_uri: 'https://example.com/a.mp4', start_time: 1, duration: 3 }],
  'ltx-2-19b': [
    { mode: 'text-to-video', prompt: 'x' },
    { mode: 'text-to-video', prompt: 'x', resolution: '1080p', duration: 20 },
    { mode: 'image-to-video', prompt: 'x', image_urls: ['https://example.com/a.png'], resolution: '480p' },
    { mode: 'text-to-video-LoRA', prompt: 'x', loras: [{ path: 'https://example.com/l.safetensors', scale: 1 }] },
  ],
}

describe('schema-free model facts', () => {
  it.each(modelIds)('%s: the title and defaults are the definition’s', (id) => {
    const definition = models[id]
    const facts = modelFacts[id]
    expect(facts.title).toBe(definition.title)
    for (const input of [exampleInputs[id], ...(variants[id] ?? [])]) {
      const parsed = definition.safeParse(input)
      expect(parsed.success, JSON.stringify(input)).toBe(true)
      const values = parsed.data as Record<string, unknown>
      for (const [key, value] of Object.entries(facts.defaults)) {
        if (!(key in input)) expect(values[key], `${id}.${key}`).toEqual(value)
      }
    }
  })

  it.each(modelIds)('%s: clip length and generation time match the definition for every input', (id) => {
    const definition = models[id]
    const output = definition.output as {
      durationSec?: (input: unknown) => number | undefined
      generationSec?: (input: unknown) => { min: number; max: number }
    }
    for (const input of [exampleInputs[id], ...(variants[id] ?? [])]) {
      const parsed = definition.parse(input)
      const read = readJobInput(id, input)
      expect(read?.facts.clipSec?.(read.values)).toEqual(output.durationSec?.(parsed))
      expect(read?.facts.generationSec?.(read.values)).toEqual(output.generationSec?.(parsed))
    }
  })

  it('reads nothing from an unknown model or an input that is not an object', () => {
    expect(readJobInput('sora', { prompt: 'x' })).toBeUndefined()
    expect(readJobInput('toString', {})).toBeUndefined()
    expect(readJobInput('ltx-2-fast', null)).toBeUndefined()
    expect(readJobInput('ltx-2-fast', ['x'])).toBeUndefined()
    expect(readJobInput('ltx-2-fast', { duration: 6 })?.values).toEqual({ duration: 6, resolution: '2k' })
    // A field set to undefined gets its default, as the schema gives it.
    const apixo = readJobInput('ltx-2-19b', { mode: 'text-to-video', prompt: 'x', resolution: undefined })
    expect(apixo?.facts.generationSec?.(apixo.values)).toEqual(models['ltx-2-19b'].output.generationSec?.({ mode: 'text-to-video', resolution: '720p' } as never))
  })
})
