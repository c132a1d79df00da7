import type { ButtonHTMLAttributes, ComponentType, InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'

/**
 * Inner parts of `ParameterForm` a design system may replace. Each receives the props the
 * native element would (id, value, handlers, `aria-*`, `data-*`) and must pass them on.
 */
export interface ParameterFormComponents {
  /** Text, URL, number and file inputs. */
  readonly Input?: ComponentType<InputHTMLAttributes<HTMLInputElement>>
  readonly Textarea?: ComponentType<TextareaHTMLAttributes<HTMLTextAreaElement>>
  readonly Select?: ComponentType<SelectHTMLAttributes<HTMLSelectElement>>
  readonly Button?: ComponentType<ButtonHTMLAttributes<HTMLButtonElement>>
  /** A checkbox with `role="switch"`. */
  readonly Switch?: ComponentType<InputHTMLAttributes<HTMLInputElement>>
  /** An `<input type="range">`. */
  readonly Slider?: ComponentType<InputHTMLAttributes<HTMLInputElement>>
  /** One `<input type="radio">` of a radio group or segmented control. */
  readonly Radio?: ComponentType<InputHTMLAttributes<HTMLInputElement>>
}
