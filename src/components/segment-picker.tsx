'use client'
import { isSafeUrl } from '../models/safe-url'
import { partClasses } from './part-classes'
import type { ButtonSlot, VideoSlot } from './component-slots'
import { useSegmentPicker, type UseSegmentPickerOptions } from './use-segment-picker'

/** Inner parts of {@link SegmentPicker} a design system can replace with its own. */
export interface SegmentPickerComponents {
  /** The preview; it must forward `ref` and `onTimeUpdate` to a real `<video>`. */
  Video: VideoSlot
  /** "Play segment". */
  Button: ButtonSlot
}

/** Props of {@link SegmentPicker}. */
export interface SegmentPickerProps extends UseSegmentPickerOptions {
  /** The source video to preview; only `https:`, `http:` and `blob:` URLs are played. */
  src?: string
  className?: string
  /** Drop the `ltx-` classes (keeping structure, roles and `data-*`), to style from scratch. */
  unstyled?: boolean
  components?: Partial<SegmentPickerComponents>
}

/**
 * A video with a timeline and a two-thumb range for choosing the segment to retake: keyboard,
 * pointer and touch, a native range input per thumb for screen readers, spoken times (and a
 * word when one thumb pushes the other), a time ruler, a summary, and a preview that loops the
 * segment.
 */
export function SegmentPicker({ src, className, unstyled, components, ...options }: SegmentPickerProps) {
  const picker = useSegmentPicker(options)
  const Video = components?.Video ?? 'video'
  const Button = components?.Button ?? 'button'
  const part = partClasses(unstyled, 'ltx-segment-picker', className)
  const playable = isSafeUrl(src, { https: true, http: true, blob: true })

  return (
    <div {...picker.getRootProps({ className: part() })}>
      {playable && <Video {...picker.getVideoProps({ src, controls: true, preload: 'metadata', playsInline: true, className: part('video') })} />}
      <div {...picker.getTrackProps({ className: part('track') })}>
        <div {...picker.getRangeProps({ className: part('range') })} />
        {(['start', 'end'] as const).map((thumb) => (
          <div key={thumb} {...picker.getThumbProps(thumb, { className: part('thumb') })}>
            <input {...picker.getThumbInputProps(thumb)} />
          </div>
        ))}
      </div>
      <div {...picker.getRulerProps({ className: part('ruler') })}>
        {picker.ticks.map((tick) => (
          <span key={tick.seconds} className={part('tick')} style={{ left: `${tick.percent}%` }}>
            {tick.label}
          </span>
        ))}
      </div>
      <div className={part('footer')}>
        <output {...picker.getOutputProps({ className: part('summary') })}>{picker.summary}</output>
        {playable && <Button {...picker.getPlayButtonProps({ className: part('button') })}>{picker.labels.playSegment}</Button>}
      </div>
      {picker.isTooShort && <p className={part('warning')}>{picker.labels.tooShort(picker.minSec)}</p>}
      <span {...picker.getAnnouncerProps()}>{picker.announcement}</span>
    </div>
  )
}
