import { z } from 'zod'
import { defineModel } from './define-model'
import { promptField, seedField, sliderField, urlField, withMeta } from './fields'
import { ltxVideoEntry as entry, ltxVideoFacts as facts } from './ltx-video.facts'

export { LTX_VIDEO_FPS } from './ltx-video.facts'

/**
 * The seed names ten ratios and "+3 more"; the three others are the wide and tall cinema
 * ratios of LTX-Video's public model card.
 */
export const LTX_VIDEO_ASPECT_RATIOS = [
  '1:1', '1:2', '2:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '9:21', '21:9',
] as const

/** Input of Segmind `ltx-video` (LTX-Video 0.9): text or image to video. */
export const ltxVideoInputSchema = z.strictObject({
  prompt: promptField('Long, descriptive prompts work best; short ones give poor results.'),
  negative_prompt: withMeta(z.string().default('low quality, worst quality, deformed, distorted'), {
    label: 'Negative prompt',
    description: 'Things you do not want to see in your video.',
    widget: 'textarea',
    group: 'advanced',
  }),
  aspect_ratio: withMeta(z.enum(LTX_VIDEO_ASPECT_RATIOS).default('3:2'), {
    label: 'Aspect ratio',
    description: 'Ignored when an image is given.',
    widget: 'select',
  }),
  cfg: sliderField(z.number(), [1, 20], 3, {
    label: 'CFG',
    description: 'How strongly the video follows the prompt.',
    step: 0.5,
    group: 'advanced',
  }),
  image: urlField({ label: 'Start image', description: 'Optional first frame.', data: 'image' }).optional(),
  length: withMeta(z.literal([97, 129, 161, 193, 225, 257]).default(facts.defaults.length), {
    label: 'Length',
    description: 'Length of the clip in frames, at 24 frames per second.',
    unit: 'frames',
    widget: 'segmented',
  }),
  seed: seedField(z.int(), 'Random by default; set one to reproduce a video.'),
  steps: sliderField(z.int(), [1, 50], 30, { label: 'Steps', unit: 'steps', group: 'advanced' }),
  target_size: withMeta(z.literal([512, 576, 640, 704, 768, 832, 896, 960, 1024]).default(640), {
    label: 'Target size',
    unit: 'px',
    widget: 'select',
  }),
})

/** What you may pass to `ltx-video` (defaults optional). */
export type LtxVideoInput = z.input<typeof ltxVideoInputSchema>

/** Segmind LTX-Video 0.9: text or image to video, 24 FPS, no audio. */
export const ltxVideoModel = defineModel({
  id: entry.id,
  provider: entry.provider,
  title: facts.title,
  description: 'Text or image to video with the DiT-based LTX-Video 0.9 (Segmind).',
  schema: ltxVideoInputSchema,
  output: {
    kind: 'video',
    audio: 'never',
    durationSec: facts.clipSec,
  },
  docsUrl: 'https://www.segmind.com/models/ltx-video',
})
