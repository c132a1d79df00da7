import type { z } from 'zod'
import type { FieldWidget } from '../models/field-meta'
import { boundsOf, defOf, humanize, unwrapSchema } from '../models/unwrap-schema'

/** The value type of a field, after optional/default wrappers are removed. */
export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'literal' | 'array' | 'object' | 'unknown'

/** Everything a form or a docs page needs to know about one field of a model schema. */
export interface FieldDescriptor {
  /** The key in the input object. */
  readonly name: string
  readonly label: string
  readonly description: string | undefined
  readonly type: FieldType
  readonly widget: FieldWidget
  /** True when the field has no default and is not optional. */
  readonly required: boolean
  /** True when the schema fills the field in when it is left out. */
  readonly hasDefault: boolean
  readonly default: unknown
  readonly min: number | undefined
  readonly max: number | undefined
  readonly step: number | undefined
  readonly unit: string | undefined
  readonly minLength: number | undefined
  readonly maxLength: number | undefined
  readonly minItems: number | undefined
  readonly maxItems: number | undefined
  /** Allowed values of an enum or a set of literals, in the schema's order. */
  readonly options: readonly (string | number)[] | undefined
  readonly optionLabels: Readonly<Record<string, string>> | undefined
  /** What a URL field accepts, in words. */
  readonly accepts: string | undefined
  readonly group: 'basic' | 'advanced'
  /** The element of an array field. */
  readonly item: FieldDescriptor | undefined
  /** The fields of an object field (or of an array's object element). */
  readonly fields: readonly FieldDescriptor[] | undefined
  /** The field's own schema, for validating it alone (on blur). */
  readonly schema: z.ZodType
}

/** One branch of a discriminated model schema (an APIXO mode). */
export interface SchemaMode {
  readonly value: string
  readonly label: string
  readonly fields: readonly FieldDescriptor[]
  readonly schema: z.ZodType
}

/** A model schema read as a form: plain fields, or one field list per mode. */
export type SchemaForm =
  | { readonly kind: 'fields'; readonly fields: readonly FieldDescriptor[] }
  | { readonly kind: 'modes'; readonly discriminator: string; readonly modes: readonly SchemaMode[] }

// Zod types that map one to one onto a field type; numbers and literals need a closer look.
const PLAIN_TYPES: readonly string[] = ['string', 'boolean', 'enum', 'array', 'object']

// The widget each type of field gets when the schema names none: a new field type is a type
// error here until it has one.
const DEFAULT_WIDGETS = {
  string: 'text',
  number: 'number',
  integer: 'number',
  boolean: 'switch',
  enum: 'select',
  literal: 'text',
  array: 'text',
  object: 'text',
  unknown: 'text',
} as const satisfies Record<FieldType, FieldWidget>

/** Describe one field of an object schema. */
export function describeField(name: string, schema: z.ZodType): FieldDescriptor {
  const { core, meta, optional, hasDefault, default: defaultValue } = unwrapSchema(schema)
  const def = defOf(core)
  const { min, max, integer } = boundsOf(core)
  const literals = def.values?.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
  const type: FieldType =
    def.type === 'number'
      ? integer
        ? 'integer'
        : 'number'
      : def.type === 'literal'
        ? (literals?.length ?? 0) > 1
          ? 'enum'
          : 'literal'
        : PLAIN_TYPES.includes(def.type)
          ? (def.type as FieldType)
          : 'unknown'
  const numeric = def.type === 'number'
  // The bounds are a range, a text length or a number of items, depending on the type.
  const string = type === 'string'
  const array = type === 'array'
  const item = array && def.element !== undefined ? describeField(name, def.element) : undefined
  return {
    name,
    label: meta.label ?? humanize(name),
    description: meta.description,
    type,
    // A bounded number is a slider; anything else by its type, when the schema names no widget.
    widget: meta.widget ?? (numeric && min !== undefined && max !== undefined ? 'slider' : DEFAULT_WIDGETS[type]),
    required: !optional && !hasDefault,
    hasDefault,
    default: defaultValue,
    min: numeric ? min : undefined,
    max: numeric ? max : undefined,
    step: meta.step ?? (integer ? 1 : undefined),
    unit: meta.unit,
    minLength: string ? min : undefined,
    maxLength: string ? max : undefined,
    minItems: array ? min : undefined,
    maxItems: array ? max : undefined,
    options: def.type === 'enum' ? Object.values(def.entries ?? {}) : literals,
    optionLabels: meta.optionLabels,
    accepts: meta.accepts,
    group: meta.group ?? 'basic',
    item,
    fields: type === 'object' ? objectFields(core) : item?.fields && [...item.fields],
    schema,
  }
}

function objectFields(schema: z.ZodType): FieldDescriptor[] {
  const def = defOf(unwrapSchema(schema).core)
  return Object.entries(def.shape ?? {}).map(([key, value]) => describeField(key, value))
}

/** Read a model schema into the fields a form renders, per mode for discriminated unions. */
export function readSchemaForm(schema: z.ZodType): SchemaForm {
  const { core } = unwrapSchema(schema)
  const { discriminator, options } = defOf(core)
  if (discriminator === undefined || options === undefined) return { kind: 'fields', fields: objectFields(core) }
  const modes = options.map((option): SchemaMode => {
    const all = objectFields(option)
    const tag = all.find((f) => f.name === discriminator)
    const value = String(tag?.options?.[0] ?? '')
    return {
      value,
      label: tag?.optionLabels?.[value] ?? value,
      fields: all.filter((f) => f !== tag),
      schema: option,
    }
  })
  return { kind: 'modes', discriminator, modes }
}

/** The initial values a form should show: every default the schema declares. */
export function defaultValues(fields: readonly FieldDescriptor[]): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const field of fields) {
    if (field.hasDefault) values[field.name] = structuredClone(field.default)
  }
  return values
}
