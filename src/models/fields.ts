import { z } from 'zod'
import { isSafeUrl, type SafeUrlPolicy } from '../core/safe-url'
import type { FieldMeta } from '../core/field-meta'

// Builders shared by the model files so every model words its rules the same way.

/** Attach form and docs metadata to a schema. */
export function withMeta<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  return schema.meta({ ...meta })
}

/** Upstream fetches these URLs itself; loopback `http:` is allowed so the local simulator works. */
const REMOTE_URL: SafeUrlPolicy = { https: true, httpLoopback: true }

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

/** The largest image the providers take (10 MB), for data URIs and picked files alike. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024

interface UrlFieldOptions {
  label: string
  description?: string
  /** Also accept `data:` URIs of this kind. */
  data?: 'image' | 'video'
  widget?: FieldMeta['widget']
}

const DATA_TYPES = {
  image: ['image/png', 'image/jpeg', 'image/webp'],
  video: ['video/mp4', 'video/webm', 'video/quicktime'],
} as const

/** A URL the provider will download: https (or a data URI where the API allows one). */
export function urlField({ label, description, data, widget }: UrlFieldOptions) {
  const accepts =
    data === 'image'
      ? 'an https:// URL or a data:image URI (PNG, JPEG or WebP, at most 10 MB)'
      : data === 'video'
        ? 'an https:// URL or a data:video URI (MP4, WebM or QuickTime)'
        : 'an https:// URL'
  const policy: SafeUrlPolicy =
    data === undefined ? REMOTE_URL : { ...REMOTE_URL, dataMediaTypes: DATA_TYPES[data] }
  const schema = z
    .string({ error: `${label} must be ${accepts}.` })
    .refine((value) => isSafeUrl(value, policy), { error: `${label} must be ${accepts}.`, params: { accepts } })
    .refine((value) => data !== 'image' || !value.startsWith('data:') || dataUriBytes(value) <= MAX_IMAGE_BYTES, {
      error: `${label} is larger than 10 MB; use a smaller image.`,
    })
  return withMeta(schema, {
    label,
    accepts,
    widget: widget ?? (data === 'video' ? 'video' : 'image'),
    ...(description === undefined ? {} : { description }),
  })
}

/** A prompt: required, not blank, optionally bounded. */
export function promptField(meta: { label?: string; description: string; max?: number }) {
  const label = meta.label ?? 'Prompt'
  let schema = z
    .string({ error: `${label} is required.` })
    .min(1, { error: `${label} is required.` })
    .regex(/\S/, { error: `${label} must not be blank.` })
  if (meta.max !== undefined) {
    schema = schema.max(meta.max, { error: `${label} must be at most ${meta.max} characters.` })
  }
  return withMeta(schema, { label, description: meta.description, widget: 'textarea' })
}
