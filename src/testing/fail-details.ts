import type { Provider } from '../models/provider'
import type { SimOutcome } from './simulator-types'

/** How a failed job reads in each dialect: APIXO's `failCode` and `failMsg`, Segmind's `error`. */
export interface FailDetail {
  readonly apixo: { readonly code: string; readonly message: string }
  readonly segmind: string
}

// Every provider has its words for a failure: a provider added to PROVIDERS fails the build here.
true satisfies [Provider] extends [keyof FailDetail] ? ([keyof FailDetail] extends [Provider] ? true : false) : false

/** The words of each failed outcome, in every dialect. */
export const FAIL_DETAILS = {
  'content-violation': {
    apixo: { code: 'CONTENT_VIOLATION', message: 'Content violates safety guidelines' },
    segmind: 'Content flagged by the safety filter: the prompt or the output violates the content policy.',
  },
  'generation-failed': {
    // APIXO documents no code for a plain generation failure; this one is the simulator's.
    apixo: { code: 'GENERATION_FAILED', message: 'Video generation failed, please try again' },
    segmind: 'Generation failed: the model could not produce a video. Please try again.',
  },
  'invalid-image-url': {
    apixo: { code: 'INVALID_IMAGE_URL', message: 'Cannot access provided image URL' },
    segmind: 'Could not download the input image.',
  },
  'invalid-lora-url': {
    apixo: { code: 'INVALID_LORA_URL', message: 'Cannot download LoRA model' },
    segmind: 'Could not download the LoRA weights.',
  },
} as const satisfies Record<Exclude<SimOutcome, 'success'>, FailDetail>
