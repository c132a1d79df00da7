'use client'
import { mutationOptions } from '@tanstack/react-query'
import type { JobParent, JobRef } from '../core/job'
import { LtxError } from '../models/ltx-error'
import { toFieldIssues } from '../models/to-field-issues'
import { ltxRetakeVideoInputSchemaFor, ltxRetakeVideoModel as retake, type LtxRetakeVideoInput } from '../models/ltx-retake-video'
import type { VideoTransport } from '../transport/video-transport'
import { transportFor, useLtxContext } from './ltx-context'
import { useSubmitMutation, type UseSubmitVideoResult } from './use-submit-video'
import { intentSlot, withIntent } from './submit-intent'

/** The video a retake edits: its URL and its length in seconds. */
export interface RetakeSource {
  url: string
  durationSec: number
  /** The job that made the source video, if it came from one (kept in the lineage). */
  job?: JobRef
}

/** The segment to regenerate and how, as SegmentPicker produces it. */
export interface RetakeRequest {
  /** Segment start, in seconds from the beginning of the source. */
  start: number
  /** Segment length in seconds, 2 to 20, not past the end of the source. */
  duration: number
  mode?: LtxRetakeVideoInput['mode']
  prompt?: string
}

/** Options of {@link useRetake}. */
export interface UseRetakeOptions {
  source: RetakeSource
  /** Called once with the new job; its `parent` names the source video and the segment. */
  onSubmitted?: (job: JobRef) => void
}

/** What {@link useRetake} returns: the same shape as useSubmitVideo; `job.parent` holds the lineage. */
export type UseRetakeResult = UseSubmitVideoResult<RetakeRequest>

/**
 * Mutation options for retaking a segment of `source`: the segment is checked against the
 * source's length before anything is sent, the submit is never retried, and the new job's
 * `parent` records the source and segment.
 */
export function retakeOptions(transport: VideoTransport, source: RetakeSource) {
  return mutationOptions<JobRef, LtxError, RetakeRequest>({
    mutationKey: ['ltx', 'submit', retake.id],
    retry: false,
    mutationFn: async (request) => {
      const input = {
        video_uri: source.url,
        start_time: request.start,
        duration: request.duration,
        ...(request.mode === undefined ? {} : { mode: request.mode }),
        ...(request.prompt === undefined || request.prompt === '' ? {} : { prompt: request.prompt }),
      }
      const schema = ltxRetakeVideoInputSchemaFor(source.durationSec)
      const parsed = schema.safeParse(input)
      if (!parsed.success) {
        const issues = toFieldIssues(schema, input, parsed.error.issues, { modelTitle: retake.title })
        throw new LtxError('validation', issues[0]?.message ?? 'The retake is not valid.', { issues, retryable: false })
      }
      const job = await transport.submit(retake.id, parsed.data)
      const parent: JobParent = {
        videoUrl: source.url,
        start: request.start,
        duration: request.duration,
        ...(source.job === undefined ? {} : { job: { id: source.job.id, provider: source.job.provider, model: source.job.model } }),
      }
      return { ...job, parent }
    },
  })
}

/**
 * Regenerate one segment of a video with `ltx-retake-video`. The segment is checked against
 * the source's length before anything is sent (start within the video, 2–20 s, not past the
 * end); the new job records its parent so a UI can show where it came from. As with
 * useSubmitVideo, after a submit that may have made a job the next needs `{ confirmResubmit: true }`.
 */
export function useRetake({ source, onSubmitted }: UseRetakeOptions): UseRetakeResult {
  const context = useLtxContext()
  const slot = intentSlot(undefined, retake.id)
  return useSubmitMutation(retakeOptions(withIntent(transportFor(context, retake.provider), context.store, slot), source), onSubmitted, undefined, slot)
}
