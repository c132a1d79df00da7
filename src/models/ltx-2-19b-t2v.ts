import { z } from 'zod'
import { defineModel } from './define-model'
import { promptField, withMeta } from './fields'

/** Input of Segmind `ltx-2-19b-t2v`: text to video with synchronized audio. */
export const ltx219bT2vInputSchema = z.strictObject({
  prompt: promptField({ description: 'Describe the scene, the camera and the sound.' }),
  negative_prompt: withMeta(z.string().optional(), {
    label: 'Negative prompt',
    description: 'What you do not want to see.',
    widget: 'textarea',
    group: 'advanced',
  }),
  width: withMeta(z.int().min(256).max(1280).default(1024), {
    label: 'Width',
    unit: 'px',
    step: 16,
    widget: 'slider',
  }),
  height: withMeta(z.int().min(256).max(1280).default(768), {
    label: 'Height',
    unit: 'px',
    step: 16,
    widget: 'slider',
  }),
  num_frames: withMeta(z.int().min(1).max(400).default(161), {
    label: 'Frames',
    description: 'Number of frames to generate; length is frames ÷ FPS.',
    unit: 'frames',
    widget: 'slider',
  }),
  fps: withMeta(z.int().min(1).max(30).default(24), {
    label: 'Frames per second',
    unit: 'fps',
    widget: 'slider',
  }),
  seed: withMeta(z.int().optional(), {
    label: 'Seed',
    description: 'Same seed and parameters reproduce the same video.',
    widget: 'seed',
    group: 'advanced',
  }),
  guidance_scale: withMeta(z.number().min(1).max(20).default(4), {
    label: 'Guidance scale',
    description: 'How closely the video follows the prompt.',
    step: 0.5,
    widget: 'slider',
    group: 'advanced',
  }),
})

/** What you may pass to `ltx-2-19b-t2v` (defaults optional). */
export type Ltx219bT2vInput = z.input<typeof ltx219bT2vInputSchema>

/** Segmind LTX-2 19B text to video, with audio. */
export const ltx219bT2vModel = defineModel({
  id: 'ltx-2-19b-t2v',
  provider: 'segmind',
  title: 'LTX-2 19B · text to video',
  description: 'Synchronized video and audio from a text prompt (Segmind).',
  schema: ltx219bT2vInputSchema,
  output: {
    kind: 'video',
    audio: 'always',
    durationSec: (input) => input.num_frames / input.fps,
  },
  docsUrl: 'https://www.segmind.com/models/ltx-2-19b-t2v',
})
