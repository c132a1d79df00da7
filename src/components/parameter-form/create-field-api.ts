import type { ChangeEvent } from 'react'
import type { FieldDescriptor } from '../../core/read-fields'
import { isSafeUrl } from '../../core/safe-url'
import { MAX_IMAGE_BYTES } from '../../models/fields'
import { storeKeys, type FieldErrors, type FieldPath, type ParameterFormControl } from './create-form-control'
import { fromDisplayValue, randomSeed, toDisplayValue } from './field-values'

/** Image types a picked file may have; the same list the schemas accept as data URIs. */
export const IMAGE_FILE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const

/** Which of a slider's two controls to get props for. */
export type FieldControlPart = 'range' | 'number'

/** Element ids of one field's parts, for `htmlFor` and `aria-*` wiring. */
export interface FieldIds {
  readonly input: string
  readonly number: string
  readonly label: string
  readonly description: string
  readonly error: string
  readonly count: string
  readonly file: string
}

/** Props for a native `<input>`, `<textarea>` or `<select>` (or a design system's equivalent). */
export interface FieldInputProps {
  id: string
  name: string
  type?: string
  role?: 'switch'
  value?: string
  checked?: boolean
  min?: number
  max?: number
  step?: number | 'any'
  accept?: string
  'aria-invalid': boolean
  'aria-describedby': string | undefined
  'aria-labelledby'?: string
  'aria-required'?: boolean
  'aria-valuetext'?: string
  onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void
  onBlur: () => void
}

/** Props for the element that groups radios (`role="radiogroup"`) or list items (`role="group"`). */
export interface FieldGroupProps {
  id: string
  role: 'radiogroup' | 'group'
  'aria-labelledby': string
  'aria-describedby': string | undefined
  'aria-invalid'?: boolean
  'aria-required'?: boolean
}

/**
 * Props for a field's buttons (randomize, lock, add, remove, clear file). A button that cannot
 * act now gets `aria-disabled` rather than `disabled` (its click does nothing), so it keeps
 * keyboard focus: browsers move focus off a control that becomes disabled.
 */
export interface FieldButtonProps {
  type: 'button'
  onClick: () => void
  /** Add, remove and clear-file buttons have ids, to move focus to them after a removal. */
  id?: string
  'aria-pressed'?: boolean
  'aria-controls'?: string
  'aria-disabled'?: boolean
}

/** State and prop getters of one field, from `useParameterField` or `form.getField`. */
export interface ParameterFieldApi {
  readonly field: FieldDescriptor
  readonly path: FieldPath
  /** The value held by the form (schema-shaped: a number, an enum value, a list…). */
  readonly value: unknown
  /** The value as a control shows it. */
  readonly displayValue: string
  /** The message to show under this field, if any. */
  readonly error: string | undefined
  readonly invalid: boolean
  readonly ids: FieldIds
  setValue(value: unknown): void
  /** Validate this field now (what blur does). */
  validate(): void
  getLabelProps(): { id: string; htmlFor?: string | undefined }
  getInputProps(part?: FieldControlPart): FieldInputProps
  getGroupProps(): FieldGroupProps
  getRadioProps(option: string | number, index: number): FieldInputProps
  /** The words for an enum option: its option label, else the value with its unit. */
  optionLabel(option: string | number): string
  getDescriptionProps(): { id: string }
  getErrorProps(): { id: string }
  getCountProps(): { id: string }
  /** Characters typed, for a text field with a length limit. */
  readonly length: number
  /** Seed: whether the value is kept across submits. */
  readonly locked: boolean
  getRandomizeProps(): FieldButtonProps
  getLockProps(): FieldButtonProps
  /** Image: whether a picked file (as a data URI) is accepted. */
  readonly acceptsFile: boolean
  /** Image: the name of the picked file in use, if any. */
  readonly fileName: string | undefined
  /** Image: a URL safe to show in `<img src>` (https or a data:image URI), if any. */
  readonly previewUrl: string | undefined
  pickFile(file: File): Promise<void>
  getFileInputProps(): FieldInputProps
  getClearFileProps(): FieldButtonProps
  /** List (LoRAs): the items. */
  readonly items: readonly unknown[]
  getAddItemProps(): FieldButtonProps
  getRemoveItemProps(index: number): FieldButtonProps
  /** The id of the heading of item `index`, to label its fields. */
  itemLabelId(index: number): string
  /** The API of field `name` of item `index`. */
  item(index: number, name: string): ParameterFieldApi
}

/** What is subscribed per field besides its value and messages. */
export interface FieldExtras {
  readonly locked: boolean
  readonly fileName: string | undefined
  /** Id of an element whose text prefixes this field's name ("LoRA 2" for "URL"). */
  readonly groupLabelId?: string | undefined
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(file)
  })
}

function keyOf(path: FieldPath): string {
  return path.join('.')
}

// Per form and field, how many times its value was chosen (a file picked, a URL typed, a file
// removed): a file read that finishes after a later choice is stale and must not overwrite it.
const choices = new WeakMap<ParameterFormControl, Map<string, number>>()

