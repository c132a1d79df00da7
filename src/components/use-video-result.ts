'use client'
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type SyntheticEvent } from 'react'
import type { JobMetrics, JobPhase, JobRef, JobSnapshot } from '../core/job'
import { isSafeUrl } from '../core/safe-url'
import type { Provider } from '../models/define-model'
import { getModel, isModelId } from '../models/registry'
import { mergeProps } from './class-names'
import type { PartProps } from './component-slots'
import { formatClock } from './format-time'

/**
 * What a video result shows: nothing yet, the video, a refusal of an unsafe URL, or why there
 * will be no video (`unavailable`: the job failed or its result expired).
 */
export type VideoResultState = 'empty' | 'ready' | 'refused' | 'unavailable'

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
  /** A provider time metric, in seconds. */
  seconds: (value: number) => string
  download: string
  copyLink: string
  copied: string
  copyFailed: string
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
  download: 'Download',
  copyLink: 'Copy link',
  copied: 'Link copied.',
  copyFailed: 'Could not copy the link; copy it from the download link instead.',
  retake: 'Retake a segment',
  expiry: {
    segmind: 'Segmind keeps this result for one hour: download the video to keep it.',
    apixo: 'This link expires within 15 days (possibly 24 hours): download the video to keep it.',
  },
}

/** The video a retake starts from, as handed to `onRetake` (and on to SegmentPicker and useRetake). */
export interface RetakeHandoff {
  url: string
  durationSec: number
  /** The job that made the video, so `useRetake({ source })` records it as the retake's `parent.job`. */
  job?: JobRef
}

/** Options of {@link useVideoResult}. */
export interface UseVideoResultOptions {
  /** The input the job was submitted with: duration, resolution and seed until the video's metadata loads. */
  input?: unknown
  /** Called by "Retake a segment" with the video's URL, length and job. */
  onRetake?: (source: RetakeHandoff) => void
  labels?: Partial<VideoResultLabels>
}

/** One row of the details list. */
export interface VideoResultDetail {
  key: 'model' | 'duration' | 'resolution' | 'seed' | 'cost' | 'queueTime' | 'inferenceTime' | 'totalTime'
  label: string
  value: string
}

/** What {@link useVideoResult} returns: state, details and prop getters for each part. */
export interface UseVideoResultResult {
  state: VideoResultState
  /** The snapshot's phase, `undefined` without a snapshot. */
  phase: JobPhase | undefined
  /** What to show instead of a video: `labels.empty` or the `unavailable` reason's label; `undefined` otherwise. */
  notice: string | undefined
  /** The video URL, only when it is `https:`, `http:` or `blob:`; never anything else. */
  url: string | undefined
  /** The refusal message when the URL was refused. */
  error: string | undefined
  modelTitle: string | undefined
  durationSec: number | undefined
  resolution: string | undefined
  seed: number | undefined
  metrics: JobMetrics | undefined
  /** Rows to show: model, duration, resolution, seed and whichever metrics are present. */
  details: VideoResultDetail[]
  /** The expiry notice for the job's provider. */
  expiry: string | undefined
  copyState: 'idle' | 'copied' | 'failed'
  /** The confirmation (or failure) of "Copy link", for a polite live region. */
  copyMessage: string
  copyLink: () => Promise<void>
  /** Whether "Retake a segment" has what it needs: a URL, a known length and an `onRetake`. */
  canRetake: boolean
  retake: () => void
  labels: VideoResultLabels
  /** Each getter merges the caller's `props` over its own (see {@link PartProps}): handlers chained, classes joined. */
  getRootProps: (
    props?: PartProps<'div'>,
  ) => PartProps<'div'> & { 'data-state': VideoResultState; 'data-phase'?: JobPhase; 'data-provider'?: Provider }
  getVideoProps: (props?: PartProps<'video'>) => PartProps<'video'> & {
    src: string | undefined
    controls: true
    preload: 'metadata'
    playsInline: true
    'aria-label': string
    onLoadedMetadata: (event: SyntheticEvent<HTMLVideoElement>) => void
  }
  /**
   * The download link. Browsers ignore `download` for cross-origin URLs (providers' CDNs), so it
   * opens in a new tab rather than navigating away from the app.
   */
  getDownloadLinkProps: (
    props?: PartProps<'a'>,
  ) => PartProps<'a'> & { href: string | undefined; download: ''; target: '_blank'; rel: 'noopener noreferrer' }
  getCopyButtonProps: (
    props?: PartProps<'button'>,
  ) => PartProps<'button'> & { type: 'button'; onClick: (event: MouseEvent<HTMLButtonElement>) => void; disabled: boolean }
  getRetakeButtonProps: (
    props?: PartProps<'button'>,
  ) => PartProps<'button'> & { type: 'button'; onClick: (event: MouseEvent<HTMLButtonElement>) => void; disabled: boolean }
  getCopyStatusProps: (props?: PartProps<'p'>) => PartProps<'p'> & { role: 'status'; 'aria-live': 'polite' }
}

