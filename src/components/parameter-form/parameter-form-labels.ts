import { defaultParameterFormMessages, type ParameterFormMessages } from './create-form-control'

/** Every string `ParameterForm` shows besides the schema's own labels (which `fields` overrides). */
export interface ParameterFormLabels extends ParameterFormMessages {
  readonly submit: string
  readonly submitting: string
  /** Label of the APIXO mode switch. */
  readonly mode: string
  /** Summary of the collapsible section of advanced fields. */
  readonly advanced: string
  /** Character count under a text field with a limit. */
  readonly characterCount: (count: number, max: number) => string
  readonly randomizeSeed: string
  readonly lockSeed: string
  /** Placeholder of an empty seed (the provider then picks one). */
  readonly seedPlaceholder: string
  readonly addItem: (itemLabel: string) => string
  readonly removeItem: (itemLabel: string, index: number) => string
  readonly chooseFile: string
  readonly removeFile: string
  readonly fileChosen: (fileName: string) => string
  /** Alt text of an image preview. */
  readonly imagePreview: (fieldLabel: string) => string
  readonly urlPlaceholder: string
  /** The empty option of an optional select. */
  readonly notSet: string
  /** Heading of messages about fields that are not shown. */
  readonly otherErrors: string
}

/** English defaults of {@link ParameterFormLabels}. */
export const defaultParameterFormLabels: ParameterFormLabels = {
  ...defaultParameterFormMessages,
  submit: 'Generate video',
  submitting: 'Submitting…',
  mode: 'Mode',
  advanced: 'Advanced settings',
  characterCount: (count, max) => `${count} / ${max} characters`,
  randomizeSeed: 'Randomize',
  lockSeed: 'Lock seed',
  seedPlaceholder: 'Random',
  addItem: (itemLabel) => `Add ${itemLabel}`,
  removeItem: (itemLabel, index) => `Remove ${itemLabel} ${index}`,
  chooseFile: 'Choose file',
  removeFile: 'Remove file',
  fileChosen: (fileName) => `Using ${fileName}`,
  imagePreview: (fieldLabel) => `Preview of ${fieldLabel}`,
  urlPlaceholder: 'https://…',
  notSet: 'Not set',
  otherErrors: 'Fix these parameters:',
}
