import { finiteNumber, type FactValues } from './fact-values'
import type { ModelEntry, ModelFacts, ModelUpstreamFacts, SecondsRange } from './model-entry'

/** The resolutions APIXO `ltx-2-19b` renders. */
export const APIXO_RESOLUTIONS = ['480p', '720p', '1080p'] as const
/** One of {@link APIXO_RESOLUTIONS}. */
export type ApixoResolution = (typeof APIXO_RESOLUTIONS)[number]

// APIXO's page: 480p 40–60 s, 720p 60–90 s, 1080p 90–120 s; a LoRA mode adds 10–20 s.
const GENERATION_SEC = { '480p': [40, 60], '720p': [60, 90], '1080p': [90, 120] } as const satisfies Record<ApixoResolution, readonly [number, number]>

/** Documented APIXO generation time in seconds: 480p 40–60, 720p 60–90, 1080p 90–120; LoRA adds 10–20. */
export function apixoGenerationSec(input: { resolution: ApixoResolution; mode: string }): { min: number; max: number } {
  const [min, max] = GENERATION_SEC[input.resolution]
  const lora = input.mode.endsWith('LoRA')
  return { min: lora ? min + 10 : min, max: lora ? max + 20 : max }
}

const defaults = { resolution: '720p', duration: 10 } as const

/** The documented time for an input read without the schema (a left-out resolution is the default); undefined when unreadable. */
function documentedSec({ mode, resolution = defaults.resolution }: FactValues): SecondsRange | undefined {
  // hasOwn, not `in`: "toString" is not a resolution.
  const readable = typeof mode === 'string' && Object.hasOwn(GENERATION_SEC, resolution as PropertyKey)
  return readable ? apixoGenerationSec({ mode, resolution: resolution as ApixoResolution }) : undefined
}

// A video is never ready before the documented shortest time. For an input we cannot read (a
// job resumed after a reload), the page's advice: "submit task, wait 60 seconds, then poll every 5 seconds".
const firstCheckSec = (values: FactValues): number => documentedSec(values)?.min ?? 60

/** APIXO `ltx-2-19b` as the runtime path knows it. */
export const apixoLtx219bEntry = { id: 'ltx-2-19b', provider: 'apixo', firstCheckSec } as const satisfies ModelEntry

/** What is known about APIXO `ltx-2-19b` without its schema. */
export const apixoLtx219bFacts = {
  title: 'LTX-2 19B (APIXO)',
  defaults,
  clipSec: (values) => finiteNumber(values.duration),
  generationSec: documentedSec,
} as const satisfies ModelFacts

/** What the proxy and the simulator know about APIXO `ltx-2-19b` without its schema. */
export const apixoLtx219bUpstream = {
  urlFields: [
    ['image_urls', '*'],
    ['loras', '*', 'path'],
  ],
  // The simulator takes the middle of the documented time (the default resolution's when unreadable).
  simulatedSec: (values) => {
    const { min, max } = documentedSec(values) ?? apixoGenerationSec({ mode: '', resolution: defaults.resolution })
    return { queue: 5, run: (min + max) / 2 }
  },
} as const satisfies ModelUpstreamFacts
