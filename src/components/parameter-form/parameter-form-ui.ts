import type { ParameterFormComponents } from './parameter-form-components'
import type { ParameterFieldApi } from './create-field-api'
import type { ParameterFormLabels } from './parameter-form-labels'

/** Resolved inner parts: each override, else the native element's tag. */
export interface ResolvedParts {
  readonly Input: ParameterFormComponents['Input'] | 'input'
  readonly Textarea: ParameterFormComponents['Textarea'] | 'textarea'
  readonly Select: ParameterFormComponents['Select'] | 'select'
  readonly Button: ParameterFormComponents['Button'] | 'button'
  readonly Switch: ParameterFormComponents['Switch'] | 'input'
  readonly Slider: ParameterFormComponents['Slider'] | 'input'
  readonly Radio: ParameterFormComponents['Radio'] | 'input'
}

/**
 * What every part of the styled form renders with: the inner parts themselves (`<ui.Button>`),
 * the words and the class names; one object, stable while the form's props are.
 */
export interface FormUi extends ResolvedParts {
  readonly labels: ParameterFormLabels
  /** Class names by part name: `cx('button toggle')` is "ltx-button ltx-toggle", or none when unstyled. */
  readonly cx: (names: string) => string | undefined
}

/** What each part of one field renders from: its API and the form's parts and words. */
export interface FieldProps {
  readonly api: ParameterFieldApi
  readonly ui: FormUi
}

/** The parts to render with: each override, else the native element. */
export function resolveParts({
  Input = 'input',
  Textarea = 'textarea',
  Select = 'select',
  Button = 'button',
  // Switches, sliders and radios are inputs too: an Input override stands in for them.
  Switch = Input,
  Slider = Input,
  Radio = Input,
}: Partial<ResolvedParts> = {}): ResolvedParts {
  return { Input, Textarea, Select, Button, Switch, Slider, Radio }
}

/** The `data-state` of a checkable part. */
export const checkedState = (checked: boolean | undefined) => (checked === true ? 'checked' : 'unchecked')
