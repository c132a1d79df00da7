import { z } from 'zod'
import { defineModel } from './define-model'
import { promptField, seedField, sliderField, withMeta } from './fields'
import { ltx219bT2vEntry as entry, ltx219bT2vFacts as facts } from './ltx-2-19b-t2v.facts'

/** Input of Segmind `ltx-2-19b-t2v`: text to video with synchronized audio. */
export const ltx219bT2vInputSchema = z.strictObject({
  prompt: promptField('Describe the scene, the camera and the sound.'),
  negative_prompt: withMeta(z.string().optional(), {
    label: 'Negative prompt',
    description: 'What you do not want to see.',
    widget: 'textarea',
    group: 'advanced',
  }),
  width: sliderField(z.int(), [256, 1280], facts.defaults.width, { label: 'Width', unit: 'px', step: 16 }),
  height: sliderField(z.int(), [256, 1280], facts.defaults.height, { label: 'Height', unit: 'px', step: 16 }),
  num_frames: sliderField(z.int(), [1, 400], facts.defaults.num_frames, {
    label: 'Frames',
    description: 'Number of frames to generate; length is frames ÷ FPS.',
    unit: 'frames',
  }),
  fps: sliderField(z.int(), [1, 30], facts.defaults.fps, { label: 'Frames per second', unit: 'fps' }),
  seed: seedField(z.int(), 'Same seed and parameters reproduce the same video.'),
  guidance_scale: sliderField(z.number(), [1, 20], 4, {
    label: 'Guidance scale',
    description: 'How closely the video follows the prompt.',
    step: 0.5,
    group: 'advanced',
  }),
})

/** What you may pass to `ltx-2-19b-t2v` (defaults optional). */
export type Ltx219bT2vInput = z.input<typeof ltx219bT2vInputSchema>

/** Segmind LTX-2 19B text to video, with audio. */
export const ltx219bT2vModel = defineModel({
  id: entry.id,
  provider: entry.provider,
  title: facts.title,
  description: 'Synchronized video and audio from a text prompt (Segmind).',
  schema: ltx219bT2vInputSchema,
  output: {
    kind: 'video',
    audio: 'always',
    durationSec: facts.clipSec,
  },
  docsUrl: 'https://www.segmind.com/models/ltx-2-19b-t2v',
})
