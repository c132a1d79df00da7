import { z } from 'zod'
import { defineModel } from './define-model'
import { apixoGenerationSec, apixoLtx219bEntry as entry, apixoLtx219bFacts as facts, APIXO_RESOLUTIONS } from './apixo-ltx-2-19b.facts'
import { isRemoteUrl, promptField, seedField, sliderField, urlField, withMeta } from './fields'

/** The four generation modes of APIXO `ltx-2-19b`. */
export const APIXO_MODES = ['text-to-video', 'image-to-video', 'text-to-video-LoRA', 'image-to-video-LoRA'] as const
/** One of {@link APIXO_MODES}. */
export type ApixoMode = (typeof APIXO_MODES)[number]

/** The largest APIXO seed (a signed 32-bit integer); -1 asks for a random one. */
export const APIXO_SEED_MAX = 2147483647
/** At most this many LoRAs in one APIXO job. */
export const APIXO_MAX_LORAS = 3

const modeLabels = {
  'text-to-video': 'Text to video',
  'image-to-video': 'Image to video',
  'text-to-video-LoRA': 'Text to video with LoRA',
  'image-to-video-LoRA': 'Image to video with LoRA',
} as const satisfies Record<ApixoMode, string>

function modeField<M extends ApixoMode>(mode: M) {
  return withMeta(z.literal(mode), {
    label: 'Mode',
    widget: 'mode',
    optionLabels: modeLabels,
  })
}

const common = {
  prompt: promptField('Describe the video, 1 to 5000 characters.', 5000),
  resolution: withMeta(z.enum(APIXO_RESOLUTIONS).default(facts.defaults.resolution), {
    label: 'Resolution',
    description: '480p for previews, 720p balanced, 1080p for final output.',
    widget: 'radios',
  }),
  duration: sliderField(z.int(), [5, 20], facts.defaults.duration, { label: 'Duration', description: 'Billed per second.', unit: 's' }),
  seed: seedField(
    z
      .int()
      .min(-1)
      .max(APIXO_SEED_MAX)
      .refine((seed) => seed !== 0, { error: `Seed cannot be 0: use -1 for a random seed, or 1 to ${APIXO_SEED_MAX}.` }),
    `-1 for random, or 1 to ${APIXO_SEED_MAX}; the same seed, prompt and parameters reproduce the same video.`,
  ),
}

const aspectRatio = withMeta(z.enum(['16:9', '9:16']).optional(), {
  label: 'Aspect ratio',
  description: 'Text modes only; image modes follow the image.',
  widget: 'radios',
})

const imageUrls = withMeta(
  z
    .array(urlField({ label: 'Image URL', description: 'JPG, PNG or WebP, at most 10 MB.', widget: 'text' }))
    .length(1, { error: 'Image modes need exactly one image URL.' }),
  {
    label: 'Image',
    description: 'The image to animate: one publicly reachable JPG, PNG or WebP URL, at most 10 MB.',
    widget: 'image',
  },
)

/** One LoRA: a publicly downloadable weights URL and its influence. */
export const apixoLoraSchema = withMeta(
  z.strictObject({
    path: urlField({
      label: 'URL',
      description: 'Publicly downloadable LoRA weights, e.g. with ?download=true.',
      widget: 'text',
    }),
    scale: sliderField(z.number(), [0.5, 2], 1, {
      label: 'Scale',
      description: 'How strongly the LoRA applies; 0.5 to 2.',
      step: 0.05,
    }),
  }),
  { label: 'LoRA' },
)

const loras = withMeta(
  z
    .array(apixoLoraSchema)
    .min(1, { error: 'LoRA modes need at least one LoRA.' })
    .max(APIXO_MAX_LORAS, { error: `At most ${APIXO_MAX_LORAS} LoRAs can be used at once.` }),
  {
    label: 'LoRAs',
    description: 'Video-trained LoRAs work best; loading adds 10–20 s.',
    widget: 'loras',
  },
)

/** APIXO `text-to-video` mode: a prompt, with optional aspect ratio. */
export const apixoTextToVideoSchema = z.strictObject({ mode: modeField('text-to-video'), ...common, aspect_ratio: aspectRatio })
/** APIXO `image-to-video` mode: exactly one image URL, no aspect ratio. */
export const apixoImageToVideoSchema = z.strictObject({ mode: modeField('image-to-video'), ...common, image_urls: imageUrls })
/** APIXO `text-to-video-LoRA` mode: text to video with 1 to 3 LoRAs. */
export const apixoTextToVideoLoraSchema = z.strictObject({
  mode: modeField('text-to-video-LoRA'),
  ...common,
  aspect_ratio: aspectRatio,
  loras,
})
/** APIXO `image-to-video-LoRA` mode: one image URL and 1 to 3 LoRAs. */
export const apixoImageToVideoLoraSchema = z.strictObject({
  mode: modeField('image-to-video-LoRA'),
  ...common,
  image_urls: imageUrls,
  loras,
})

/** Input of APIXO `ltx-2-19b`: one shape per mode, chosen by `mode`. */
export const apixoLtx219bInputSchema = z.discriminatedUnion('mode', [
  apixoTextToVideoSchema,
  apixoImageToVideoSchema,
  apixoTextToVideoLoraSchema,
  apixoImageToVideoLoraSchema,
])

/** What you may pass to APIXO `ltx-2-19b` (defaults optional). */
export type ApixoLtx219bInput = z.input<typeof apixoLtx219bInputSchema>

/** The body of `POST /api/v1/generateTask/ltx-2-19b`: routing options around the model input. */
export const apixoGenerateTaskBodySchema = z
  .strictObject({
    request_type: z.enum(['async', 'callback']).default('async'),
    callback_url: z
      .string()
      .refine(isRemoteUrl, { error: 'callback_url must be a public https:// URL.' })
      .optional(),
    provider: z.enum(['auto', 'value', 'official']).default('auto'),
    input: apixoLtx219bInputSchema,
  })
  .refine((body) => body.request_type !== 'callback' || body.callback_url !== undefined, {
    path: ['callback_url'],
    error: 'callback_url is required when request_type is "callback".',
  })

/** The APIXO generate-task request body. */
export type ApixoGenerateTaskBody = z.input<typeof apixoGenerateTaskBodySchema>

/** APIXO LTX-2 19B: four modes, LoRA styles, webhooks. */
export const apixoLtx219bModel = defineModel({
  id: entry.id,
  provider: entry.provider,
  title: facts.title,
  description: 'Text or image to video with optional LoRA styles, 480p to 1080p, 5 to 20 s (APIXO).',
  schema: apixoLtx219bInputSchema,
  output: {
    kind: 'video',
    audio: 'always',
    durationSec: facts.clipSec,
    generationSec: apixoGenerationSec,
  },
})
