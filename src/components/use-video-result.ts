'use client'
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type MouseEvent, type SyntheticEvent } from 'react'
import type { JobMetrics, JobPhase, JobRef, JobSnapshot } from '../core/job'
import { isSafeUrl } from '../models/safe-url'
import type { Provider } from '../models/provider'
import { modelFacts, readJobInput } from '../models/model-facts'
import { isModelId } from '../models/model-catalog'
import { getter } from './merge-props'
import type { PartProps } from './component-slots'
import { defaultVideoResultLabels, type VideoResultLabels, type VideoUnavailableReason } from './video-result-labels'

export { defaultVideoResultLabels } from './video-result-labels'
export type { VideoResultLabels, VideoUnavailableReason } from './video-result-labels'

/**
 * What a video result shows: nothing yet, the video, a refusal of an unsafe URL, or why there
 * will be no video (`unavailable`: the job failed or its result expired).
 */
export type VideoResultState = 'empty' | 'ready' | 'refused' | 'unavailable'

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
  /**
   * The panel "Retake a segment" opens (the app's own, e.g. a section with a SegmentPicker):
   * the button then says `aria-controls` and `aria-expanded`, and once the panel opens after a
   * press, focus moves to its heading (the element its `aria-labelledby` names, else its first
   * heading, else the panel), so keyboard users land where the work continues.
   */
  retakePanel?: { readonly id: string; readonly open: boolean } | undefined
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
  getRetakeButtonProps: (props?: PartProps<'button'>) => PartProps<'button'> & {
    type: 'button'
    onClick: (event: MouseEvent<HTMLButtonElement>) => void
    disabled: boolean
    'aria-controls'?: string
    'aria-expanded'?: boolean
  }
  getCopyStatusProps: (props?: PartProps<'p'>) => PartProps<'p'> & { role: 'status'; 'aria-live': 'polite'; 'aria-label': string }
}

/** Where focus goes in a panel that opened: its heading (made focusable from script), else the panel. */
function focusPanel(panel: HTMLElement): void {
  const named = panel.getAttribute('aria-labelledby')?.split(' ')[0]
  const heading = (named && panel.ownerDocument.getElementById(named)) || panel.querySelector<HTMLElement>('h1, h2, h3, h4, h5, h6')
  const target = heading ?? panel
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.focus()
}

/**
 * How long "Copy link" leaves its status empty before saying the result again: a live region
 * set to the text it already holds says nothing, so a second copy would go unannounced.
 */
const COPY_ANNOUNCE_GAP_MS = 150

interface FromMedia {
  durationSec?: number | undefined
  resolution?: string | undefined
}

const size = (width: number, height: number) => `${width}×${height}`

function readInput(job: JobRef | undefined, input: unknown): FromMedia & { seed?: number | undefined } {
  const read = job && readJobInput(job.model, input)
  if (read === undefined) return {}
  const { width, height, resolution, seed } = read.values
  const durationSec = read.facts.clipSec?.(read.values)
  return {
    // The input is the app's to give: a length that cannot be a clip's is not shown or handed on.
    durationSec: (durationSec ?? 0) > 0 ? durationSec : undefined,
    resolution: typeof width === 'number' && typeof height === 'number' ? size(width, height) : typeof resolution === 'string' ? resolution : undefined,
    // -1 (APIXO) and an absent seed both mean "random": there is no seed to show.
    seed: typeof seed === 'number' && seed >= 0 ? seed : undefined,
  }
}

/**
 * Headless result of a finished job: the output URL (only `https:`, `http:` or `blob:`; anything
 * else is refused), what the video is (model, duration, resolution, seed, metrics), copy and
 * download, the provider's expiry notice and a hand-off to a segment retake.
 */
