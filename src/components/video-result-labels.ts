import type { JobPhase } from '../core/job'
import type { Provider } from '../models/provider'

/** The phases after which a job has no video to show. */
export type VideoUnavailableReason = Extract<JobPhase, 'failed' | 'expired'>

/** Every string a video result shows, in English by default. */
export interface VideoResultLabels {
  empty: string
  /** Shown instead of the video when the job failed or its result expired. */
  unavailable: Record<VideoUnavailableReason, string>
  /** Shown (as an alert) instead of the video when its URL is not `https:`, `http:` or `blob:`. */
  refused: string
  /** The accessible name of the `<video>`. */
  video: string
  /** The accessible name of the details list. */
  details: string
  model: string
  duration: string
  resolution: string
  seed: string
  cost: string
  queueTime: string
  inferenceTime: string
  totalTime: string
  /** A provider time metric or the video's length, in seconds. */
  seconds: (value: number) => string
  /** The job's cost, as the provider bills it (US dollars). */
  money: (value: number) => string
  download: string
  copyLink: string
  copied: string
  copyFailed: string
  /** The accessible name of the copy link's status region. */
  copyStatus: string
  retake: string
  /** The expiry notice for a provider's results. */
  expiry: Record<Provider, string>
}

/** The English labels of {@link VideoResultLabels}. */
export const defaultVideoResultLabels: VideoResultLabels = {
  empty: 'No video yet.',
  unavailable: {
    failed: 'No video: the job failed.',
    expired: 'No video: the result expired.',
  },
  refused: 'This video could not be shown: its link is not an http, https or blob URL, so it was refused.',
  video: 'Generated video',
  details: 'Video details',
  model: 'Model',
  duration: 'Duration',
  resolution: 'Resolution',
  seed: 'Seed',
  cost: 'Cost',
  queueTime: 'Queue time',
  inferenceTime: 'Generation time',
  totalTime: 'Total time',
  seconds: (value) => `${Number(value.toFixed(1))} s`,
  money: (value) => `$${value.toFixed(2)}`,
  download: 'Download',
  copyLink: 'Copy link',
  copied: 'Link copied.',
  copyFailed: 'Could not copy the link; copy it from the download link instead.',
  copyStatus: 'Copy link status',
  retake: 'Retake a segment',
  expiry: {
    segmind: 'Segmind keeps this result for one hour: download the video to keep it.',
    apixo: 'This link expires within 15 days (possibly 24 hours): download the video to keep it.',
  },
}
