'use client'
import type { JobSnapshot } from '../core/job'
import { classNames } from './class-names'
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
export function VideoResult({ snapshot, input, onRetake, className, unstyled, labels, components }: VideoResultProps) {
  const result = useVideoResult(snapshot, {
    ...(input === undefined ? {} : { input }),
    ...(onRetake === undefined ? {} : { onRetake }),
    ...(labels === undefined ? {} : { labels }),
  })
  const Video = components?.Video ?? 'video'
  const Button = components?.Button ?? 'button'
  const Link = components?.Link ?? 'a'
  const part = (name: string) => classNames(unstyled, `ltx-video-result__${name}`)
  const { state } = result

  return (
    <div {...result.getRootProps({ className: classNames(unstyled, 'ltx-video-result', className) })}>
      {state === 'empty' ? <p className={part('empty')}>{result.notice}</p> : null}
      {state === 'unavailable' ? <p className={part('unavailable')}>{result.notice}</p> : null}
      {state === 'refused' ? (
        <p role="alert" className={part('error')}>
          {result.error}
        </p>
      ) : null}
      {state === 'ready' ? (
        <>
          <Video {...result.getVideoProps({ className: part('video') })} />
          <dl aria-label={result.labels.details} className={part('details')}>
            {result.details.map((detail) => (
              <div key={detail.key} data-detail={detail.key} className={part('detail')}>
                <dt>{detail.label}</dt>
                <dd>{detail.value}</dd>
              </div>
            ))}
          </dl>
          <div className={part('actions')}>
            <Link {...result.getDownloadLinkProps({ className: part('link') })}>
              {result.labels.download}
            </Link>
            <Button {...result.getCopyButtonProps({ className: part('button') })}>
              {result.labels.copyLink}
            </Button>
            {onRetake === undefined ? null : (
              <Button {...result.getRetakeButtonProps({ className: part('button') })}>
                {result.labels.retake}
              </Button>
            )}
          </div>
          {result.expiry === undefined ? null : <p className={part('expiry')}>{result.expiry}</p>}
        </>
      ) : null}
      {/* Always mounted, so the first "Link copied" is announced. */}
      <p {...result.getCopyStatusProps({ className: part('copy-status'), 'data-copy': result.copyState })}>
        {result.copyMessage}
      </p>
    </div>
  )
}
