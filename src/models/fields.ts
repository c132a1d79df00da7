import { z } from 'zod'
import { isSafeUrl, type SafeUrlPolicy } from './safe-url'
import type { FieldMeta } from './field-meta'
import { IMAGE_MEDIA_TYPES, imageTooLargeMessage, MAX_IMAGE_BYTES } from './image-limits'

// Builders shared by the model files so every model words its rules the same way, and the
// patterns they repeat (ranged sliders, seeds, URLs, prompts) are spelled out once.

/** Attach form and docs metadata to a schema. */
export function withMeta<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  // Spread: zod's registry takes plain objects, not the FieldMeta interface.
  return schema.meta({ ...meta })
}

/**
 * A number from `range[0]` to `range[1]` that defaults to `fallback`, shown as a slider.
 * `schema` is `z.number()` or `z.int()`.
 */
export function sliderField<T extends z.ZodNumber>(
  schema: T,
  [min, max]: readonly [number, number],
  fallback: z.core.util.NoUndefined<z.output<T>>,
  meta: Omit<FieldMeta, 'widget'>,
): z.ZodDefault<T> {
  return withMeta(schema.min(min).max(max).default(fallback), { ...meta, widget: 'slider' })
}

/** An optional seed (an advanced field); `schema` holds the seeds the provider takes. */
export function seedField<T extends z.ZodType<number>>(schema: T, description: string): z.ZodOptional<T> {
  return withMeta(schema.optional(), { label: 'Seed', description, widget: 'seed', group: 'advanced' })
}

/** Upstream fetches these URLs itself; loopback `http:` is allowed so the local simulator works. */
const REMOTE_URL: SafeUrlPolicy = { https: true, httpLoopback: true }

/** True for a URL the provider may download (https, or loopback http for the simulator). */
export function isRemoteUrl(value: string): boolean {
  return isSafeUrl(value, REMOTE_URL)
}

/** Decoded size of a data URI, in bytes: base64 (3 bytes per 4 characters) or percent-encoded text. */
function dataUriBytes(value: string): number {
  const comma = value.indexOf(',')
  const payload = value.slice(comma + 1)
  if (/;base64$/i.test(value.slice(0, comma))) return Math.floor((payload.length * 3) / 4)
  try {
    return new TextEncoder().encode(decodeURIComponent(payload)).length
  } catch {
    return payload.length
  }
}

interface UrlFieldOptions {
  label: string
  description: string
  /** Also accept `data:` URIs of this kind. */
  data?: 'image' | 'video'
  widget?: FieldMeta['widget']
}

// The data URIs each kind of field takes: their media types, and the same in words.
const DATA_URIS = {
  image: { types: IMAGE_MEDIA_TYPES, words: `PNG, JPEG or WebP, at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB` },
  video: { types: ['video/mp4', 'video/webm', 'video/quicktime'], words: 'MP4, WebM or QuickTime' },
} as const

/** A URL the provider will download: https (or a data URI where the API allows one). */
export function urlField({ label, description, data, widget }: UrlFieldOptions) {
  const accepts = data === undefined ? 'an https:// URL' : `an https:// URL or a data:${data} URI (${DATA_URIS[data].words})`
  const policy: SafeUrlPolicy = data === undefined ? REMOTE_URL : { ...REMOTE_URL, dataMediaTypes: DATA_URIS[data].types }
  const invalid = `${label} must be ${accepts}.`
  const schema = z
    .string({ error: invalid })
    .refine((value) => isSafeUrl(value, policy), { error: invalid, params: { accepts } })
    .refine((value) => data !== 'image' || !value.startsWith('data:') || dataUriBytes(value) <= MAX_IMAGE_BYTES, {
      error: imageTooLargeMessage(label),
    })
  return withMeta(schema, { label, accepts, widget: widget ?? (data === 'video' ? 'video' : 'image'), description })
}

/** The prompt: required, not blank, at most `max` characters when the provider has a limit. */
export function promptField(description: string, max?: number) {
  const required = 'Prompt is required.'
  let schema = z.string({ error: required }).min(1, { error: required }).regex(/\S/, { error: 'Prompt must not be blank.' })
  if (max !== undefined) schema = schema.max(max, { error: `Prompt must be at most ${max} characters.` })
  return withMeta(schema, { label: 'Prompt', description, widget: 'textarea' })
}
