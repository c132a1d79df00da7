import type { FieldDescriptor, FieldType } from '../../core/read-fields'
import { childValue } from '../../models/unwrap-schema'
import { WIDGET_TRAITS } from './widget-traits'

// Conversions between what a form control shows (always a string) and what the schema takes.

/** The string a control shows for `value` of `field`. */
export function toDisplayValue(field: FieldDescriptor, value: unknown): string {
  if (Array.isArray(value)) {
    // A URL list is one URL per line; a one-element array (APIXO image_urls) shows its element.
    return WIDGET_TRAITS[field.widget].lines ? value.join('\n') : toDisplayValue(field.item ?? field, value[0])
  }
  // NaN (a number input mid-edit) shows as empty, like undefined; objects have no text form.
  return value == null || Number.isNaN(value) || typeof value === 'object' ? '' : String(value)
}

/** The text as typed: strings, objects and unknowns have no other form in a control. */
const asTyped = (_field: FieldDescriptor, raw: string): unknown => raw
const asNumber = (_field: FieldDescriptor, raw: string): unknown => (raw.trim() === '' ? undefined : Number(raw))
// Integer enums (frames, sizes) come back from <select>/<input> as strings.
const asOption = (field: FieldDescriptor, raw: string): unknown => field.options?.find((option) => String(option) === raw) ?? (raw === '' ? undefined : raw)

/** How each field type reads a control's string: a new type does not compile until it has a row. */
const FROM_DISPLAY = {
  string: asTyped,
  number: asNumber,
  integer: asNumber,
  enum: asOption,
  literal: asOption,
  boolean: (_field, raw) => raw === 'true' || raw === 'on',
  array(field, raw) {
    if (!WIDGET_TRAITS[field.widget].lines) {
      // One control for a one-element array (APIXO image_urls): wrap the element.
      return raw === '' ? undefined : [field.item === undefined ? raw : fromDisplayValue(field.item, raw)]
    }
    const lines = raw.split('\n').map((line) => line.trim()).filter(Boolean)
    return lines.length === 0 ? undefined : lines
  },
  object: asTyped,
  unknown: asTyped,
} satisfies Record<FieldType, (field: FieldDescriptor, raw: string) => unknown>

/** The schema value for the string a control produced. */
export function fromDisplayValue(field: FieldDescriptor, raw: string): unknown {
  return FROM_DISPLAY[field.type](field, raw)
}

/**
 * The value to send for `field`: empty text of a field without a default, NaN and empty lists
 * are left out, so the schema reports "is required" rather than a format error, and optional
 * fields are simply omitted.
 */
export function cleanValue(field: FieldDescriptor, value: unknown): unknown {
  if (value === null || Number.isNaN(value)) return undefined
  if (value === '') return field.type === 'string' && field.hasDefault ? value : undefined
  if (Array.isArray(value)) {
    const { item } = field
    const items = value.map((entry) => (item === undefined ? entry : cleanValue(item, entry))).filter((entry) => entry !== undefined)
    // An empty object list keeps its schema message ("LoRA modes need at least one LoRA.").
    return items.length === 0 && item?.type !== 'object' ? undefined : items
  }
  if (typeof value === 'object' && field.fields !== undefined) {
    const record = value as Record<string, unknown>
    return Object.fromEntries(field.fields.map((sub) => [sub.name, cleanValue(sub, record[sub.name])]).filter(([, cleaned]) => cleaned !== undefined))
  }
  return value
}

/** The fields of one item of a list field (a LoRA's URL and scale). */
export function itemFields(field: FieldDescriptor): readonly FieldDescriptor[] {
  return field.item?.fields ?? field.fields ?? []
}

/** A new item of a list of objects (a LoRA), filled with its fields' defaults. */
export function newListItem(field: FieldDescriptor): Record<string, unknown> {
  return Object.fromEntries(
    itemFields(field).map((sub) => [sub.name, sub.hasDefault ? structuredClone(sub.default) : sub.type === 'string' ? '' : undefined]),
  )
}

/** Whether a text field shows a character count: it has a length limit. */
export function hasCount(field: FieldDescriptor): field is FieldDescriptor & { maxLength: number } {
  return WIDGET_TRAITS[field.widget].counted === true && field.maxLength !== undefined
}

/** A random seed within the field's range, never 0 (APIXO reserves it; -1 means random there). */
export function randomSeed(field: FieldDescriptor): number {
  const low = Math.max(1, field.min ?? 1)
  const high = Math.max(low, field.max ?? 2147483647)
  return low + Math.floor(Math.random() * (high - low + 1))
}

/** Read the value at `path` inside `root` (undefined once the path leaves objects and lists). */
export function getIn(root: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((current, segment) => childValue(current, segment), root)
}

/** A copy of `root` with `value` at `path`, copying only the containers on the way. */
export function setIn(root: unknown, [head, ...rest]: readonly (string | number)[], value: unknown): unknown {
  if (head === undefined) return value
  // A number segment is a list index; a missing container starts empty.
  // Anything else in the way (a value set by hand, say) is replaced rather than spread.
  const copy = (
    typeof head === 'number'
      ? Array.isArray(root) ? [...root] : []
      : typeof root === 'object' && root !== null && !Array.isArray(root) ? { ...root } : {}
  ) as Record<string | number, unknown>
  copy[head] = setIn(copy[head], rest, value)
  return copy
}
