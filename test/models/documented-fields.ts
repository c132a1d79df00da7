// The documented parameters of every model, written out from ../shared/api-notes.md and the
// seed pages (not read from the schemas), so the schemas are checked against the docs.

export type FieldSpec = {
  label: string
  required?: boolean
  default?: unknown
  /** Inclusive numeric range. */
  range?: readonly [number, number]
  integer?: boolean
  /** Allowed values of an enum. */
  options?: readonly (string | number)[]
  type: 'string' | 'number' | 'boolean' | 'url' | 'array'
  /** For url fields: which data: URIs are allowed. */
  data?: 'image' | 'video'
}

export type ModelSpec = {
  /** The smallest valid input: every required field. */
  base: Record<string, unknown>
  fields: Record<string, FieldSpec>
}

const seed = { label: 'Seed', type: 'number', integer: true } as const

export const documented = {
  'ltx-2-19b-t2v': {
    base: { prompt: 'A lighthouse in a storm' },
    fields: {
      prompt: { label: 'Prompt', type: 'string', required: true },
      negative_prompt: { label: 'Negative prompt', type: 'string' },
      width: { label: 'Width', type: 'number', integer: true, range: [256, 1280], default: 1024 },
      height: { label: 'Height', type: 'number', integer: true, range: [256, 1280], default: 768 },
      num_frames: { label: 'Frames', type: 'number', integer: true, range: [1, 400], default: 161 },
      fps: { label: 'Frames per second', type: 'number', integer: true, range: [1, 30], default: 24 },
      seed,
      guidance_scale: { label: 'Guidance scale', type: 'number', range: [1, 20], default: 4 },
    },
  },
  'ltx-video': {
    base: { prompt: 'A long descriptive prompt about a quiet harbour at dawn' },
    fields: {
      prompt: { label: 'Prompt', type: 'string', required: true },
      negative_prompt: {
        label: 'Negative prompt',
        type: 'string',
        default: 'low quality, worst quality, deformed, distorted',
      },
      aspect_ratio: {
        label: 'Aspect ratio',
        type: 'string',
        options: ['1:1', '1:2', '2:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '9:21', '21:9'],
        default: '3:2',
      },
      cfg: { label: 'CFG', type: 'number', range: [1, 20], default: 3 },
      image: { label: 'Start image', type: 'url', data: 'image' },
      length: { label: 'Length', type: 'number', options: [97, 129, 161, 193, 225, 257], default: 97 },
      seed,
      steps: { label: 'Steps', type: 'number', integer: true, range: [1, 50], default: 30 },
      target_size: {
        label: 'Target size',
        type: 'number',
        options: [512, 576, 640, 704, 768, 832, 896, 960, 1024],
        default: 640,
      },
    },
  },
  'ltx-2-fast': {
    base: { prompt: 'Gliding through a sunlit forest' },
    fields: {
      prompt: { label: 'Prompt', type: 'string', required: true },
      duration: { label: 'Duration', type: 'number', options: [6, 8, 10], default: 8 },
      generate_audio: { label: 'Generate audio', type: 'boolean', default: true },
      image: { label: 'Image', type: 'url', data: 'image' },
      resolution: { label: 'Resolution', type: 'string', options: ['1080p', '2k', '4k'], default: '2k' },
    },
  },
  'ltx-retake-video': {
    base: { video_uri: 'https://cdn.example.com/in.mp4', start_time: 0, duration: 4 },
    fields: {
      video_uri: { label: 'Source video', type: 'url', data: 'video', required: true },
      start_time: { label: 'Start time', type: 'number', required: true },
      duration: { label: 'Segment length', type: 'number', range: [2, 20], required: true },
      prompt: { label: 'Prompt', type: 'string' },
      mode: {
        label: 'What to replace',
        type: 'string',
        options: ['replace_audio_and_video', 'replace_audio', 'replace_video'],
        default: 'replace_audio_and_video',
      },
    },
  },
} as const satisfies Record<string, ModelSpec>

const apixoCommon = {
  prompt: { label: 'Prompt', type: 'string', required: true },
  resolution: { label: 'Resolution', type: 'string', options: ['480p', '720p', '1080p'], default: '720p' },
  duration: { label: 'Duration', type: 'number', integer: true, range: [5, 20], default: 10 },
  seed: { label: 'Seed', type: 'number', integer: true, range: [-1, 2147483647] },
} as const satisfies Record<string, FieldSpec>

const aspect = { label: 'Aspect ratio', type: 'string', options: ['16:9', '9:16'] } as const
const imageUrls = { label: 'Image', type: 'array', required: true } as const
const loras = { label: 'LoRAs', type: 'array', required: true } as const
const image = ['https://cdn.example.com/cat.png']
const lora = [{ path: 'https://huggingface.co/x/y/resolve/main/style.safetensors?download=true', scale: 1 }]

/** APIXO `ltx-2-19b`, one spec per mode. */
export const documentedApixo = {
  'text-to-video': {
    base: { mode: 'text-to-video', prompt: 'A fox in snow' },
    fields: { ...apixoCommon, aspect_ratio: aspect },
  },
  'image-to-video': {
    base: { mode: 'image-to-video', prompt: 'The cat blinks', image_urls: image },
    fields: { ...apixoCommon, image_urls: imageUrls },
  },
  'text-to-video-LoRA': {
    base: { mode: 'text-to-video-LoRA', prompt: 'A fox in snow', loras: lora },
    fields: { ...apixoCommon, aspect_ratio: aspect, loras },
  },
  'image-to-video-LoRA': {
    base: { mode: 'image-to-video-LoRA', prompt: 'The cat blinks', image_urls: image, loras: lora },
    fields: { ...apixoCommon, image_urls: imageUrls, loras },
  },
} as const satisfies Record<string, ModelSpec>
