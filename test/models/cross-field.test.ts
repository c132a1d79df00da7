import { describe, expect, it } from 'vitest'
import { LtxError } from '../../src/models/ltx-error'
import { checkRetakeSegment, ltxRetakeVideoInputSchemaFor } from '../../src/models/ltx-retake-video'
import { apixoGenerateTaskBodySchema } from '../../src/models/apixo-ltx-2-19b'
import { parseInput, safeParseInput } from '../../src/models/parse-input'
import { getModel, isModelId, modelIds, models } from '../../src/models/registry'
import { exampleInputs } from '../../src/testing/example-inputs'

const image = 'https://cdn.example.com/cat.png'
const lora = (n: number) => ({ path: `https://huggingface.co/x/lora-${n}.safetensors?download=true`, scale: 1 })

function messages(id: Parameters<typeof safeParseInput>[0], input: unknown): string[] {
  const result = safeParseInput(id, input)
  return result.success ? [] : result.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('APIXO ltx-2-19b mode rules', () => {
  it('needs a mode, and names the four', () => {
    expect(messages('ltx-2-19b', { prompt: 'x' })).toEqual([
      'mode: Mode must be one of: "text-to-video", "image-to-video", "text-to-video-LoRA", "image-to-video-LoRA".',
    ])
    expect(messages('ltx-2-19b', { mode: 'video-to-video', prompt: 'x' })[0]).toMatch(/^mode: Mode must be one of/)
  })

  it('image modes need exactly one image URL', () => {
    for (const mode of ['image-to-video', 'image-to-video-LoRA'] as const) {
      const extra = mode.endsWith('LoRA') ? { loras: [lora(1)] } : {}
      expect(messages('ltx-2-19b', { mode, prompt: 'x', ...extra })).toEqual(['image_urls: Image is required.'])
      expect(messages('ltx-2-19b', { mode, prompt: 'x', image_urls: [], ...extra })).toEqual([
        'image_urls: Image modes need exactly one image URL.',
      ])
      expect(messages('ltx-2-19b', { mode, prompt: 'x', image_urls: [image, image], ...extra })).toEqual([
        'image_urls: Image modes need exactly one image URL.',
      ])
      expect(messages('ltx-2-19b', { mode, prompt: 'x', image_urls: [image], ...extra })).toEqual([])
      expect(messages('ltx-2-19b', { mode, prompt: 'x', image_urls: ['javascript:alert(1)'], ...extra })).toEqual([
        'image_urls.0: Image URL 1 must be an https:// URL.',
      ])
    }
  })

  it('text modes take no image', () => {
    expect(messages('ltx-2-19b', { mode: 'text-to-video', prompt: 'x', image_urls: [image] })).toEqual([
      'image_urls: "image_urls" is not used in text-to-video mode; remove it or choose a mode that takes it (such as image-to-video).',
    ])
  })

  it('aspect_ratio is allowed only in the text modes', () => {
    expect(messages('ltx-2-19b', { mode: 'text-to-video', prompt: 'x', aspect_ratio: '9:16' })).toEqual([])
    expect(messages('ltx-2-19b', { mode: 'text-to-video-LoRA', prompt: 'x', aspect_ratio: '9:16', loras: [lora(1)] })).toEqual([])
    expect(messages('ltx-2-19b', { mode: 'image-to-video', prompt: 'x', image_urls: [image], aspect_ratio: '16:9' })).toEqual([
      'aspect_ratio: "aspect_ratio" is not used in image-to-video mode; remove it or choose a mode that takes it (such as text-to-video).',
    ])
  })

  it('loras are allowed only in the LoRA modes, 1 to 3 of them', () => {
    expect(messages('ltx-2-19b', { mode: 'text-to-video', prompt: 'x', loras: [lora(1)] })).toEqual([
      'loras: "loras" is not used in text-to-video mode; remove it or choose a mode that takes it (such as text-to-video-LoRA).',
    ])
    expect(messages('ltx-2-19b', { mode: 'text-to-video-LoRA', prompt: 'x', loras: [] })).toEqual([
      'loras: LoRA modes need at least one LoRA.',
    ])
    expect(messages('ltx-2-19b', { mode: 'text-to-video-LoRA', prompt: 'x', loras: [lora(1), lora(2), lora(3)] })).toEqual([])
    expect(messages('ltx-2-19b', { mode: 'text-to-video-LoRA', prompt: 'x', loras: [lora(1), lora(2), lora(3), lora(4)] })).toEqual([
      'loras: At most 3 LoRAs can be used at once.',
    ])
  })

  it('checks each LoRA: an https path and a scale from 0.5 to 2, defaulting to 1', () => {
    const parsed = parseInput('ltx-2-19b', {
      mode: 'text-to-video-LoRA',
      prompt: 'x',
      loras: [{ path: 'https://civitai.com/api/download/models/1' }],
    })
    expect(parsed.mode === 'text-to-video-LoRA' && parsed.loras[0]?.scale).toBe(1)
    expect(
      messages('ltx-2-19b', {
        mode: 'text-to-video-LoRA',
        prompt: 'x',
        loras: [
          { path: 'https://h.example/a', scale: 0.5 },
          { path: 'https://h.example/b', scale: 2 },
          { path: 'file:///c', scale: 2.05 },
        ],
      }),
    ).toEqual(['loras.2.path: LoRA 3 URL must be an https:// URL.', 'loras.2.scale: LoRA 3 scale must be a number between 0.5 and 2.'])
    expect(messages('ltx-2-19b', { mode: 'text-to-video-LoRA', prompt: 'x', loras: [{ path: 'https://h.example/a', scale: 0.45 }] })).toEqual([
      'loras.0.scale: LoRA 1 scale must be a number between 0.5 and 2.',
    ])
    expect(messages('ltx-2-19b', { mode: 'text-to-video-LoRA', prompt: 'x', loras: [{ path: 'https://h.example/a', extra: 1 }] })).toEqual([
      'loras.0.extra: "extra" is not a parameter of LoRA 1; remove it.',
    ])
  })

  it('calls a misspelt field unknown instead of sending the user to another mode', () => {
    expect(messages('ltx-2-19b', { mode: 'text-to-video', prompt: 'x', promt: 'y' })).toEqual([
      'promt: "promt" is not a parameter of LTX-2 19B (APIXO); remove it.',
    ])
  })

  it('seed is -1 (random) or 1 to 2147483647, never 0', () => {
    expect(messages('ltx-2-19b', { mode: 'text-to-video', prompt: 'x', seed: -1 })).toEqual([])
    expect(messages('ltx-2-19b', { mode: 'text-to-video', prompt: 'x', seed: 1 })).toEqual([])
    expect(messages('ltx-2-19b', { mode: 'text-to-video', prompt: 'x', seed: 0 })).toEqual([
      'seed: Seed cannot be 0: use -1 for a random seed, or 1 to 2147483647.',
    ])
  })

  it('prompt is 1 to 5000 characters and not blank', () => {
    expect(messages('ltx-2-19b', { mode: 'text-to-video', prompt: 'a'.repeat(5000) })).toEqual([])
    expect(messages('ltx-2-19b', { mode: 'text-to-video', prompt: 'a'.repeat(5001) })).toEqual([
      'prompt: Prompt must be at most 5000 characters long (1 to 5000).',
    ])
    expect(messages('ltx-2-19b', { mode: 'text-to-video', prompt: '' })).toEqual(['prompt: Prompt is required.'])
    expect(messages('ltx-2-19b', { mode: 'text-to-video', prompt: '   ' })).toEqual(['prompt: Prompt must not be blank.'])
  })
})

describe('image data URIs', () => {
  const MB = 1024 * 1024
  it('accept up to 10 MB and refuse more, base64 or not', () => {
    const base64 = (bytes: number) => `data:image/png;base64,${'A'.repeat(Math.ceil((bytes * 4) / 3))}`
    expect(messages('ltx-2-fast', { prompt: 'x', image: base64(9 * MB) })).toEqual([])
    expect(messages('ltx-2-fast', { prompt: 'x', image: base64(11 * MB) })).toEqual(['image: Image is larger than 10 MB; use a smaller image.'])
    // Not base64: every character is a byte, so 11 MB of text is 11 MB.
    expect(messages('ltx-2-fast', { prompt: 'x', image: `data:image/png,${'a'.repeat(11 * MB)}` })).toEqual([
      'image: Image is larger than 10 MB; use a smaller image.',
    ])
  })
})

describe('APIXO generate-task body', () => {
  const input = { mode: 'text-to-video', prompt: 'x' }
  it('defaults to async with automatic routing', () => {
    expect(apixoGenerateTaskBodySchema.parse({ input })).toMatchObject({ request_type: 'async', provider: 'auto' })
  })
  it('needs a callback_url in callback mode, and only an https one', () => {
    expect(apixoGenerateTaskBodySchema.safeParse({ request_type: 'callback', input }).success).toBe(false)
    expect(
      apixoGenerateTaskBodySchema.safeParse({ request_type: 'callback', callback_url: 'https://app.example/hook', input }).success,
    ).toBe(true)
    expect(
      apixoGenerateTaskBodySchema.safeParse({ request_type: 'callback', callback_url: 'javascript:alert(1)', input }).success,
    ).toBe(false)
  })
  it('refuses unknown routing values', () => {
    expect(apixoGenerateTaskBodySchema.safeParse({ provider: 'cheapest', input }).success).toBe(false)
  })
})

describe('ltx-retake-video segment against the source length', () => {
  it.each([
    [{ start_time: 0, duration: 4 }, 10, []],
    [{ start_time: 8, duration: 2 }, 10, []],
    [{ start_time: 0, duration: 20 }, 20, []],
    [{ start_time: 0.1, duration: 9.9 }, 10, []],
    [{ start_time: 10, duration: 2 }, 10, ['start_time: Start time must be within the video (0 to 10 s).']],
    [{ start_time: -1, duration: 2 }, 10, ['start_time: Start time must be within the video (0 to 10 s).']],
    [{ start_time: 0, duration: 1.9 }, 10, ['duration: Segment length must be between 2 and 20 seconds.']],
    [{ start_time: 0, duration: 20.1 }, 30, ['duration: Segment length must be between 2 and 20 seconds.']],
    [{ start_time: 8.5, duration: 2 }, 10, ['duration: Segment runs past the end of the video: 8.5 s + 2 s is more than 10 s.']],
    [{ start_time: 0, duration: 2 }, 1.5, ['video_uri: Source video is 1.5 s long; a retake needs at least 2 s.']],
    [{ start_time: 0, duration: 2 }, Number.NaN, ['video_uri: Source video length is unknown; load the video before choosing a segment.']],
  ] as const)('%j in a %s s video → %j', (segment, length, expected) => {
    expect(checkRetakeSegment(segment, length).map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(expected)
  })

  it('is applied by the schema built for a known length', () => {
    const schema = ltxRetakeVideoInputSchemaFor(6)
    expect(schema.safeParse({ video_uri: 'https://c.example/v.mp4', start_time: 2, duration: 4 }).success).toBe(true)
    const result = schema.safeParse({ video_uri: 'https://c.example/v.mp4', start_time: 3, duration: 4 })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['duration'])
  })
})

describe('parseInput', () => {
  it('fills in defaults and returns the parsed input', () => {
    expect(parseInput('ltx-2-fast', { prompt: 'waves' })).toEqual({
      prompt: 'waves',
      duration: 8,
      generate_audio: true,
      resolution: '2k',
    })
  })

  it('throws a validation LtxError with one issue per field, worded for people', () => {
    let error: unknown
    try {
      parseInput('ltx-2-19b-t2v', { fps: 0, width: 'wide' })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(LtxError)
    const e = error as LtxError
    expect(e.kind).toBe('validation')
    expect(e.retryable).toBe(false)
    expect(e.issues).toEqual([
      { path: ['prompt'], message: 'Prompt is required.' },
      { path: ['width'], message: 'Width must be a whole number between 256 and 1280 px.' },
      { path: ['fps'], message: 'Frames per second must be a whole number between 1 and 30 fps.' },
    ])
    expect(e.message).toBe('Prompt is required. (and 2 more)')
  })

  it('refuses what is not an object', () => {
    expect(messages('ltx-video', null)).toEqual([': Input must be an object of parameters.'])
    expect(messages('ltx-video', 'a prompt')).toEqual([': Input must be an object of parameters.'])
  })

  it('accepts the example input of every model', () => {
    for (const id of modelIds) expect(messages(id, exampleInputs[id])).toEqual([])
  })
})

describe('registry', () => {
  it('holds the five seed models with their providers', () => {
    expect(Object.fromEntries(modelIds.map((id) => [id, models[id].provider]))).toEqual({
      'ltx-2-19b-t2v': 'segmind',
      'ltx-video': 'segmind',
      'ltx-2-fast': 'segmind',
      'ltx-retake-video': 'segmind',
      'ltx-2-19b': 'apixo',
    })
    for (const id of modelIds) {
      const model = getModel(id)
      expect(model.id).toBe(id)
      expect(model.title.length).toBeGreaterThan(0)
      expect(model.description.length).toBeGreaterThan(0)
      expect(model.output.kind).toBe('video')
    }
  })

  it('keeps the schema-free catalog (used while watching jobs) equal to the registry', async () => {
    const { modelEntry } = await import('../../src/models/model-catalog')
    const { apixoGenerationSec } = await import('../../src/models/apixo-ltx-2-19b.facts')
    expect(modelIds).toEqual(Object.keys(models))
    for (const id of modelIds) expect(modelEntry(id)).toMatchObject({ id, provider: models[id].provider })
    expect(models['ltx-2-19b'].output.generationSec).toBe(apixoGenerationSec)
  })

  it('getModel throws a not-found LtxError for an unknown id, listing the known ones', () => {
    expect(() => getModel('ltx-3' as never)).toThrowError(/Unknown model "ltx-3". Known models: ltx-2-19b-t2v, ltx-video/)
    try {
      getModel('__proto__' as never)
    } catch (error) {
      expect((error as LtxError).kind).toBe('not-found')
    }
    expect(isModelId('toString')).toBe(false)
    expect(isModelId('ltx-video')).toBe(true)
  })

  it('knows clip lengths and documented generation times', () => {
    expect(models['ltx-2-19b-t2v'].output.durationSec?.(parseInput('ltx-2-19b-t2v', { prompt: 'x', num_frames: 121, fps: 24 }))).toBeCloseTo(5.04)
    expect(models['ltx-video'].output.durationSec?.(parseInput('ltx-video', { prompt: 'x', length: 257 }))).toBeCloseTo(10.71, 1)
    const apixo = models['ltx-2-19b'].output
    expect(apixo.generationSec?.(parseInput('ltx-2-19b', { mode: 'text-to-video', prompt: 'x', resolution: '480p' }))).toEqual({ min: 40, max: 60 })
    expect(
      apixo.generationSec?.(parseInput('ltx-2-19b', { mode: 'text-to-video-LoRA', prompt: 'x', resolution: '1080p', loras: [lora(1)] })),
    ).toEqual({ min: 100, max: 140 })
  })
})
