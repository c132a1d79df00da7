/**
 * Every upstream provider ltx-react speaks to, in one place: each has a dialect module in
 * src/providers/, and every table keyed by provider is checked against this list.
 */
export const PROVIDERS = ['segmind', 'apixo'] as const

/** The upstream provider a model is hosted on; each speaks its own dialect. */
export type Provider = (typeof PROVIDERS)[number]
