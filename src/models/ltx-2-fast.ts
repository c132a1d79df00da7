import { z } from 'zod'
import { defineModel } from './define-model'
import { promptField, urlField, withMeta } from './fields'
import { ltx2FastEntry as entry, ltx2FastFacts as facts } from './ltx-2-fast.facts'

/** Input of Segmind `ltx-2-fast`: fast text or image to video, optional audio. */
export const ltx2FastInputSchema = z.strictObject({
  prompt: promptField('Detail-oriented prompts give better results.'),
  duration: withMeta(z.literal([6, 8, 10]).default(facts.defaults.duration), {
    label: 'Duration',
    unit: 's',
    widget: 'segmented',
  }),
  generate_audio: withMeta(z.boolean().default(true), {
    label: 'Generate audio',
    description: 'Adds audio to the video.',
    widget: 'switch',
  }),
  image: urlField({ label: 'Image', description: 'Optional image to animate.', data: 'image' }).optional(),
  resolution: withMeta(z.enum(['1080p', '2k', '4k']).default(facts.defaults.resolution), {
    label: 'Resolution',
    widget: 'radios',
    optionLabels: { '1080p': '1080p', '2k': '2K', '4k': '4K' },
  }),
})

/** What you may pass to `ltx-2-fast` (defaults optional). */
export type Ltx2FastInput = z.input<typeof ltx2FastInputSchema>

/** Segmind LTX-2 Fast: 1080p to 4K, 6–10 s, audio on request. */
export const ltx2FastModel = defineModel({
  id: entry.id,
  provider: entry.provider,
  title: facts.title,
  description: 'Fast, high-quality text or image to video, 1080p to 4K, with optional audio (Segmind).',
  schema: ltx2FastInputSchema,
  output: {
    kind: 'video',
    audio: 'input',
    durationSec: facts.clipSec,
  },
  docsUrl: 'https://www.segmind.com/models/ltx-2-fast',
})
