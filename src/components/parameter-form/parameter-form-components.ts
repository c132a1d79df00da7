import type { ComponentPropsWithRef, ComponentType } from 'react'
import type { ButtonSlot } from '../component-slots'

/** A stand-in for a native `<input>`: it receives every prop the native one would, `ref` included. */
type InputSlot = ComponentType<ComponentPropsWithRef<'input'>>

/**
 * Inner parts of `ParameterForm` a design system may replace (pass any of them, as
 * `Partial<ParameterFormComponents>`). Each receives every prop the native element would (id,
 * value, handlers, `aria-*`, `data-*`, `ref`) and must pass them on: focus moves by element id,
 * so a part that drops `id` breaks keyboard focus after "Remove" buttons.
 */
export interface ParameterFormComponents {
  /** Text, URL, number and file inputs; also Switch, Slider and Radio when those are not given. */
  readonly Input: InputSlot
  readonly Textarea: ComponentType<ComponentPropsWithRef<'textarea'>>
  readonly Select: ComponentType<ComponentPropsWithRef<'select'>>
  readonly Button: ButtonSlot
  /** A checkbox with `role="switch"`. */
  readonly Switch: InputSlot
  /** An `<input type="range">`. */
  readonly Slider: InputSlot
  /** One `<input type="radio">` of a radio group or segmented control. */
  readonly Radio: InputSlot
}
