/** How a form should render a field; a hint, never a constraint. */
export type FieldWidget =
  | 'textarea'
  | 'text'
  | 'number'
  | 'slider'
  | 'segmented'
  | 'select'
  | 'radios'
  | 'switch'
  | 'image'
  | 'video'
  | 'url-list'
  | 'seed'
  | 'loras'
  | 'mode'

/** What a model schema's `.meta()` carries for forms and docs. */
export interface FieldMeta {
  /** The field's human name, used in forms and in every validation message. */
  label: string
  /** One or two sentences for help text. */
  description?: string
  /** Rendering hint for generated forms. */
  widget?: FieldWidget
  /** Unit shown after numbers ("s", "px", "frames"). */
  unit?: string
  /** Step for sliders and number inputs. */
  step?: number
  /** What URL-like fields accept, in words ("an https URL or a data:image URI"). */
  accepts?: string
  /** `advanced` fields may be tucked away by a form. */
  group?: 'basic' | 'advanced'
  /** Human names for enum values, keyed by value. */
  optionLabels?: Readonly<Record<string, string>>
}
