// What the providers take as an image, in one place: the URL fields' data-URI check, and the
// form's file picker, both read it.

/** The largest image the providers take (10 MB), for data URIs and picked files alike. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024

/** The image types the providers take, as data URIs and as picked files. */
export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const

/** What to say about an image over {@link MAX_IMAGE_BYTES}, for the field labelled `label`. */
export function imageTooLargeMessage(label: string): string {
  return `${label} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB; use a smaller image.`
}