export function useVideoResult(snapshot: JobSnapshot | null | undefined, options: UseVideoResultOptions = {}): UseVideoResultResult {
  const { input, onRetake, retakePanel } = options
  const labels = useMemo(() => ({ ...defaultVideoResultLabels, ...options.labels }), [options.labels])
  const phase = snapshot?.phase
  // A snapshot always has its job; `job` is undefined only without one.
  const job = snapshot?.job
  const provider = job?.provider
  const raw = phase === 'succeeded' ? snapshot?.output?.videoUrl : undefined
  const url = isSafeUrl(raw, { https: true, http: true, blob: true }) ? raw : undefined
  const unavailable = phase === 'failed' || phase === 'expired' ? phase : undefined
  const state: VideoResultState = unavailable ? 'unavailable' : raw === undefined ? 'empty' : url === undefined ? 'refused' : 'ready'
  // Only primitives are read from it, so a fresh read each render changes nothing downstream.
  const fromInput = readInput(job, input)

  // Metadata belongs to one URL: a new video must not show the previous one's length.
  const [metadata, setMetadata] = useState<FromMedia & { url: string }>()
  const meta = metadata?.url === url ? metadata : undefined
  const durationSec = meta?.durationSec ?? fromInput.durationSec
  const resolution = meta?.resolution ?? fromInput.resolution

  // Like the metadata, a copy's outcome belongs to its URL.
  const [copy, setCopy] = useState<{ url: string; state: 'copied' | 'failed' }>()
  const copyState = copy !== undefined && copy.url === url ? copy.state : 'idle'
  // The pending re-announcement of the latest copy; a newer copy cancels it. (After unmounting,
  // its state update does nothing.)
  const announce = useRef<ReturnType<typeof setTimeout>>(undefined)
  const copyLink = useCallback(async () => {
    if (url === undefined) return
    clearTimeout(announce.current)
    // Empty the live region first and fill it a moment later, so a second copy (same words)
    // is announced again instead of leaving the region unchanged.
    setCopy(undefined)
    let state: 'copied' | 'failed' = 'failed'
    try {
      // No clipboard outside secure contexts: the TypeError is a failure to report, not a crash.
      await navigator.clipboard.writeText(url)
      state = 'copied'
    } catch {}
    await new Promise((resolve) => {
      announce.current = setTimeout(resolve, COPY_ANNOUNCE_GAP_MS)
    })
    setCopy({ url, state })
  }, [url])

  // (A URL means the job succeeded, so there is always a job to hand over with it.)
  const canRetake = url !== undefined && durationSec !== undefined && job !== undefined && onRetake !== undefined
  // A press asks for focus to move into the panel once it is open; a render follows the press
  // even when the panel was open already, so the effect below sees it.
  const focusWanted = useRef(false)
  const [, pressed] = useReducer((count: number) => count + 1, 0)
  const retake = useCallback(() => {
    if (!canRetake) return
    focusWanted.current = true
    pressed()
    onRetake({ url, durationSec, job })
  }, [canRetake, url, durationSec, job, onRetake])
  const panelId = retakePanel?.id
  const panelOpen = retakePanel?.open === true
  useEffect(() => {
    if (!focusWanted.current || !panelOpen || panelId === undefined) return
    const panel = document.getElementById(panelId)
    if (panel === null) return
    focusWanted.current = false
    focusPanel(panel)
  })

  const modelTitle = job !== undefined && isModelId(job.model) ? modelFacts[job.model].title : undefined
  const metrics = snapshot?.metrics
  const shown = (value: number | undefined, format: (value: number) => string) => (value === undefined ? undefined : format(value))
  // The rows in order, each with its value once formatted; a row without a value is left out.
  const rows = [
    ['model', modelTitle],
    ['duration', shown(durationSec, labels.seconds)],
    ['resolution', resolution],
    ['seed', shown(fromInput.seed, String)],
    // The metrics' rows are named after their JobMetrics fields; all but the cost are times.
    ...(['cost', 'queueTime', 'inferenceTime', 'totalTime'] as const).map(
      (key) => [key, shown(metrics?.[key], key === 'cost' ? labels.money : labels.seconds)] as const,
    ),
  ] as const
  const details: VideoResultDetail[] =
    state === 'ready' ? rows.flatMap(([key, value]) => (value === undefined ? [] : [{ key, label: labels[key], value }])) : []

  return {
    state,
    phase,
    notice: unavailable ? labels.unavailable[unavailable] : state === 'empty' ? labels.empty : undefined,
    url,
    error: state === 'refused' ? labels.refused : undefined,
    modelTitle,
    durationSec,
    resolution,
    seed: fromInput.seed,
    metrics,
    details,
    expiry: provider && labels.expiry[provider],
    copyState,
    copyMessage: copyState === 'copied' ? labels.copied : copyState === 'failed' ? labels.copyFailed : '',
    copyLink,
    canRetake,
    retake,
    labels,
    getRootProps: getter({ 'data-state': state, ...(phase && { 'data-phase': phase }), ...(provider && { 'data-provider': provider }) }),
    getVideoProps: getter({
      src: url,
      controls: true,
      preload: 'metadata',
      playsInline: true,
      'aria-label': labels.video,
      onLoadedMetadata: (event: SyntheticEvent<HTMLVideoElement>) => {
        const { duration, videoWidth, videoHeight } = event.currentTarget
        if (url !== undefined) {
          setMetadata({
            url,
            durationSec: Number.isFinite(duration) && duration > 0 ? duration : undefined,
            resolution: videoWidth > 0 && videoHeight > 0 ? size(videoWidth, videoHeight) : undefined,
          })
        }
      },
    } as const),
    getDownloadLinkProps: getter({ href: url, download: '', target: '_blank', rel: 'noopener noreferrer' } as const),
    getCopyButtonProps: getter({ type: 'button', onClick: () => void copyLink(), disabled: url === undefined } as const),
    getRetakeButtonProps: getter({
      type: 'button',
      onClick: retake,
      disabled: !canRetake,
      ...(panelId !== undefined && { 'aria-controls': panelId, 'aria-expanded': panelOpen }),
    } as const),
    getCopyStatusProps: getter({ role: 'status', 'aria-live': 'polite', 'aria-label': labels.copyStatus } as const),
  }
}
