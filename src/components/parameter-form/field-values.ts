import type { FieldDescriptor } from '../../core/read-fields'

// Conversions between what a form control shows (always a string) and what the schema takes.

/** The string a control shows for `value` of `field`. */
export function toDisplayValue(field: FieldDescriptor, value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) {
    // A URL list is one URL per line; a one-element array (APIXO image_urls) shows its element.
    if (field.widget === 'url-list') return value.map(String).join('\n')
    return toDisplayValue(field.item ?? field, value[0])
  }
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value)
  if (typeof value === 'string' || typeof value === 'boolean') return String(value)
  return ''
}

/** The schema value for the string a control produced. */
export function fromDisplayValue(field: FieldDescriptor, raw: string): unknown {
  switch (field.type) {
    case 'number':
    case 'integer':
      return raw.trim() === '' ? undefined : Number(raw)
    case 'enum':
    case 'literal':
      // Integer enums (frames, sizes) come back from <select>/<input> as strings.
      return field.options?.find((option) => String(option) === raw) ?? (raw === '' ? undefined : raw)
    case 'boolean':
      return raw === 'true' || raw === 'on'
    case 'array':
      if (field.widget === 'url-list') {
        const lines = raw.split(/\r?\n/).map((line) => line.trim())
        return lines.some((line) => line !== '') ? lines.filter((line) => line !== '') : undefined
      }
      // One control for a one-element array (APIXO image_urls): wrap the element.
      return raw === '' ? undefined : [field.item === undefined ? raw : fromDisplayValue(field.item, raw)]
    case 'string':
    case 'object':
    case 'unknown':
      return raw
    default:
      field.type satisfies never
      return raw
  }
}

/**
 * The value to send for `field`: empty text of a field without a default, NaN and empty lists
 * are left out, so the schema reports "is required" rather than a format error, and optional
 * fields are simply omitted.
 */
export function cleanValue(field: FieldDescriptor, value: unknown): unknown {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value
  if (typeof value === 'string') {
    if (value !== '') return value
    return field.type === 'string' && field.hasDefault ? value : undefined
  }
  if (Array.isArray(value)) {
    const item = field.item
    const items = value.map((entry) => (item === undefined ? entry : cleanValue(item, entry))).filter((entry) => entry !== undefined)
    // An empty object list keeps its schema message ("LoRA modes need at least one LoRA.").
    if (items.length === 0 && item?.type !== 'object') return undefined
    return items
  }
  if (typeof value === 'object' && field.fields !== undefined) {
    const out: Record<string, unknown> = {}
    const record = value as Record<string, unknown>
    for (const sub of field.fields) {
      const cleaned = cleanValue(sub, record[sub.name])
      if (cleaned !== undefined) out[sub.name] = cleaned
    }
    return out
  }
  return value
}

/** A new item of a list of objects (a LoRA), filled with its fields' defaults. */
export function newListItem(field: FieldDescriptor): Record<string, unknown> {
  const item: Record<string, unknown> = {}
  for (const sub of field.fields ?? []) {
    item[sub.name] = sub.hasDefault ? structuredClone(sub.default) : sub.type === 'string' ? '' : undefined
  }
  return item
}

/** A random seed within the field's range, never 0 (APIXO reserves it; -1 means random there). */
export function randomSeed(field: FieldDescriptor): number {
  const low = Math.max(1, field.min ?? 1)
  const high = Math.max(low, field.max ?? 2147483647)
  return low + Math.floor(Math.random() * (high - low + 1))
}

/** Read the value at `path` inside `root`. */
export function getIn(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string | number, unknown>)[segment]
  }
  return current
}

/** A copy of `root` with `value` at `path`, copying only the containers on the way. */
export function setIn(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const [head, ...rest] = path
  if (head === undefined) return value
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? [...(root as unknown[])] : []
    list[head] = setIn(list[head], rest, value)
    return list
  }
  const record = typeof root === 'object' && root !== null && !Array.isArray(root) ? { ...(root as Record<string, unknown>) } : {}
  record[head] = setIn(record[head], rest, value)
  return record
}
