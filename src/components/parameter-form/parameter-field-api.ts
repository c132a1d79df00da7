import type { ChangeEvent } from 'react'
import type { FieldDescriptor } from '../../core/read-fields'
import type { FieldPath } from './create-form-control'

// The headless API of one field: its state and prop getters (built by `create-field-api.ts`).

/** Which of a slider's two controls to get props for. */
export type FieldControlPart = 'range' | 'number'

/** Element ids of one field's parts, for `htmlFor` and `aria-*` wiring. */
export interface FieldIds {
  readonly input: string
  readonly number: string
  readonly label: string
  readonly description: string
  readonly error: string
  readonly count: string
  readonly file: string
}

/** Props for a native `<input>`, `<textarea>` or `<select>` (or a design system's equivalent). */
export interface FieldInputProps {
  id: string
  name: string
  type?: string
  role?: 'switch'
  value?: string
  checked?: boolean
  min?: number
  max?: number
  step?: number | 'any'
  accept?: string
  'aria-invalid': boolean
  /** Absent when there is nothing to describe the field with. */
  'aria-describedby'?: string
  'aria-labelledby'?: string
  /** A slider's number input only: its own name ("Duration, exact"). */
  'aria-label'?: string
  'aria-required'?: boolean
  'aria-valuetext'?: string
  onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void
  onBlur: () => void
}

/** Props for the element that groups radios (`role="radiogroup"`) or list items (`role="group"`). */
export interface FieldGroupProps {
  id: string
  role: 'radiogroup' | 'group'
  'aria-labelledby': string
  /** Absent when there is nothing to describe the group with. */
  'aria-describedby'?: string
  'aria-invalid'?: boolean
  'aria-required'?: boolean
}

/**
 * Props for a field's buttons (randomize, lock, add, remove, clear file). A button that cannot
 * act now gets `aria-disabled` rather than `disabled` (its click does nothing), so it keeps
 * keyboard focus: browsers move focus off a control that becomes disabled.
 */
export interface FieldButtonProps {
  type: 'button'
  /**
   * Buttons that remove themselves (Remove, Remove file) then move focus where it belongs (the
   * next item's Remove, the URL input), so it never falls to `<body>`: the event tells the
   * document (the form may be in another window through a portal); without one, the form's.
   */
  onClick: (event?: { readonly currentTarget: EventTarget | null }) => void
  /** Add, remove and clear-file buttons have ids, to move focus to them after a removal. */
  id?: string
  'aria-pressed'?: boolean
  'aria-controls'?: string
  'aria-disabled'?: boolean
}

/** State and prop getters of one field, from `useParameterField` or `form.getField`. */
export interface ParameterFieldApi {
  readonly field: FieldDescriptor
  readonly path: FieldPath
  /** The value held by the form (schema-shaped: a number, an enum value, a list…). */
  readonly value: unknown
  /** The value as a control shows it. */
  readonly displayValue: string
  /** The message to show under this field, if any. */
  readonly error: string | undefined
  readonly invalid: boolean
  readonly ids: FieldIds
  setValue(value: unknown): void
  /** Validate this field now (what submit does for every field). */
  validate(): void
  getLabelProps(): { id: string; htmlFor?: string | undefined }
  getInputProps(part?: FieldControlPart): FieldInputProps
  getGroupProps(): FieldGroupProps
  getRadioProps(option: string | number, index: number): FieldInputProps
  /** The words for an enum option: its option label, else the value with its unit. */
  optionLabel(option: string | number): string
  getDescriptionProps(): { id: string }
  /** `role="alert"` when the message appeared as the user left the field, so it is announced. */
  getErrorProps(): { id: string; role?: 'alert' }
  getCountProps(): { id: string }
  /** Characters typed, for a text field with a length limit. */
  readonly length: number
  /** Seed: whether the value is kept across submits. */
  readonly locked: boolean
  getRandomizeProps(): FieldButtonProps
  getLockProps(): FieldButtonProps
  /** Image: whether a picked file (as a data URI) is accepted. */
  readonly acceptsFile: boolean
  /** Image: the name of the picked file in use, if any. */
  readonly fileName: string | undefined
  /**
   * Image: a URL safe to show in `<img src>`, if any. From `useParameterField`: a picked file's
   * object URL (revoked when it goes), a typed URL once settled (on blur or after a pause) and
   * valid; read through `form.getField`: the value itself when it is https or a data:image URI.
   */
  readonly previewUrl: string | undefined
  pickFile(file: File): Promise<void>
  getFileInputProps(): FieldInputProps
  getClearFileProps(): FieldButtonProps
  /** List (LoRAs): the items. */
  readonly items: readonly unknown[]
  getAddItemProps(): FieldButtonProps
  getRemoveItemProps(index: number): FieldButtonProps
  /** The id of the heading of item `index`, to label its fields. */
  itemLabelId(index: number): string
  /** The words of the heading of item `index` ("LoRA 2", from `messages.listItem`). */
  itemLabel(index: number): string
  /** The API of field `name` of item `index`. */
  item(index: number, name: string): ParameterFieldApi
}
