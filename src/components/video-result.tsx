'use client'
import type { JobSnapshot } from '../core/job'
import { IMAGE_MEDIA_TYPES } from '../models/image-limits'
import { isSafeUrl } from '../models/safe-url'
import { partClasses } from './part-classes'
import type { ButtonSlot, LinkSlot, VideoSlot } from './component-slots'
import { useVideoResult, type RetakeHandoff, type UseVideoResultOptions, type VideoResultLabels } from './use-video-result'

/** Inner parts of {@link VideoResult} a design system can replace with its own. */
export interface VideoResultComponents {
  Video: VideoSlot
  /** "Copy link" and "Retake a segment". */
  Button: ButtonSlot
  /** The download link. */
  Link: LinkSlot
}

/** A text track for the video: captions or subtitles (WebVTT). */
export interface VideoCaptions {
  src: string
  /** The language, e.g. `en`. */
  srcLang: string
  /** What the player's menu calls it, e.g. "English". */
  label: string
  kind?: 'captions' | 'subtitles'
  default?: boolean
}

/** Props of {@link VideoResult}. */
export interface VideoResultProps {
  /** The job's latest snapshot; the video shows once it has succeeded. */
  snapshot: JobSnapshot | null | undefined
  /** The input the job was submitted with, for duration, resolution and seed. */
  input?: unknown
  /** Shows "Retake a segment", which calls this with the video's URL, length and job. */
  onRetake?: (source: RetakeHandoff) => void
  /** The app's panel that "Retake a segment" opens: wires `aria-expanded` / `aria-controls` and moves focus into it. */
  retakePanel?: UseVideoResultOptions['retakePanel'] | undefined
  className?: string
  /** Drop the `ltx-` classes (keeping structure, roles and `data-*`), to style from scratch. */
  unstyled?: boolean
  labels?: Partial<VideoResultLabels>
  components?: Partial<VideoResultComponents>
  /**
   * Show a compact notice while there is no video (no job yet, still running, failed or
   * expired). By default nothing shows: JobProgress already says where the job stands.
   */
  placeholder?: boolean
  /** An image to show in the player before the video plays (`https:`, `http:`, `blob:` or a `data:image` URI). */
  poster?: string
  /** Caption or subtitle tracks for the video. */
  captions?: readonly VideoCaptions[]
}

const POSTER_URL = { https: true, http: true, blob: true, dataMediaTypes: IMAGE_MEDIA_TYPES } as const
const TRACK_URL = { https: true, http: true, blob: true } as const

/**
 * A finished job's video in `<video controls>` (only `https:`, `http:` and `blob:` URLs; anything
 * else is refused with an alert), its details and metrics, download, copy link, the provider's
 * expiry notice and "Retake a segment"; for a failed or expired job, why there is no video.
 */
export function VideoResult({ snapshot, className, unstyled, components, placeholder, poster, captions, ...options }: VideoResultProps) {
  const result = useVideoResult(snapshot, options)
  const Video = components?.Video ?? 'video'
  const Button = components?.Button ?? 'button'
  const Link = components?.Link ?? 'a'
  const part = partClasses(unstyled, 'ltx-video-result', className)
  const { state, notice, labels, expiry } = result

  if (notice !== undefined && placeholder !== true) return null
  return (
    <div {...result.getRootProps({ className: part() })}>
      {/* The notice of `empty` or `unavailable`, styled by which. */}
      {notice !== undefined && <p className={part(state)}>{notice}</p>}
      {state === 'refused' && (
        <p role="alert" className={part('error')}>
          {result.error}
        </p>
      )}
      {state === 'ready' && (
        <>
          <Video {...result.getVideoProps({ className: part('video'), poster: isSafeUrl(poster, POSTER_URL) ? poster : undefined })}>
            {captions
              ?.filter((track) => isSafeUrl(track.src, TRACK_URL))
              .map((track) => (
                <track
                  key={track.src}
                  src={track.src}
                  srcLang={track.srcLang}
                  label={track.label}
                  kind={track.kind ?? 'captions'}
                  default={track.default}
                />
              ))}
          </Video>
          <dl aria-label={labels.details} className={part('details')}>
            {result.details.map((detail) => (
              <div key={detail.key} data-detail={detail.key} className={part('detail')}>
                <dt>{detail.label}</dt>
                <dd>{detail.value}</dd>
              </div>
            ))}
          </dl>
          <div className={part('actions')}>
            <Link {...result.getDownloadLinkProps({ className: part('link') })}>
              {labels.download}
            </Link>
            <Button {...result.getCopyButtonProps({ className: part('button') })}>
              {labels.copyLink}
            </Button>
            {options.onRetake !== undefined && (
              <Button {...result.getRetakeButtonProps({ className: part('button') })}>{labels.retake}</Button>
            )}
          </div>
          {expiry !== undefined && (
            <p role="note" className={part('expiry')}>
              {expiry}
            </p>
          )}
        </>
      )}
      {/* Always mounted, so the first "Link copied" is announced. */}
      <p {...result.getCopyStatusProps({ className: part('copy-status'), 'data-copy': result.copyState })}>
        {result.copyMessage}
      </p>
    </div>
  )
}
