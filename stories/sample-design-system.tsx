import type { ComponentPropsWithRef, ReactNode } from 'react'
import type { JobProgressComponents, ParameterFormComponents, SegmentPickerComponents, VideoResultComponents } from '../src/index'
import './sample-design-system.css'

/**
 * "Moss", a tiny design system of its own, to show `unstyled` plus `components`: each part
 * takes every prop the native element would (ids, values, handlers, `aria-*`, `data-*`, `ref`),
 * passes them on, and adds its own class and a `data-sds` mark the stories look for.
 */
function cx(own: string, extra: string | undefined): string {
  return extra === undefined || extra === '' ? own : `${own} ${extra}`
}

export function MossButton({ className, ...props }: ComponentPropsWithRef<'button'>) {
  return <button {...props} className={cx('moss-button', className)} data-sds="button" />
}

export function MossInput({ className, ...props }: ComponentPropsWithRef<'input'>) {
  return <input {...props} className={cx('moss-input', className)} data-sds="input" />
}

export function MossTextarea({ className, ...props }: ComponentPropsWithRef<'textarea'>) {
  return <textarea {...props} className={cx('moss-input moss-textarea', className)} data-sds="textarea" />
}

export function MossSelect({ className, ...props }: ComponentPropsWithRef<'select'>) {
  return <select {...props} className={cx('moss-input moss-select', className)} data-sds="select" />
}

/** A checkbox with `role="switch"` (the form passes the role), drawn as a pill. */
export function MossSwitch({ className, ...props }: ComponentPropsWithRef<'input'>) {
  return <input {...props} className={cx('moss-switch', className)} data-sds="switch" />
}

export function MossSlider({ className, ...props }: ComponentPropsWithRef<'input'>) {
  return <input {...props} className={cx('moss-slider', className)} data-sds="slider" />
}

export function MossRadio({ className, ...props }: ComponentPropsWithRef<'input'>) {
  return <input {...props} className={cx('moss-radio', className)} data-sds="radio" />
}

/** Forwards `ref` and the media handlers to a real `<video>`, as the slots require (React 19: `ref` is a prop). */
export function MossVideo({ className, ...props }: ComponentPropsWithRef<'video'>) {
  return <video {...props} className={cx('moss-video', className)} data-sds="video" />
}

export function MossLink({ className, children, ...props }: ComponentPropsWithRef<'a'>) {
  return (
    <a {...props} className={cx('moss-link', className)} data-sds="link">
      {children}
    </a>
  )
}

/** A titled card, the design system's own layout part. */
export function MossCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="moss-card" aria-label={title}>
      <h3 className="moss-card-title">{title}</h3>
      {children}
    </section>
  )
}

/** Moss parts for each ltx-react component's `components` prop. */
export const mossParameterForm = {
  Input: MossInput,
  Textarea: MossTextarea,
  Select: MossSelect,
  Button: MossButton,
  Switch: MossSwitch,
  Slider: MossSlider,
  Radio: MossRadio,
} satisfies ParameterFormComponents

export const mossJobProgress = { Button: MossButton } satisfies JobProgressComponents

export const mossVideoResult = { Video: MossVideo, Button: MossButton, Link: MossLink } satisfies VideoResultComponents

export const mossSegmentPicker = { Video: MossVideo, Button: MossButton } satisfies SegmentPickerComponents
