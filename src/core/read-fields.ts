import { z } from 'zod'
import type { FieldMeta, FieldWidget } from './field-meta'

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

interface LooseDef {
  type: string
  innerType?: z.ZodType
  in?: z.ZodType
  defaultValue?: unknown
  shape?: Record<string, z.ZodType>
  element?: z.ZodType
  entries?: Record<string, string | number>
  values?: readonly unknown[]
  options?: readonly z.ZodType[]
  discriminator?: string
  checks?: readonly { _zod: { def: { check: string; minimum?: number; maximum?: number; length?: number } } }[]
}

function defOf(schema: z.ZodType): LooseDef {
  return schema._zod.def as unknown as LooseDef
}

function metaOf(schema: z.ZodType): Partial<FieldMeta> | undefined {
  return z.globalRegistry.get(schema) as Partial<FieldMeta> | undefined
}

interface Unwrapped {
  core: z.ZodType
  meta: Partial<FieldMeta>
  optional: boolean
  hasDefault: boolean
  default: unknown
}

/** Peel optional/default/nullable wrappers, merging metadata (outermost wins). */
export function unwrapSchema(schema: z.ZodType): Unwrapped {
  let current = schema
  let meta: Partial<FieldMeta> = {}
  let optional = false
  let hasDefault = false
  let defaultValue: unknown
  for (let depth = 0; depth < 16; depth++) {
    meta = { ...metaOf(current), ...meta }
    const def = defOf(current)
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly' || def.type === 'nonoptional') {
      if (def.type === 'optional') optional = true
      current = def.innerType as z.ZodType
    } else if (def.type === 'default' || def.type === 'prefault') {
      if (!hasDefault) {
        hasDefault = true
        defaultValue = def.defaultValue
      }
      current = def.innerType as z.ZodType
    } else if (def.type === 'pipe' && def.in !== undefined) {
      current = def.in
    } else {
      break
    }
  }
  return { core: current, meta, optional, hasDefault, default: defaultValue }
}

function lengthChecks(def: LooseDef): { min: number | undefined; max: number | undefined } {
  let min: number | undefined
  let max: number | undefined
  for (const check of def.checks ?? []) {
    const c = check._zod.def
    if (c.check === 'min_length') min = c.minimum
    else if (c.check === 'max_length') max = c.maximum
    else if (c.check === 'length_equals') min = max = c.length
  }
  return { min, max }
}

function finite(value: number | null | undefined): number | undefined {
  if (value === null || value === undefined || !Number.isFinite(value)) return undefined
  // z.int() carries the safe-integer range; that is not a documented limit.
  if (Math.abs(value) === Number.MAX_SAFE_INTEGER) return undefined
  return value
}

