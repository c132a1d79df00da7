import { z } from 'zod'
import type { FieldIssue } from './ltx-error'
import { defineModel } from './define-model'
import { urlField, withMeta } from './fields'
import { ltxRetakeVideoEntry as entry, ltxRetakeVideoFacts as facts, RETAKE_MAX_SEC, RETAKE_MIN_SEC } from './ltx-retake-video.facts'

export { RETAKE_MAX_SEC, RETAKE_MIN_SEC } from './ltx-retake-video.facts'
import { isSegmentLength, SEGMENT_EPSILON } from './retake-segment'

/** Input of Segmind `ltx-retake-video`: regenerate one time segment of an existing video. */
export const ltxRetakeVideoInputSchema = z.strictObject({
  video_uri: urlField({
    label: 'Source video',
    description: 'The video to edit: an https URL or a data URI.',
    data: 'video',
  }),
  start_time: withMeta(z.number().min(0), {
    label: 'Start time',
    description: 'Where the segment starts, in seconds from the beginning of the video.',
    unit: 's',
    step: 0.1,
    widget: 'number',
  }),
  duration: withMeta(z.number().min(RETAKE_MIN_SEC).max(RETAKE_MAX_SEC), {
    label: 'Segment length',
    description: 'How many seconds to regenerate, from 2 to 20.',
    unit: 's',
    step: 0.1,
    widget: 'number',
  }),
  prompt: withMeta(z.string().optional(), {
    label: 'Prompt',
    description: 'What should change in the segment (effects, mood, setting).',
    widget: 'textarea',
  }),
  mode: withMeta(z.enum(['replace_audio_and_video', 'replace_audio', 'replace_video']).default('replace_audio_and_video'), {
    label: 'What to replace',
    widget: 'radios',
    optionLabels: {
      replace_audio_and_video: 'Audio and video',
      replace_audio: 'Audio only',
      replace_video: 'Video only',
    },
  }),
})

/** What you may pass to `ltx-retake-video` (defaults optional). */
export type LtxRetakeVideoInput = z.input<typeof ltxRetakeVideoInputSchema>

/** A segment of a source video, in seconds. */
export interface RetakeSegment {
  start_time: number
  duration: number
}

/**
 * Check a segment against the source video's length: the start lies within the video, the
 * segment is 2–20 seconds long, and it does not run past the end. Returns the problems found
 * (empty when the segment is fine), worded for people.
 */
export function checkRetakeSegment(segment: RetakeSegment, sourceDurationSec: number): FieldIssue[] {
  const issues: FieldIssue[] = []
  const { start_time: start, duration } = segment
  if (!Number.isFinite(sourceDurationSec) || sourceDurationSec <= 0) {
    return [{ path: ['video_uri'], message: 'Source video length is unknown; load the video before choosing a segment.' }]
  }
  const total = formatSeconds(sourceDurationSec)
  if (sourceDurationSec + SEGMENT_EPSILON < RETAKE_MIN_SEC) {
    return [{ path: ['video_uri'], message: `Source video is ${total} long; a retake needs at least ${RETAKE_MIN_SEC} s.` }]
  }
  if (!Number.isFinite(start) || start < 0 || start >= sourceDurationSec) {
    issues.push({ path: ['start_time'], message: `Start time must be within the video (0 to ${total}).` })
  }
  if (!isSegmentLength(duration)) {
    issues.push({ path: ['duration'], message: `Segment length must be between ${RETAKE_MIN_SEC} and ${RETAKE_MAX_SEC} seconds.` })
  } else if (issues.length === 0 && start + duration > sourceDurationSec + SEGMENT_EPSILON) {
    issues.push({
      path: ['duration'],
      message: `Segment runs past the end of the video: ${formatSeconds(start)} + ${formatSeconds(duration)} is more than ${total}.`,
    })
  }
  return issues
}

function formatSeconds(value: number): string {
  return `${Number(value.toFixed(2))} s`
}

/** The retake schema with the segment checked against a known source length. */
export function ltxRetakeVideoInputSchemaFor(sourceDurationSec: number) {
  return ltxRetakeVideoInputSchema.superRefine((input, ctx) => {
    for (const issue of checkRetakeSegment(input, sourceDurationSec)) {
      ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message })
    }
  })
}

/** Segmind LTX Retake: regenerate a 2–20 s segment of a video, keeping the scene continuous. */
export const ltxRetakeVideoModel = defineModel({
  id: entry.id,
  provider: entry.provider,
  title: facts.title,
  description: 'Regenerate one time segment of an existing video, keeping the rest (Segmind).',
  schema: ltxRetakeVideoInputSchema,
  output: { kind: 'video', audio: 'source' },
  docsUrl: 'https://www.segmind.com/models/ltx-retake-video',
})