/**
 * How long "Copy link" leaves its status empty before saying the result again: a live region
 * set to the text it already holds says nothing, so a second copy would go unannounced.
 */
const COPY_ANNOUNCE_GAP_MS = 150

interface FromInput {
  durationSec?: number
  resolution?: string
  seed?: number
}

function readInput(snapshot: JobSnapshot | undefined, input: unknown): FromInput {
  if (snapshot === undefined || input === undefined || !isModelId(snapshot.job.model)) return {}
  const model = getModel(snapshot.job.model)
  const parsed = model.schema.safeParse(input)
  if (!parsed.success) return {}
  const values = parsed.data as Record<string, unknown>
  const out: FromInput = {}
  const durationSec = 'durationSec' in model.output ? model.output.durationSec : undefined
  // The schema parsed the input, so the model's own function gets the shape it declares.
  const duration = durationSec?.(parsed.data as never)
  if (duration !== undefined && Number.isFinite(duration)) out.durationSec = duration
  if (typeof values.width === 'number' && typeof values.height === 'number') out.resolution = `${values.width}×${values.height}`
  else if (typeof values.resolution === 'string') out.resolution = values.resolution
  // -1 (APIXO) and an absent seed both mean "random": there is no seed to show.
  if (typeof values.seed === 'number' && values.seed >= 0) out.seed = values.seed
  return out
}

interface Metadata {
  url: string
  durationSec?: number
  resolution?: string
}

/**
 * Headless result of a finished job: the output URL (only `https:`, `http:` or `blob:`; anything
 * else is refused), what the video is (model, duration, resolution, seed, metrics), copy and
 * download, the provider's expiry notice and a hand-off to a segment retake.
 */
