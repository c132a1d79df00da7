import type { FieldDescriptor } from '../../core/read-fields'
import type { FieldWidget } from '../../models/field-meta'

/** How `fields` may change one field: its words, its widget or its group. */
export interface ParameterFieldOverride {
  readonly label?: string
  readonly description?: string
  readonly widget?: FieldWidget
  readonly group?: 'basic' | 'advanced'
  readonly optionLabels?: Readonly<Record<string, string>>
}

/** Which fields a form shows, in what order, and with what words (names not listed keep schema order). */
export interface ParameterFieldsConfig<Name extends string = string> {
  /** These fields first, in this order; the rest follow in schema order. */
  readonly order?: readonly Name[]
  /** Fields not rendered (their defaults and `defaultValues` are still sent). */
  readonly hide?: readonly Name[]
  /** Per-field label, description, widget, group or option labels. */
  readonly override?: { readonly [K in Name]?: ParameterFieldOverride }
}

/** The fields to show: `config`'s order, without its hidden ones, with its overrides. */
export function applyConfig(fields: readonly FieldDescriptor[], config: ParameterFieldsConfig | undefined): readonly FieldDescriptor[] {
  if (config === undefined) return fields
  const { order = [], hide = [], override = {} } = config
  // Listed names first, in their order; the rest keep schema order (the sort is stable).
  const rank = (field: FieldDescriptor) => {
    const index = order.indexOf(field.name)
    return index === -1 ? order.length : index
  }
  return fields
    .filter((field) => !hide.includes(field.name))
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => {
      // Untouched fields keep their identity, so memoised field components do not re-render.
      const own = override[field.name]
      return own === undefined ? field : { ...field, ...own }
    })
}