function humanize(name: string): string {
  const words = name.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Describe one field of an object schema. */
export function describeField(name: string, schema: z.ZodType): FieldDescriptor {
  const { core, meta, optional, hasDefault, default: defaultValue } = unwrapSchema(schema)
  const def = defOf(core)
  let type: FieldType = 'unknown'
  let min: number | undefined
  let max: number | undefined
  let minLength: number | undefined
  let maxLength: number | undefined
  let minItems: number | undefined
  let maxItems: number | undefined
  let options: (string | number)[] | undefined
  let item: FieldDescriptor | undefined
  let fields: FieldDescriptor[] | undefined
  switch (def.type) {
    case 'string': {
      type = 'string'
      const s = core as z.ZodString
      minLength = finite(s.minLength)
      maxLength = finite(s.maxLength)
      break
    }
    case 'number': {
      const n = core as z.ZodNumber
      type = n.isInt ? 'integer' : 'number'
      min = finite(n.minValue)
      max = finite(n.maxValue)
      break
    }
    case 'boolean':
      type = 'boolean'
      break
    case 'enum':
      type = 'enum'
      options = Object.values(def.entries ?? {})
      break
    case 'literal': {
      const values = (def.values ?? []).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
      type = values.length > 1 ? 'enum' : 'literal'
      options = values
      break
    }
    case 'array': {
      type = 'array'
      const lengths = lengthChecks(def)
      minItems = lengths.min
      maxItems = lengths.max
      if (def.element !== undefined) item = describeField(name, def.element)
      fields = item?.fields ? [...item.fields] : undefined
      break
    }
    case 'object':
      type = 'object'
      fields = Object.entries(def.shape ?? {}).map(([key, value]) => describeField(key, value))
      break
    default:
      type = 'unknown'
  }
  const widget: FieldWidget =
    meta.widget ??
    (type === 'boolean'
      ? 'switch'
      : type === 'enum'
        ? 'select'
        : type === 'number' || type === 'integer'
          ? min !== undefined && max !== undefined
            ? 'slider'
            : 'number'
          : 'text')
  return {
    name,
    label: meta.label ?? humanize(name),
    description: meta.description,
    type,
    widget,
    required: !optional && !hasDefault,
    hasDefault,
    default: defaultValue,
    min,
    max,
    step: meta.step ?? (type === 'integer' ? 1 : undefined),
    unit: meta.unit,
    minLength,
    maxLength,
    minItems,
    maxItems,
    options,
    optionLabels: meta.optionLabels,
    accepts: meta.accepts,
    group: meta.group ?? 'basic',
    item,
    fields,
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
  const def = defOf(core)
  if (def.type === 'union' && def.discriminator !== undefined && def.options !== undefined) {
    const discriminator = def.discriminator
    const modes = def.options.map((option): SchemaMode => {
      const all = objectFields(option)
      const tag = all.find((f) => f.name === discriminator)
      const value = String(tag?.options?.[0] ?? '')
      return {
        value,
        label: tag?.optionLabels?.[value] ?? value,
        fields: all.filter((f) => f.name !== discriminator),
        schema: option,
      }
    })
    return { kind: 'modes', discriminator, modes }
  }
  return { kind: 'fields', fields: objectFields(core) }
}

/** The initial values a form should show: every default the schema declares. */
export function defaultValues(fields: readonly FieldDescriptor[]): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const field of fields) {
    if (field.hasDefault) values[field.name] = structuredClone(field.default)
  }
  return values
}

/**
 * The human label of the field at `path` in `schema`, following the input's discriminator to
 * the right branch. Array items are numbered from 1 ("LoRA 2 scale").
 */
export function labelAt(schema: z.ZodType, path: readonly PropertyKey[], input: unknown): string | undefined {
  let current: z.ZodType | undefined = schema
  let value: unknown = input
  let label: string | undefined
  for (const segment of path) {
    if (current === undefined) return label
    current = selectBranch(unwrapSchema(current).core, value)
    const def = defOf(current)
    if (def.type === 'object' && typeof segment === 'string') {
      const next: z.ZodType | undefined = def.shape?.[segment]
      if (next === undefined) return label
      const own = unwrapSchema(next).meta.label ?? humanize(segment)
      label = label === undefined ? own : `${label} ${lowerFirst(own)}`
      current = next
      value = isRecord(value) ? value[segment] : undefined
    } else if (def.type === 'array' && typeof segment === 'number') {
      const element = def.element
      if (element === undefined) return label
      const itemLabel = unwrapSchema(element).meta.label
      label = itemLabel !== undefined ? `${itemLabel} ${segment + 1}` : `${label ?? 'Item'} ${segment + 1}`
      current = element
      value = Array.isArray(value) ? value[segment] : undefined
    } else {
      return label
    }
  }
  return label
}

function selectBranch(schema: z.ZodType, value: unknown): z.ZodType {
  const def = defOf(schema)
  if (def.type !== 'union' || def.discriminator === undefined || def.options === undefined) return schema
  const tag = isRecord(value) ? value[def.discriminator] : undefined
  const discriminator = def.discriminator
  return (
    def.options.find((option) => {
      const shape = defOf(unwrapSchema(option).core).shape
      const field = shape?.[discriminator]
      return field !== undefined && defOf(unwrapSchema(field).core).values?.includes(tag) === true
    }) ?? def.options[0] ?? schema
  )
}

function lowerFirst(text: string): string {
  // Keep acronyms ("URL") as they are; lower-case ordinary words ("Scale" → "scale").
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The schema of the field at `path`, following discriminators; undefined when there is none. */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[], input: unknown): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema
  let value: unknown = input
  for (const segment of path) {
    if (current === undefined) return undefined
    current = selectBranch(unwrapSchema(current).core, value)
    const def = defOf(current)
    if (def.type === 'object' && typeof segment === 'string') {
      current = def.shape?.[segment]
      value = isRecord(value) ? value[segment] : undefined
    } else if (def.type === 'array' && typeof segment === 'number') {
      current = def.element
      value = Array.isArray(value) ? value[segment] : undefined
    } else {
      return undefined
    }
  }
  return current
}
