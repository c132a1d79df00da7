import type { z } from 'zod'
import type { FieldIssue } from './ltx-error'
import { describeField, labelAt, readSchemaForm, schemaAt } from './read-fields'

/** What the wording of an issue may mention about the model. */
export interface IssueContext {
  /** The model's title, used for unknown parameters ("… is not a parameter of LTX-Video"). */
  modelTitle?: string
}

function list(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ')
}

function withUnit(value: number, unit: string | undefined): string {
  return unit === undefined ? String(value) : `${value} ${unit}`
}

/**
 * Turn zod issues into field issues whose messages name the field's label and what it accepts,
 * e.g. `Frames per second must be a whole number between 1 and 30 fps.`
 */
export function toFieldIssues(
  schema: z.ZodType,
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
  context: IssueContext = {},
): FieldIssue[] {
  const out: FieldIssue[] = []
  const seen = new Set<string>()
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: [...path, key], message: unknownKeyMessage(schema, path, key, input, context) })
      }
      continue
    }
    // One message per field: the first failed rule is the one to fix first.
    const key = JSON.stringify(path)
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ path, message: messageFor(schema, path, issue, input) })
  }
  return out
}

function unknownKeyMessage(
  schema: z.ZodType,
  path: readonly (string | number)[],
  key: string,
  input: unknown,
  context: IssueContext,
): string {
  const mode = path.length === 0 && typeof input === 'object' && input !== null ? (input as Record<string, unknown>).mode : undefined
  if (typeof mode === 'string') {
    const form = readSchemaForm(schema)
    const other = form.kind === 'modes' ? form.modes.find((m) => m.value !== mode && m.fields.some((f) => f.name === key)) : undefined
    // Only point at another mode when one really takes the field; a typo is simply unknown.
    if (other !== undefined) return `"${key}" is not used in ${mode} mode; remove it or choose a mode that takes it (such as ${other.value}).`
    return `"${key}" is not a parameter of ${context.modelTitle ?? 'this model'}; remove it.`
  }
  const owner = path.length === 0 ? (context.modelTitle ?? 'this model') : (labelAt(schema, path, input) ?? 'this field')
  return `"${key}" is not a parameter of ${owner}; remove it.`
}

function messageFor(
  schema: z.ZodType,
  path: readonly (string | number)[],
  issue: z.core.$ZodIssue,
  input: unknown,
): string {
  const label = labelAt(schema, path, input) ?? (path.length === 0 ? 'Input' : String(path[path.length - 1]))
  const fieldSchema = schemaAt(schema, path, input)
  const field = fieldSchema === undefined ? undefined : describeField(String(path[path.length - 1] ?? ''), fieldSchema)
  const whole = field?.type === 'integer' || (issue.code === 'invalid_type' && issue.expected === 'int')
  const range = (): string => {
    const min = field?.min
    const max = field?.max
    const unit = field?.unit
    const noun = whole ? 'a whole number' : 'a number'
    if (min !== undefined && max !== undefined) return `${noun} between ${withUnit(min, undefined)} and ${withUnit(max, unit)}`
    if (min !== undefined) return `${noun} of at least ${withUnit(min, unit)}`
    if (max !== undefined) return `${noun} of at most ${withUnit(max, unit)}`
    return noun
  }
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAt(input, path)
      if (value === undefined) return path.length === 0 ? 'Input is required.' : `${label} is required.`
      switch (issue.expected) {
        case 'number':
        case 'int':
        case 'bigint':
          return `${label} must be ${range()}.`
        case 'string':
          return field?.accepts !== undefined ? `${label} must be ${field.accepts}.` : `${label} must be text.`
        case 'boolean':
          return `${label} must be on or off (true or false).`
        case 'array':
          return `${label} must be a list.`
        case 'object':
          return path.length === 0 ? 'Input must be an object of parameters.' : `${label} must be an object.`
        default:
          return `${label} has the wrong type (expected ${issue.expected}).`
      }
    }
    case 'too_small':
    case 'too_big': {
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return `${label} must be ${range()}.`
      if (issue.origin === 'string') {
        const min = field?.minLength
        const max = field?.maxLength
        if (issue.code === 'too_small' && (min === undefined || min <= 1)) return `${label} is required.`
        if (min !== undefined && max !== undefined && min > 1) return `${label} must be ${min} to ${max} characters long.`
        if (max !== undefined) return `${label} must be at most ${max} characters long (1 to ${max}).`
        return `${label} must be at least ${min ?? 1} characters long.`
      }
      // Arrays and the rest carry wording written for people in the schema.
      return issue.message
    }
    case 'invalid_value':
      return `${label} must be one of: ${list(issue.values)}.`
    case 'invalid_union': {
      const options = (issue as { options?: readonly unknown[] }).options
      if (options !== undefined) return `${label} must be one of: ${list(options)}.`
      return `${label} does not match any accepted form.`
    }
    case 'custom': {
      const accepts = (issue.params as { accepts?: unknown } | undefined)?.accepts
      if (typeof accepts === 'string') return `${label} must be ${accepts}.`
      return issue.message
    }
    case 'unrecognized_keys':
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
      return issue.message
    default:
      issue satisfies never
      return (issue as { message: string }).message
  }
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let value = input
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string | number, unknown>)[segment]
  }
  return value
}
