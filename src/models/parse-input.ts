import { LtxError, type FieldIssue } from '../core/ltx-error'
import { toFieldIssues } from '../core/to-field-issues'
import { getModel, type ModelId, type ModelParams } from './registry'

/** The outcome of {@link safeParseInput}: the parsed input, or the field issues. */
export type ParseInputResult<Id extends ModelId> =
  | { readonly success: true; readonly data: ModelParams<Id>; readonly issues?: undefined }
  | { readonly success: false; readonly data?: undefined; readonly issues: readonly FieldIssue[] }

/** Validate `value` as model `id`'s input without throwing. */
export function safeParseInput<Id extends ModelId>(id: Id, value: unknown): ParseInputResult<Id> {
  const model = getModel(id)
  const result = model.schema.safeParse(value)
  if (result.success) return { success: true, data: result.data as ModelParams<Id> }
  return { success: false, issues: toFieldIssues(model.schema, value, result.error.issues, { modelTitle: model.title }) }
}

/**
 * Validate `value` as model `id`'s input and fill in defaults. Throws an `LtxError` of kind
 * `validation` whose `issues` name each field's label and what it accepts.
 */
export function parseInput<Id extends ModelId>(id: Id, value: unknown): ModelParams<Id> {
  const result = safeParseInput(id, value)
  if (result.success) return result.data
  const first = result.issues[0]?.message ?? 'The input is not valid.'
  const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : ''
  throw new LtxError('validation', `${first}${more}`, { issues: result.issues, retryable: false })
}