export function useVideoResult(snapshot: JobSnapshot | null | undefined, options: UseVideoResultOptions = {}): UseVideoResultResult {
  const labels = useMemo(() => ({ ...defaultVideoResultLabels, ...options.labels }), [options.labels])
  const current = snapshot ?? undefined
  const phase = current?.phase
  const raw = phase === 'succeeded' ? current?.output?.videoUrl : undefined
  const url = isSafeUrl(raw, { https: true, http: true, blob: true }) ? raw : undefined
  const unavailable = phase === 'failed' || phase === 'expired' ? phase : undefined
  const state: VideoResultState =
    unavailable !== undefined ? 'unavailable' : raw === undefined ? 'empty' : url === undefined ? 'refused' : 'ready'
  const { input, onRetake } = options
  const fromInput = useMemo(() => readInput(current, input), [current, input])

  // Metadata belongs to one URL: a new video must not show the previous one's length.
  const [metadata, setMetadata] = useState<Metadata | undefined>(undefined)
  const meta = metadata !== undefined && metadata.url === url ? metadata : undefined
  const durationSec = meta?.durationSec ?? fromInput.durationSec
  const resolution = meta?.resolution ?? fromInput.resolution
  const onLoadedMetadata = useCallback((event: SyntheticEvent<HTMLVideoElement>) => {
    if (url === undefined) return
    const video = event.currentTarget
    const next: Metadata = { url }
    if (Number.isFinite(video.duration) && video.duration > 0) next.durationSec = video.duration
    if (video.videoWidth > 0 && video.videoHeight > 0) next.resolution = `${video.videoWidth}×${video.videoHeight}`
    setMetadata(next)
  }, [url])

  const [copy, setCopy] = useState<{ url: string; state: 'copied' | 'failed' } | undefined>(undefined)
  const copyState = copy !== undefined && copy.url === url ? copy.state : 'idle'
  // The pending re-announcement of the latest copy; a newer copy or unmounting cancels it.
  const announce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(announce.current), [])
  const copyLink = useCallback(async () => {
    if (url === undefined) return
    clearTimeout(announce.current)
    // Empty the live region first and fill it a moment later, so a second copy (same words)
    // is announced again instead of leaving the region unchanged.
    setCopy(undefined)
    let state: 'copied' | 'failed'
    try {
      // Absent outside secure contexts; that is a failure to report, not a crash.
      if (typeof navigator === 'undefined' || navigator.clipboard === undefined) throw new Error('No clipboard')
      await navigator.clipboard.writeText(url)
      state = 'copied'
    } catch {
      state = 'failed'
    }
    await new Promise<void>((resolve) => {
      announce.current = setTimeout(resolve, COPY_ANNOUNCE_GAP_MS)
    })
    setCopy({ url, state })
  }, [url])

  const job = current?.job
  const canRetake = url !== undefined && durationSec !== undefined && onRetake !== undefined
  const retake = useCallback(() => {
    if (url !== undefined && durationSec !== undefined) onRetake?.(job === undefined ? { url, durationSec } : { url, durationSec, job })
  }, [url, durationSec, job, onRetake])

  const modelTitle = current !== undefined && isModelId(current.job.model) ? getModel(current.job.model).title : undefined
  const metrics = current?.metrics
  const details: VideoResultDetail[] = []
  if (state === 'ready') {
    if (modelTitle !== undefined) details.push({ key: 'model', label: labels.model, value: modelTitle })
    if (durationSec !== undefined) details.push({ key: 'duration', label: labels.duration, value: formatClock(durationSec) })
    if (resolution !== undefined) details.push({ key: 'resolution', label: labels.resolution, value: resolution })
    if (fromInput.seed !== undefined) details.push({ key: 'seed', label: labels.seed, value: String(fromInput.seed) })
    if (metrics?.cost !== undefined) details.push({ key: 'cost', label: labels.cost, value: String(metrics.cost) })
    for (const key of ['queueTime', 'inferenceTime', 'totalTime'] as const) {
      const value = metrics?.[key]
      if (value !== undefined) details.push({ key, label: labels[key], value: labels.seconds(value) })
    }
  }
  const provider = current?.job.provider

  return {
    state,
    phase,
    notice: unavailable !== undefined ? labels.unavailable[unavailable] : state === 'empty' ? labels.empty : undefined,
    url,
    error: state === 'refused' ? labels.refused : undefined,
    modelTitle,
    durationSec,
    resolution,
    seed: fromInput.seed,
    metrics,
    details,
    expiry: provider === undefined ? undefined : labels.expiry[provider],
    copyState,
    copyMessage: copyState === 'copied' ? labels.copied : copyState === 'failed' ? labels.copyFailed : '',
    copyLink,
    canRetake,
    retake,
    labels,
    getRootProps: (props) =>
      mergeProps(
        {
          'data-state': state,
          ...(phase === undefined ? {} : { 'data-phase': phase }),
          ...(provider === undefined ? {} : { 'data-provider': provider }),
        },
        props,
      ),
    getVideoProps: (props) =>
      mergeProps(
        { src: url, controls: true, preload: 'metadata', playsInline: true, 'aria-label': labels.video, onLoadedMetadata } as const,
        props,
      ),
    getDownloadLinkProps: (props) => mergeProps({ href: url, download: '', target: '_blank', rel: 'noopener noreferrer' } as const, props),
    getCopyButtonProps: (props) => mergeProps({ type: 'button', onClick: () => void copyLink(), disabled: url === undefined } as const, props),
    getRetakeButtonProps: (props) => mergeProps({ type: 'button', onClick: retake, disabled: !canRetake } as const, props),
    getCopyStatusProps: (props) => mergeProps({ role: 'status', 'aria-live': 'polite' } as const, props),
  }
}
