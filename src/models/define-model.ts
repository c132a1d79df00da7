import type { z } from 'zod'
import { LtxError, type FieldIssue } from './ltx-error'
import type { Provider } from './provider'
import { summarizeIssues } from './summarize-issues'
import { toFieldIssues } from './to-field-issues'

/** Whether a model's video carries sound. `input` means the input decides (e.g. `generate_audio`). */
export type AudioOutput = 'always' | 'never' | 'input' | 'source'

/** What a model returns and how long its clip and generation take, when documented. */
export interface ModelOutput<Input> {
  readonly kind: 'video'
  readonly audio: AudioOutput
  /** Length of the produced clip in seconds, when the input determines it. */
  readonly durationSec?: (input: Input) => number | undefined
  /** Documented generation time in seconds, when the provider publishes one. */
  readonly generationSec?: (input: Input) => { readonly min: number; readonly max: number }
}

/** The outcome of a model's `safeParse`: the parsed input, or the field issues. */
export type ParseResult<T> =
  | { readonly success: true; readonly data: T; readonly issues?: undefined }
  | { readonly success: false; readonly data?: undefined; readonly issues: readonly FieldIssue[] }

/** What {@link defineModel} is given: the model's id, provider, words for people, schema and output. */
export interface ModelSpec<Id extends string = string, Schema extends z.ZodType = z.ZodType, P extends Provider = Provider> {
  readonly id: Id
  readonly provider: P
  readonly title: string
  readonly description: string
  /** The zod v4 schema of the model's input; its `.meta()` carries labels and widget hints. */
  readonly schema: Schema
  readonly output: ModelOutput<z.output<Schema>>
  /** Where the provider documents the model, when it has a public page. */
  readonly docsUrl?: string
}

/**
 * One hosted model: its spec plus the validators built from its schema. Passing a definition
 * (rather than its id) to a hook or transport validates input in the browser before sending;
 * only the models an app imports end up in its bundle.
 */
export interface ModelDefinition<Id extends string = string, Schema extends z.ZodType = z.ZodType, P extends Provider = Provider>
  extends ModelSpec<Id, Schema, P> {
  /** Check `value` without throwing: the input with defaults filled in, or readable field issues. */
  readonly safeParse: (value: unknown) => ParseResult<z.output<Schema>>
  /** Check `value` and fill in defaults; throws an `LtxError` of kind `validation` with `issues`. */
  readonly parse: (value: unknown) => z.output<Schema>
}

/** Keep literal types of a model definition while checking its shape, and attach its validators. */
export function defineModel<const Id extends string, Schema extends z.ZodType, const P extends Provider>(
  spec: ModelSpec<Id, Schema, P>,
): ModelDefinition<Id, Schema, P> {
  const safeParse = (value: unknown): ParseResult<z.output<Schema>> => {
    const result = spec.schema.safeParse(value)
    if (result.success) return { success: true, data: result.data }
    return { success: false, issues: toFieldIssues(spec.schema, value, result.error.issues, { modelTitle: spec.title }) }
  }
  const parse = (value: unknown): z.output<Schema> => {
    const result = safeParse(value)
    if (result.success) return result.data
    throw new LtxError('validation', summarizeIssues(result.issues, 'The input is not valid.'), {
      issues: result.issues,
      retryable: false,
    })
  }
  return Object.freeze({ ...spec, safeParse, parse })
}
