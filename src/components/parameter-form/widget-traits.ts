import type { FieldWidget } from '../../models/field-meta'

/**
 * What the headless form needs to know about a widget: one row per {@link FieldWidget}, so a new
 * widget does not compile until its row says how its input is typed, named and valued. How it
 * looks is the styled form's table (`FIELD_CONTROLS` in `parameter-form-controls.tsx`).
 */
export interface WidgetTraits {
  /** The `type` of its `<input>`; '' for a `<textarea>` or `<select>`, which take none; undefined: a number input for a numeric field, else text. */
  readonly inputType: string | undefined
  /** Named as a group (`aria-labelledby` on its radiogroup or group), since a `<label for>` would label nothing. */
  readonly grouped: boolean
  /** Its value is a list of items with fields of their own (LoRAs): the messages of its items sit under them. */
  readonly list: boolean
  /** An array value shows whole, one entry a line; otherwise a one-element array shows its element. */
  readonly lines: boolean
  /** Shows a character count when the field has a length limit. */
  readonly counted: boolean
  /** Its value is kept across submits only while locked; unlocked, it is cleared (a seed). */
  readonly lockable: boolean
}

const plain = { inputType: undefined, grouped: false, list: false, lines: false, counted: false, lockable: false } as const

/** Every widget's traits. */
export const WIDGET_TRAITS = {
  textarea: { ...plain, inputType: '', counted: true },
  text: { ...plain, counted: true },
  number: { ...plain, inputType: 'number' },
  slider: { ...plain, inputType: 'range' },
  segmented: { ...plain, grouped: true },
  select: { ...plain, inputType: '' },
  radios: { ...plain, grouped: true },
  switch: { ...plain, inputType: 'checkbox' },
  image: { ...plain, inputType: 'url' },
  video: { ...plain, inputType: 'url' },
  'url-list': { ...plain, inputType: '', lines: true },
  seed: { ...plain, inputType: 'number', lockable: true },
  loras: { ...plain, grouped: true, list: true },
  // The APIXO mode switch: a radio group of the form's own, not a field's.
  mode: { ...plain, grouped: true },
} as const satisfies Record<FieldWidget, WidgetTraits>
