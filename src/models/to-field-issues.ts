import type { z } from 'zod'
import type { FieldIssue } from './ltx-error'
import { fieldAt, modesWithField } from './field-at'
import { type Bounds, boundsOf, childValue } from './unwrap-schema'

/** What the wording of an issue may mention about the model. */
export interface IssueContext {
  /** The model's title, used for unknown parameters ("… is not a parameter of LTX-Video"). */
  modelTitle?: string
}

function list(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ')
}

// The issue origins and expected types that are numbers; their messages state the range.
const NUMERIC: readonly unknown[] = ['number', 'int', 'bigint']

// What a value of each other expected type must be, in words.
const TYPE_WORDS: Readonly<Partial<Record<string, string>>> = {
  string: 'text',
  boolean: 'on or off (true or false)',
  array: 'a list',
  object: 'an object',
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
  const root = path.length === 0
  const mode = root ? childValue(input, 'mode') : undefined
  // Only point at another mode when one really takes the field; a typo is simply unknown.
  const other = typeof mode === 'string' ? modesWithField(schema, key).find((m) => m !== mode) : undefined
  if (other !== undefined) return `"${key}" is not used in ${mode} mode; remove it or choose a mode that takes it (such as ${other}).`
  const owner = root ? (context.modelTitle ?? 'this model') : (fieldAt(schema, path, input).label ?? 'this field')
  return `"${key}" is not a parameter of ${owner}; remove it.`
}

function messageFor(
  schema: z.ZodType,
  path: readonly (string | number)[],
  issue: z.core.$ZodIssue,
  input: unknown,
): string {
  const root = path.length === 0
  const { field, label: found } = fieldAt(schema, path, input)
  const label = found ?? (root ? 'Input' : String(path[path.length - 1]))
  const meta = field?.meta ?? {}
  // The field's bounds, when it is the kind of value (number or string) the issue is about.
  const bounds = (type: string): Partial<Bounds> => (field?.core._zod.def.type === type ? boundsOf(field.core) : {})
  const must = (what: string): string => `${label} must be ${what}.`
  // "a whole number between 1 and 30 fps": the unit goes once, after the last number.
  const range = (): string => {
    const { min, max, integer } = bounds('number')
    const unit = meta.unit === undefined ? '' : ` ${meta.unit}`
    const noun = integer || (issue.code === 'invalid_type' && issue.expected === 'int') ? 'a whole number' : 'a number'
    if (min !== undefined && max !== undefined) return `${noun} between ${min} and ${max}${unit}`
    if (min !== undefined) return `${noun} of at least ${min}${unit}`
    if (max !== undefined) return `${noun} of at most ${max}${unit}`
    return noun
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (path.reduce(childValue, input) === undefined) return `${label} is required.`
      if (NUMERIC.includes(issue.expected)) return must(range())
      if (root && issue.expected === 'object') return 'Input must be an object of parameters.'
      // URL fields say what they accept ("an https:// URL") rather than just "text".
      const words = (issue.expected === 'string' ? meta.accepts : undefined) ?? TYPE_WORDS[issue.expected]
      return words === undefined ? `${label} has the wrong type (expected ${issue.expected}).` : must(words)
    }
    case 'too_small':
    case 'too_big': {
      if (NUMERIC.includes(issue.origin)) return must(range())
      // Arrays and the rest carry wording written for people in the schema.
      if (issue.origin !== 'string') return issue.message
      const { min = 1, max } = bounds('string')
      // A string that must not be empty reads as a required field.
      if (issue.code === 'too_small' && min <= 1) return `${label} is required.`
      return must(
        min > 1 && max !== undefined
          ? `${min} to ${max} characters long`
          : max !== undefined
            ? `at most ${max} characters long (1 to ${max})`
            : `at least ${min} characters long`,
      )
    }
    case 'invalid_value':
    case 'invalid_union': {
      // A union names its options only when no branch matched its discriminator.
      const options = issue.code === 'invalid_value' ? issue.values : (issue as { options?: readonly unknown[] }).options
      return options !== undefined ? must(`one of: ${list(options)}`) : `${label} does not match any accepted form.`
    }
    case 'custom': {
      const accepts = (issue.params as { accepts?: unknown } | undefined)?.accepts
      return typeof accepts === 'string' ? must(accepts) : issue.message
    }
    // Rules whose wording the schema writes for people (unknown keys are worded by the caller).
    case 'unrecognized_keys':
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
      return issue.message
    default:
      // A code a later zod adds fails to compile here; until then it keeps zod's own message.
      issue satisfies never
      return (issue as z.core.$ZodIssueBase).message
  }
}
