import type { z } from 'zod'
import { childValue, defOf, humanize, unwrapSchema, type Unwrapped } from './unwrap-schema'

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