function nextChoice(control: ParameterFormControl, key: string): number {
  let counts = choices.get(control)
  if (counts === undefined) {
    counts = new Map()
    choices.set(control, counts)
  }
  const next = (counts.get(key) ?? 0) + 1
  counts.set(key, next)
  return next
}

function currentChoice(control: ParameterFormControl, key: string): number {
  return choices.get(control)?.get(key) ?? 0
}

/** Build the API of one field from the values the caller read (reactively or not). */
export function createFieldApi(
  control: ParameterFormControl,
  field: FieldDescriptor,
  path: FieldPath,
  value: unknown,
  errors: FieldErrors | undefined,
  extras: FieldExtras,
): ParameterFieldApi {
  const base = control.idFor(path)
  const ids: FieldIds = {
    input: base,
    number: `${base}-number`,
    label: `${base}-label`,
    description: `${base}-description`,
    error: `${base}-error`,
    count: `${base}-count`,
    file: `${base}-file`,
  }
  const key = keyOf(path)
  const isList = field.widget === 'loras'
  const own = errors?.[key]
  // A list shows only its own message (e.g. "at least one"); item messages sit under items.
  const nested = isList ? undefined : Object.entries(errors ?? {}).find(([k]) => k.startsWith(`${key}.`))?.[1]
  const error = own ?? nested
  const invalid = error !== undefined
  const single = Array.isArray(value) && field.widget !== 'url-list' && !isList ? value[0] : value
  const isDataUri = typeof single === 'string' && single.startsWith('data:')
  const acceptsFile = field.widget === 'image' && /data:image/i.test((field.item ?? field).accepts ?? field.accepts ?? '')
  const hasCount = (field.widget === 'textarea' || field.widget === 'text') && field.maxLength !== undefined
  const describedBy = [
    field.description === undefined ? undefined : ids.description,
    hasCount ? ids.count : undefined,
    invalid ? ids.error : undefined,
  ]
    .filter((id): id is string => id !== undefined)
    .join(' ')
  const setValue = (next: unknown) => control.setValue(path, next)
  const validate = () => control.validate(path)
  const common = {
    name: key,
    'aria-invalid': invalid,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
    onBlur: validate,
    ...(field.required ? { 'aria-required': true } : {}),
    ...(extras.groupLabelId === undefined ? {} : { 'aria-labelledby': `${extras.groupLabelId} ${ids.label}` }),
  }
  const onText = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValue(fromDisplayValue(field, event.target.value))
  const numeric = field.type === 'number' || field.type === 'integer'
  const bounds = {
    ...(field.min === undefined ? {} : { min: field.min }),
    ...(field.max === undefined ? {} : { max: field.max }),
    step: field.step ?? (field.type === 'integer' ? 1 : ('any' as const)),
  }
  const displayValue = isDataUri ? '' : toDisplayValue(field, value)
  const withUnit = (v: string) => (field.unit === undefined ? v : `${v} ${field.unit}`)

  const api: ParameterFieldApi = {
    field,
    path,
    value,
    displayValue,
    error,
    invalid,
    ids,
    setValue,
    validate,
    getLabelProps() {
      const grouped = field.widget === 'radios' || field.widget === 'segmented' || isList
      return { id: ids.label, htmlFor: grouped ? undefined : ids.input }
    },
    getInputProps(part) {
      switch (field.widget) {
        case 'switch':
          return { ...common, id: ids.input, type: 'checkbox', role: 'switch', checked: value === true, onChange: (e) => setValue((e.target as HTMLInputElement).checked) }
        case 'textarea':
          return { ...common, id: ids.input, value: displayValue, onChange: onText }
        case 'select':
          return { ...common, id: ids.input, value: displayValue, onChange: onText }
        case 'slider':
          if (part === 'number') {
            return { ...common, id: ids.number, type: 'number', ...bounds, value: displayValue, onChange: onText, 'aria-labelledby': common['aria-labelledby'] ?? ids.label }
          }
          return { ...common, id: ids.input, type: 'range', ...bounds, value: displayValue, 'aria-valuetext': withUnit(displayValue), onChange: onText }
        case 'number':
        case 'seed':
          return { ...common, id: ids.input, type: 'number', ...bounds, value: displayValue, onChange: onText }
        case 'image':
          return {
            ...common,
            id: ids.input,
            type: 'url',
            value: displayValue,
            onChange: (event) => {
              // A typed URL is a newer choice than a file still being read.
              nextChoice(control, key)
              onText(event)
            },
          }
        case 'video':
          return { ...common, id: ids.input, type: 'url', value: displayValue, onChange: onText }
        case 'url-list':
          return { ...common, id: ids.input, value: displayValue, onChange: onText }
        case 'text':
        case 'segmented':
        case 'radios':
        case 'loras':
        case 'mode':
          // Groups render radios or items; alone they fall back to a plain input.
          return { ...common, id: ids.input, type: numeric ? 'number' : 'text', ...(numeric ? bounds : {}), value: displayValue, onChange: onText }
        default:
          field.widget satisfies never
          return { ...common, id: ids.input, value: displayValue, onChange: onText }
      }
    },
    getGroupProps() {
      return {
        id: ids.input,
        role: isList ? 'group' : 'radiogroup',
        'aria-labelledby': ids.label,
        'aria-describedby': common['aria-describedby'],
        ...(isList ? {} : { 'aria-invalid': invalid }),
        ...(field.required && !isList ? { 'aria-required': true } : {}),
      }
    },
    getRadioProps(option, index) {
      return {
        id: `${ids.input}-${index}`,
        // Unique per form and field: radios group by name across the whole document.
        name: ids.input,
        type: 'radio',
        value: String(option),
        checked: value === option,
        'aria-invalid': invalid,
        'aria-describedby': undefined,
        onChange: () => setValue(option),
        onBlur: validate,
      }
    },
    optionLabel(option) {
      return field.optionLabels?.[String(option)] ?? withUnit(String(option))
    },
    getDescriptionProps: () => ({ id: ids.description }),
    getErrorProps: () => ({ id: ids.error }),
    getCountProps: () => ({ id: ids.count }),
    length: typeof value === 'string' ? value.length : 0,
    locked: extras.locked,
    getRandomizeProps: () => ({ type: 'button', 'aria-controls': ids.input, onClick: () => setValue(randomSeed(field)) }),
    getLockProps: () => ({
      type: 'button',
      'aria-pressed': extras.locked,
      'aria-controls': ids.input,
      onClick: () => control.setLocked(key, !extras.locked),
    }),
    acceptsFile,
    fileName: isDataUri ? extras.fileName : undefined,
    previewUrl: isSafeUrl(single, { https: true, httpLoopback: true, dataMediaTypes: acceptsFile ? IMAGE_FILE_TYPES : [] }) ? single : undefined,
    async pickFile(file) {
      const messages = control.messages()
      // This pick supersedes any earlier one still being read, even if it is refused below.
      const choice = nextChoice(control, key)
      const before = control.getValue(path)
      if (!(IMAGE_FILE_TYPES as readonly string[]).includes(file.type)) {
        control.setError(path, messages.fileType(field.label))
        return
      }
      // Checked before reading: a 50 MB file should not be base64-encoded just to be refused.
      if (file.size > MAX_IMAGE_BYTES) {
        control.setError(path, messages.fileSize(field.label))
        return
      }
      let uri: string
      try {
        uri = await readAsDataUrl(file)
      } catch {
        if (currentChoice(control, key) === choice) control.setError(path, messages.fileRead(field.label))
        return
      }
      // While the file was read, the user chose again (another file, a typed URL, "Remove file"),
      // or the app set the value: the later choice wins.
      if (currentChoice(control, key) !== choice || control.getValue(path) !== before) return
      control.store.set(storeKeys.file(key), file.name)
      control.setValue(path, field.type === 'array' ? [uri] : uri)
      control.validate(path)
    },
    getFileInputProps() {
      return {
        id: ids.file,
        name: `${key}-file`,
        type: 'file',
        accept: IMAGE_FILE_TYPES.join(','),
        'aria-invalid': invalid,
        'aria-describedby': invalid ? ids.error : undefined,
        onChange: (event) => {
          const input = event.target as HTMLInputElement
          const file = input.files?.[0]
          if (file !== undefined) void api.pickFile(file)
          // Let the same file be picked again after it was removed.
          input.value = ''
        },
        onBlur: () => undefined,
      }
    },
    getClearFileProps: () => ({
      type: 'button',
      id: `${ids.file}-clear`,
      'aria-controls': ids.input,
      onClick: () => {
        nextChoice(control, key)
        control.store.set(storeKeys.file(key), undefined)
        setValue(undefined)
      },
    }),
    items: isList && Array.isArray(value) ? value : [],
    getAddItemProps() {
      const count = Array.isArray(value) ? value.length : 0
      const full = field.maxItems !== undefined && count >= field.maxItems
      return {
        type: 'button',
        id: `${ids.input}-add`,
        // Not `disabled`: the button that adds the last item would lose focus. A click when the
        // list is full does nothing (`addItem` checks the limit).
        ...(full ? { 'aria-disabled': true } : {}),
        onClick: () => control.addItem(field),
      }
    },
    getRemoveItemProps: (index) => ({
      type: 'button',
      id: `${control.idFor([...path, index])}-remove`,
      onClick: () => control.removeItem(field, index),
    }),
    itemLabelId: (index) => `${control.idFor([...path, index])}-label`,
    item(index, name) {
      const sub = (field.item?.fields ?? field.fields ?? []).find((f) => f.name === name)
      if (sub === undefined) throw new Error(`"${name}" is not a field of ${field.label} items.`)
      const itemValue = Array.isArray(value) ? (value[index] as Record<string, unknown> | undefined)?.[name] : undefined
      return createFieldApi(control, sub, [...path, index, name], itemValue, errors, {
        locked: false,
        fileName: undefined,
        groupLabelId: api.itemLabelId(index),
      })
    },
  }
  return api
}
