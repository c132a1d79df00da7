import type { ParseResult } from './define-model'
import { getModel, type ModelId, type ModelParams } from './registry'

/** The outcome of {@link safeParseInput}: the parsed input, or the field issues. */
export type ParseInputResult<Id extends ModelId> = ParseResult<ModelParams<Id>>

/** Validate `value` as model `id`'s input without throwing. */
export function safeParseInput<Id extends ModelId>(id: Id, value: unknown): ParseInputResult<Id> {
  return getModel(id).safeParse(value) as ParseInputResult<Id>
}

/**
 * Validate `value` as model `id`'s input and fill in defaults. Throws an `LtxError` of kind
 * `validation` whose `issues` name each field's label and what it accepts.
 */
export function parseInput<Id extends ModelId>(id: Id, value: unknown): ModelParams<Id> {
  return getModel(id).parse(value) as ModelParams<Id>
}
