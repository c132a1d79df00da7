'use client'
import type { JobSnapshot } from '../core/job'
import { partClasses } from './class-names'
import type { ButtonSlot, LinkSlot, VideoSlot } from './component-slots'
import { useVideoResult, type RetakeHandoff, type VideoResultLabels } from './use-video-result'

/** Inner parts of {@link VideoResult} a design system can replace with its own. */
export interface VideoResultComponents {
  Video: VideoSlot
  /** "Copy link" and "Retake a segment". */
  Button: ButtonSlot
  /** The download link. */
  Link: LinkSlot
}

/** Props of {@link VideoResult}. */
export interface VideoResultProps {
  /** The job's latest snapshot; the video shows once it has succeeded. */
  snapshot: JobSnapshot | null | undefined
  /** The input the job was submitted with, for duration, resolution and seed. */
  input?: unknown
  /** Shows "Retake a segment", which calls this with the video's URL, length and job. */
  onRetake?: (source: RetakeHandoff) => void
  className?: string
  /** Drop the `ltx-` classes (keeping structure, roles and `data-*`), to style from scratch. */
  unstyled?: boolean
  labels?: Partial<VideoResultLabels>
  components?: Partial<VideoResultComponents>
}

/**
 * A finished job's video in `<video controls>` (only `https:`, `http:` and `blob:` URLs; anything
 * else is refused with an alert), its details and metrics, download, copy link, the provider's
 * expiry notice and "Retake a segment"; for a failed or expired job, why there is no video.
 */
export function VideoResult({ snapshot, className, unstyled, components, ...options }: VideoResultProps) {
  const result = useVideoResult(snapshot, options)
  const Video = components?.Video ?? 'video'
  const Button = components?.Button ?? 'button'
  const Link = components?.Link ?? 'a'
  const part = partClasses(unstyled, 'ltx-video-result', className)
  const { state, notice, labels, expiry } = result

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
          <Video {...result.getVideoProps({ className: part('video') })} />
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
          {expiry !== undefined && <p className={part('expiry')}>{expiry}</p>}
        </>
      )}
      {/* Always mounted, so the first "Link copied" is announced. */}
      <p {...result.getCopyStatusProps({ className: part('copy-status'), 'data-copy': result.copyState })}>
        {result.copyMessage}
      </p>
    </div>
  )
}
