import type { z } from 'zod'

/** The upstream provider a model is hosted on; each speaks its own dialect. */
export type Provider = 'segmind' | 'apixo'

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

/** One hosted model: its id, provider, words for people, the input schema and what comes out. */
export interface ModelDefinition<
  Id extends string = string,
  Schema extends z.ZodType = z.ZodType,
  P extends Provider = Provider,
> {
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

/** Keep literal types of a model definition while checking its shape. */
export function defineModel<const Id extends string, Schema extends z.ZodType, const P extends Provider>(
  model: ModelDefinition<Id, Schema, P>,
): ModelDefinition<Id, Schema, P> {
  return Object.freeze(model)
}
