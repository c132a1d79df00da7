import type { SimOutcome } from './simulator-types'

/** How a failed job reads: APIXO's `failCode` and `failMsg`, and Segmind's `error`. */
export interface FailDetail {
  readonly code: string
  readonly message: string
  readonly segmind: string
}

/** The words of each failed outcome, in both dialects. */
export const FAIL_DETAILS = {
  'content-violation': {
    code: 'CONTENT_VIOLATION',
    message: 'Content violates safety guidelines',
    segmind: 'Content flagged by the safety filter: the prompt or the output violates the content policy.',
  },
  'generation-failed': {
    // APIXO documents no code for a plain generation failure; this one is the simulator's.
    code: 'GENERATION_FAILED',
    message: 'Video generation failed, please try again',
    segmind: 'Generation failed: the model could not produce a video. Please try again.',
  },
  'invalid-image-url': {
    code: 'INVALID_IMAGE_URL',
    message: 'Cannot access provided image URL',
    segmind: 'Could not download the input image.',
  },
  'invalid-lora-url': {
    code: 'INVALID_LORA_URL',
    message: 'Cannot download LoRA model',
    segmind: 'Could not download the LoRA weights.',
  },
} as const satisfies Record<Exclude<SimOutcome, 'success'>, FailDetail>
