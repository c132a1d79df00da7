import type { FieldWidget } from '../../models/field-meta'

/**
 * What the headless form needs to know about a widget: one row per {@link FieldWidget}, so a new
 * widget does not compile until its row says how its input is typed, named and valued. How it
 * looks is the styled form's table (`FIELD_CONTROLS` in `parameter-form-controls.tsx`).
 */
export interface WidgetTraits {
  /** The `type` of its `<input>`; '' for a `<textarea>` or `<select>`, which take none; undefined: a number input for a numeric field, else text. */
  readonly inputType?: string
  /** Named as a group (`aria-labelledby` on its radiogroup or group), since a `<label for>` would label nothing. */
  readonly grouped?: true
  /** Its value is a list of items with fields of their own (LoRAs): the messages of its items sit under them. */
  readonly list?: true
  /** An array value shows whole, one entry a line; otherwise a one-element array shows its element. */
  readonly lines?: true
  /** Shows a character count when the field has a length limit. */
  readonly counted?: true
  /** Its value is kept across submits only while locked; unlocked, it is cleared (a seed). */
  readonly lockable?: true
}

/** Every widget's traits (a trait left out is false; an `inputType` left out is by field type). */
export const WIDGET_TRAITS: Readonly<Record<FieldWidget, WidgetTraits>> = {
  textarea: { inputType: '', counted: true },
  text: { counted: true },
  number: { inputType: 'number' },
  slider: { inputType: 'range' },
  segmented: { grouped: true },
  select: { inputType: '' },
  radios: { grouped: true },
  switch: { inputType: 'checkbox' },
  image: { inputType: 'url' },
  video: { inputType: 'url' },
  'url-list': { inputType: '', lines: true },
  seed: { inputType: 'number', lockable: true },
  loras: { grouped: true, list: true },
  // The APIXO mode switch: a radio group of the form's own, not a field's.
  mode: { grouped: true },
}
