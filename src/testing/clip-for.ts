import { isRecord } from '../models/is-record'
import type { ModelId } from '../models/model-catalog'
import { getModel } from '../models/registry'
import type { AudioOutput } from '../models/define-model'
import { parseSampleClip, type SampleClip, type SampleVideoName } from './sample-videos'

/** The frame rate of a clip whose model has no fps field: what LTX models render at. */
const CLIP_FPS = 24

/** Which sample a job returns, by its model's audio rule. */
const CLIP_NAMES = {
  always: () => 'with-audio',
  source: (_input, source) => source?.name ?? 'with-audio',
  never: () => 'silent',
  input: (input) => (isRecord(input) && input.generate_audio === false ? 'silent' : 'with-audio'),
} as const satisfies Record<AudioOutput, (input: unknown, source: SampleClip | undefined) => SampleVideoName>

/**
 * The clip a job returns, as long as the input asks: the model's own `durationSec` (a t2v job
 * gets exactly `num_frames` frames at `fps`, ltx-video `length` frames at 24 fps, the others
 * `duration` s at 24 fps). A retake returns its source's length when the source is one of the
 * simulator's clips; for any other source, whose length it cannot know, the clip ends where the
 * retaken segment does.
 */
export function clipFor(model: ModelId, input: unknown): SampleClip {
  const fields = isRecord(input) ? input : {}
  const source = typeof fields.video_uri === 'string' ? parseSampleClip(fields.video_uri) : undefined
  const name = CLIP_NAMES[getModel(model).output.audio](input, source)
  if (source !== undefined) return { ...source, name }
  const fps = typeof fields.fps === 'number' && Number.isInteger(fields.fps) && fields.fps >= 1 ? fields.fps : CLIP_FPS
  const output = getModel(model).output as { durationSec?: (input: never) => number | undefined }
  const retakeEnd = Number(fields.start_time ?? 0) + Number(fields.duration ?? 0)
  const seconds = output.durationSec?.(input as never) ?? retakeEnd
  const frames = Number.isFinite(seconds) && seconds > 0 ? Math.max(1, Math.round(seconds * fps)) : 4 * fps
  return { name, frames, fps }
}
