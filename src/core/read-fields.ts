import { z } from 'zod'
import type { FieldMeta, FieldWidget } from '../models/field-meta'

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

interface Unwrapped {
  core: z.ZodType
  meta: Partial<FieldMeta>
  optional: boolean
  hasDefault: boolean
  default: unknown
}

// Wrappers that only decorate the schema inside them (a pipe is read by its input side, what
// the user types). `catch` and the like change what is accepted, so they are not looked through.
const DECORATORS = ['optional', 'nullable', 'readonly', 'nonoptional', 'default', 'prefault']

/** Peel optional/default/nullable wrappers, merging metadata (outermost wins). */
export function unwrapSchema(schema: z.ZodType): Unwrapped {
  let core = schema
  let meta: Partial<FieldMeta> = {}
  let optional = false
  let hasDefault = false
  let defaultValue: unknown
  for (let depth = 0; depth < 16; depth++) {
    // The registry, not schema.meta(): a zod/mini schema nested in a classic one has no meta().
    meta = { ...(z.globalRegistry.get(core) as Partial<FieldMeta> | undefined), ...meta }
    const def = defOf(core)
    if (def.type === 'optional') optional = true
    // The outermost default is the one zod applies.
    if ('defaultValue' in def && !hasDefault) {
      hasDefault = true
      defaultValue = def.defaultValue
    }
    const inner = DECORATORS.includes(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined
    if (inner === undefined) break
    core = inner
  }
  return { core, meta, optional, hasDefault, default: defaultValue }
}

function finite(value: number | null | undefined): number | undefined {
  // z.int() carries the safe-integer range; that is not a documented limit.
  return Number.isFinite(value) && Math.abs(value as number) !== Number.MAX_SAFE_INTEGER ? (value as number) : undefined
}

function humanize(name: string): string {
  return name.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase())
}

/** The value under `key`, or undefined when `value` is not an object or an array. */
export function childValue(value: unknown, key: PropertyKey): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined
}

/** What a schema's checks allow: a number's range, or the length of a string or an array. */
export interface Bounds {
  readonly min: number | undefined
  readonly max: number | undefined
  /** True for a number schema that only takes whole numbers. */
  readonly integer: boolean
}

/** The bounds `core` (an unwrapped schema) declares; all undefined for other kinds of schema. */
export function boundsOf(core: z.ZodType): Bounds {
  // Numbers carry their range and strings their lengths as getters (big integers have a range
  // too, but not a finite number one, and finite() drops it).
  const getters = core as Partial<Pick<z.ZodNumber, 'isInt' | 'minValue' | 'maxValue'> & Pick<z.ZodString, 'minLength' | 'maxLength'>>
  let min = finite(getters.minValue ?? getters.minLength)
  let max = finite(getters.maxValue ?? getters.maxLength)
  const def = defOf(core)
  // Array lengths are plain checks (zod has no getter for them); the last of each kind wins.
  if (def.type === 'array') {
    for (const { _zod } of def.checks ?? []) {
      const { check, minimum, maximum, length } = _zod.def
      if (check === 'length_equals') min = max = length
      if (check === 'min_length') min = minimum
      if (check === 'max_length') max = maximum
    }
  }
  return { min, max, integer: getters.isInt === true }
}

// Zod types that map one to one onto a field type; numbers and literals need a closer look.
const PLAIN_TYPES: readonly string[] = ['string', 'boolean', 'enum', 'array', 'object']

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
    widget:
      meta.widget ??
      (type === 'boolean'
        ? 'switch'
        : type === 'enum'
          ? 'select'
          : numeric
            ? min !== undefined && max !== undefined
              ? 'slider'
              : 'number'
            : 'text'),
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

/** What {@link fieldAt} finds at a path. */
export interface FieldAt {
  /** The field's schema with its wrappers peeled; undefined when the path leaves the schema. */
  readonly field?: Unwrapped | undefined
  /** The field's human label, as far as the path could be followed. */
  readonly label: string | undefined
}

/**
 * The unwrapped schema and human label of the field at `path` in `schema`, following the
 * input's discriminator to the right branch. Labels of nested fields read as one phrase
 * ("LoRA 2 scale"); array items are numbered from 1.
 */
export function fieldAt(schema: z.ZodType, path: readonly (string | number)[], input: unknown): FieldAt {
  let field = unwrapSchema(schema)
  let value = input
  let label: string | undefined
  for (const segment of path) {
    const def = defOf(selectBranch(field.core, value))
    const next =
      def.type === 'object' && typeof segment === 'string'
        ? def.shape?.[segment]
        : def.type === 'array' && typeof segment === 'number'
          ? def.element
          : undefined
    if (next === undefined) return { label }
    field = unwrapSchema(next)
    const own = field.meta.label
    if (typeof segment === 'number') {
      label = `${own ?? label ?? 'Item'} ${segment + 1}`
    } else {
      const name = own ?? humanize(segment)
      label = label === undefined ? name : `${label} ${lowerFirst(name)}`
    }
    value = childValue(value, segment)
  }
  return { field, label }
}

/** The branch of a discriminated union that zod picks for `value`; any other schema as it is. */
function selectBranch(schema: z.ZodType, value: unknown): z.ZodType {
  const { discriminator, options } = defOf(schema)
  if (discriminator === undefined || options === undefined) return schema
  const tag = childValue(value, discriminator)
  // propValues holds the discriminator values each option accepts, as zod itself matches them.
  return options.find((option) => option._zod.propValues?.[discriminator]?.has(tag as z.core.util.Primitive)) ?? options[0] ?? schema
}

/**
 * The modes (discriminator values) of a discriminated schema whose branch has a field `key`;
 * empty for other schemas.
 */
export function modesWithField(schema: z.ZodType, key: string): string[] {
  const { discriminator, options = [] } = defOf(unwrapSchema(schema).core)
  if (discriminator === undefined) return []
  return options
    .filter((option) => Object.hasOwn(defOf(unwrapSchema(option).core).shape ?? {}, key))
    .map((option) => String([...(option._zod.propValues?.[discriminator] ?? [])][0] ?? ''))
}

function lowerFirst(text: string): string {
  // Keep acronyms ("URL") as they are; lower-case ordinary words ("Scale" → "scale").
  return text.replace(/^[A-Z](?=[a-z])/, (first) => first.toLowerCase())
}
