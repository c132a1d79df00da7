import { imageTooLargeMessage } from '../../models/image-limits'

/**
 * Words the headless form needs itself: messages for problems it finds (a picked file) before
 * the schema sees the value, and the names and spoken values it gives controls.
 */
export interface ParameterFormMessages {
  /** A picked file is not PNG, JPEG or WebP. */
  readonly fileType: (label: string) => string
  /** A picked file is over 10 MB. */
  readonly fileSize: (label: string) => string
  /** A picked file could not be read. */
  readonly fileRead: (label: string) => string
  /** The name of a slider's number input, so it is not named like the slider ("Duration, exact"). */
  readonly exactValue: (label: string) => string
  /** A slider's `aria-valuetext`: its value in words, with the field's unit ("10 seconds"). */
  readonly valueText: (value: number, unit: string | undefined) => string
  /** Heading of one list item, e.g. "LoRA 2"; it also prefixes the names of the item's fields. */
  readonly listItem: (itemLabel: string, index: number) => string
}

// Units of the models' fields as words: [one, many].
const SPOKEN_UNITS: Readonly<Record<string, readonly [string, string]>> = {
  s: ['second', 'seconds'],
  px: ['pixel', 'pixels'],
  fps: ['frame per second', 'frames per second'],
  frames: ['frame', 'frames'],
  steps: ['step', 'steps'],
}

/** English defaults of {@link ParameterFormMessages}. */
export const defaultParameterFormMessages: ParameterFormMessages = {
  fileType: (label) => `${label} must be a PNG, JPEG or WebP image.`,
  fileSize: imageTooLargeMessage,
  fileRead: (label) => `${label} could not be read; pick the file again.`,
  exactValue: (label) => `${label}, exact`,
  valueText(value, unit) {
    if (unit === undefined) return String(value)
    const [one, many] = SPOKEN_UNITS[unit] ?? [unit, unit]
    return `${value} ${value === 1 ? one : many}`
  },
  listItem: (itemLabel, index) => `${itemLabel} ${index}`,
}
