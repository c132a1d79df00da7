import { z } from 'zod'
import type { FieldMeta } from './field-meta'

// Reading a zod v4 schema without depending on its classes: what the issue wording (models) and
// the form reader (core) both need to know about a field.

/** The parts of a zod definition this package reads. */
export interface LooseDef {
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

/** The definition of `schema`, typed loosely for reading. */
export function defOf(schema: z.ZodType): LooseDef {
  return schema._zod.def as unknown as LooseDef
}

/** A schema with its wrappers peeled, and what they said. */
export interface Unwrapped {
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

/** A field name as words: `num_frames` becomes "Num frames". */
export function humanize(name: string): string {
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
