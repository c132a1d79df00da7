import type { FieldIssue } from '../../core/ltx-error'
import { defaultValues, type FieldDescriptor, type SchemaForm } from '../../core/read-fields'
import type { FieldWidget } from '../../core/field-meta'
import { safeParseInput } from '../../models/parse-input'
import type { ModelId } from '../../models/registry'
import { createFormStore, type FormStore } from './form-store'
import { cleanValue, getIn, newListItem, setIn } from './field-values'

/** How `fields` may change one field: its words, its widget or its group. */
export interface ParameterFieldOverride {
  readonly label?: string
  readonly description?: string
  readonly widget?: FieldWidget
  readonly group?: 'basic' | 'advanced'
  readonly optionLabels?: Readonly<Record<string, string>>
}

/** Which fields a form shows, in what order, and with what words (names not listed keep schema order). */
export interface ParameterFieldsConfig<Name extends string = string> {
  /** These fields first, in this order; the rest follow in schema order. */
  readonly order?: readonly Name[]
  /** Fields not rendered (their defaults and `defaultValues` are still sent). */
  readonly hide?: readonly Name[]
  /** Per-field label, description, widget, group or option labels. */
  readonly override?: { readonly [K in Name]?: ParameterFieldOverride }
}

/** Messages for problems the form finds itself (a picked file), before the schema sees the value. */
export interface ParameterFormMessages {
  /** A picked file is not PNG, JPEG or WebP. */
  readonly fileType: (label: string) => string
  /** A picked file is over 10 MB. */
  readonly fileSize: (label: string) => string
  /** A picked file could not be read. */
  readonly fileRead: (label: string) => string
}

/** English defaults of {@link ParameterFormMessages}. */
export const defaultParameterFormMessages: ParameterFormMessages = {
  fileType: (label) => `${label} must be a PNG, JPEG or WebP image.`,
  fileSize: (label) => `${label} is larger than 10 MB; use a smaller image.`,
  fileRead: (label) => `${label} could not be read; pick the file again.`,
}

/** What the control reads from the latest render of `useParameterForm`. */
export interface ControlOptions {
  readonly fields: ParameterFieldsConfig | undefined
  readonly onSubmit: (values: never) => unknown
  readonly isSubmitting: boolean | undefined
  readonly messages: Partial<ParameterFormMessages> | undefined
}

/** Field messages by dotted path (`prompt`, `loras.0.path`). */
export type FieldErrors = Readonly<Record<string, string>>

/** Path of a value in the form: a field name, then list indexes and item field names. */
export type FieldPath = readonly (string | number)[]

/**
 * The stable part of a parameter form: its store, ids and actions. It never changes identity
 * while the model stays the same, so memoised fields that take it do not re-render.
 */
export interface ParameterFormControl {
  readonly modelId: ModelId
  readonly store: FormStore
  readonly baseId: string
  readonly schemaForm: SchemaForm
  /** The discriminator of a model with modes (`mode` for APIXO). */
  readonly discriminator: string | undefined
  /** Fields shown for `mode`, ordered, filtered and overridden by the `fields` option. */
  fieldsFor(mode: string | undefined): readonly FieldDescriptor[]
  /** Every field the current mode sends, shown or hidden. */
  modeFields(mode: string | undefined): readonly FieldDescriptor[]
  /** The element id of the control for `path`. */
  idFor(path: FieldPath): string
  getValue(path: FieldPath): unknown
  setValue(path: FieldPath, value: unknown): void
  /** Validate one field (or one item field) with the whole schema, as on blur. */
  validate(path: FieldPath): void
  /** Set or clear a message the form found itself. */
  setError(path: FieldPath, message: string | undefined): void
  errorsOf(name: string): FieldErrors | undefined
  allErrors(): FieldErrors
  getMode(): string | undefined
  setMode(mode: string): void
  isLocked(name: string): boolean
  setLocked(name: string, locked: boolean): void
  addItem(field: FieldDescriptor): void
  removeItem(field: FieldDescriptor, index: number): void
  /** The input as it would be validated and sent now (empty values left out). */
  input(): Record<string, unknown>
  isSubmitting(): boolean
  /** Validate everything; on success call `onSubmit` with the parsed values. */
  submit(): Promise<boolean>
  /** Remember the form element, to find fields to focus. */
  setFormElement(element: HTMLFormElement | null): void
  messages(): ParameterFormMessages
}

export const storeKeys = {
  value: (name: string) => `value:${name}`,
  errors: (name: string) => `errors:${name}`,
  lock: (name: string) => `lock:${name}`,
  file: (name: string) => `file:${name}`,
  allErrors: 'errors',
  mode: 'mode',
  pending: 'pending',
} as const

function pathKey(path: FieldPath): string {
  return path.join('.')
}

function under(key: string, prefix: string): boolean {
  return prefix === '' || key === prefix || key.startsWith(`${prefix}.`)
}

function modeFieldsOf(schemaForm: SchemaForm, mode: string | undefined): readonly FieldDescriptor[] {
  if (schemaForm.kind === 'fields') return schemaForm.fields
  return (schemaForm.modes.find((m) => m.value === mode) ?? schemaForm.modes[0])?.fields ?? []
}

function applyConfig(fields: readonly FieldDescriptor[], config: ParameterFieldsConfig | undefined): FieldDescriptor[] {
  if (config === undefined) return [...fields]
  const hidden = new Set<string>(config.hide ?? [])
  const order = config.order ?? []
  const rank = (name: string): number => {
    const index = order.indexOf(name)
    return index === -1 ? order.length : index
  }
  return fields
    .filter((field) => !hidden.has(field.name))
    .map((field, index) => ({ field, index }))
    // Stable: fields not in `order` keep their schema order after the listed ones.
    .sort((a, b) => rank(a.field.name) - rank(b.field.name) || a.index - b.index)
    .map(({ field }) => {
      const override = config.override?.[field.name]
      return override === undefined ? field : { ...field, ...override }
    })
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
}

const FOCUSABLE = 'input:not([type="hidden"]), select, textarea, button'

/** Create the control behind `useParameterForm`. */
export function createFormControl(
  modelId: ModelId,
  schemaForm: SchemaForm,
  baseId: string,
  initialValues: Readonly<Record<string, unknown>> | undefined,
  options: () => ControlOptions,
): ParameterFormControl {
  const discriminator = schemaForm.kind === 'modes' ? schemaForm.discriminator : undefined
  // Every field of every mode, so a value typed in one mode is still there in another.
  const everyField = new Map<string, FieldDescriptor>()
  for (const list of schemaForm.kind === 'fields' ? [schemaForm.fields] : schemaForm.modes.map((m) => m.fields)) {
    for (const field of list) if (!everyField.has(field.name)) everyField.set(field.name, field)
  }
  const initial = defaultValues([...everyField.values()])
  for (const field of everyField.values()) {
    // A list that needs at least one item starts with one empty item to fill in.
    if (field.widget === 'loras' && (field.minItems ?? 0) > 0 && initial[field.name] === undefined) {
      initial[field.name] = [newListItem(field.item ?? field)]
    }
  }
  let mode = schemaForm.kind === 'modes' ? schemaForm.modes[0]?.value : undefined
  for (const [name, value] of Object.entries(initialValues ?? {})) {
    if (name === discriminator) {
      if (schemaForm.kind === 'modes' && schemaForm.modes.some((m) => m.value === value)) mode = String(value)
    } else if (value !== undefined) {
      initial[name] = structuredClone(value)
    }
  }
  const store = createFormStore([
    ...Object.entries(initial).map(([name, value]) => [storeKeys.value(name), value] as const),
    [storeKeys.mode, mode],
    [storeKeys.allErrors, Object.freeze({})],
    [storeKeys.pending, false],
  ])
  const errorNames = new Set<string>()
  let formElement: HTMLFormElement | null = null
  let fieldsCache: { mode: string | undefined; config: ParameterFieldsConfig | undefined; fields: readonly FieldDescriptor[] } | undefined

  const getMode = () => store.get(storeKeys.mode) as string | undefined

  const errorsOf = (name: string) => store.get(storeKeys.errors(name)) as FieldErrors | undefined

  function putErrors(name: string, next: Record<string, string>): void {
    const previous = errorsOf(name) ?? {}
    const keys = Object.keys(next)
    const same = keys.length === Object.keys(previous).length && keys.every((k) => previous[k] === next[k])
    if (same) return
    store.set(storeKeys.errors(name), keys.length === 0 ? undefined : Object.freeze({ ...next }))
    if (keys.length === 0) errorNames.delete(name)
    else errorNames.add(name)
    const all: Record<string, string> = {}
    for (const n of errorNames) Object.assign(all, errorsOf(n))
    store.set(storeKeys.allErrors, Object.freeze(all))
  }

  function modeFields(m: string | undefined): readonly FieldDescriptor[] {
    return modeFieldsOf(schemaForm, m)
  }

  function input(): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    const m = getMode()
    if (discriminator !== undefined && m !== undefined) out[discriminator] = m
    for (const field of modeFields(m)) {
      const value = cleanValue(field, store.get(storeKeys.value(field.name)))
      if (value !== undefined) out[field.name] = value
    }
    return out
  }

  function parse() {
    return safeParseInput(modelId, input())
  }

  function validate(path: FieldPath): void {
    const name = String(path[0] ?? '')
    const prefix = pathKey(path)
    const result = parse()
    const next: Record<string, string> = {}
    for (const [key, message] of Object.entries(errorsOf(name) ?? {})) if (!under(key, prefix)) next[key] = message
    for (const issue of result.issues ?? []) {
      const key = pathKey(issue.path)
      if (String(issue.path[0] ?? '') === name && under(key, prefix) && next[key] === undefined) next[key] = issue.message
    }
    putErrors(name, next)
  }

  function setAllErrors(issues: readonly FieldIssue[]): void {
    const byName = new Map<string, Record<string, string>>()
    for (const issue of issues) {
      const name = String(issue.path[0] ?? '')
      const record = byName.get(name) ?? {}
      const key = pathKey(issue.path)
      record[key] ??= issue.message
      byName.set(name, record)
    }
    for (const name of [...errorNames]) if (!byName.has(name)) putErrors(name, {})
    for (const [name, record] of byName) putErrors(name, record)
  }

  function hasErrorsUnder(path: FieldPath): boolean {
    const prefix = pathKey(path)
    return Object.keys(errorsOf(String(path[0] ?? '')) ?? {}).some((key) => under(key, prefix) || under(prefix, key))
  }

  function focusFirstInvalid(issues: readonly FieldIssue[]): void {
    const doc = formElement?.ownerDocument ?? (typeof document === 'undefined' ? undefined : document)
    if (doc === undefined) return
    const candidates: HTMLElement[] = []
    for (const issue of issues) {
      // Walk up the path until an element exists: `image_urls.0` is rendered as `image_urls`.
      for (let length = issue.path.length; length > 0; length--) {
        const element = doc.getElementById(idFor(issue.path.slice(0, length)))
        if (element !== null) {
          candidates.push(element)
          break
        }
      }
    }
    candidates.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))
    let target = candidates[0]
    if (target === undefined) return
    if (!target.matches('input, select, textarea, button')) {
      // A radio group: focus its checked radio, as the keyboard would, else its first control.
      // (One selector list would return whichever matches first in document order.)
      target = target.querySelector<HTMLElement>('input:checked') ?? target.querySelector<HTMLElement>(FOCUSABLE) ?? target
    }
    // Advanced fields live in a <details>; open it so the field can take focus.
    for (let details = target.closest('details'); details !== null; details = details.parentElement?.closest('details') ?? null) {
      details.open = true
    }
    target.focus()
  }

  function idFor(path: FieldPath): string {
    return `${baseId}-${path.map((segment) => String(segment).replace(/[^A-Za-z0-9_-]/g, '_')).join('-')}`
  }

  const control: ParameterFormControl = {
    modelId,
    store,
    baseId,
    schemaForm,
    discriminator,
    fieldsFor(m) {
      const config = options().fields
      const cached = fieldsCache
      if (cached !== undefined && cached.mode === m && cached.config === config) return cached.fields
      const fields = applyConfig(modeFields(m), config)
      fieldsCache = { mode: m, config, fields }
      return fields
    },
    modeFields,
    idFor,
    getValue(path) {
      const [name, ...rest] = path
      return getIn(store.get(storeKeys.value(String(name ?? ''))), rest)
    },
    setValue(path, value) {
      const [name, ...rest] = path
      const key = storeKeys.value(String(name ?? ''))
      store.set(key, setIn(store.get(key), rest, value))
      // Once a field shows a message, re-check as the user types so it clears when fixed.
      if (hasErrorsUnder(path)) validate(path)
    },
    validate,
    setError(path, message) {
      const name = String(path[0] ?? '')
      const key = pathKey(path)
      const next: Record<string, string> = { ...errorsOf(name) }
      if (message === undefined) delete next[key]
      else next[key] = message
      putErrors(name, next)
    },
    errorsOf,
    allErrors: () => store.get(storeKeys.allErrors) as FieldErrors,
    getMode,
    setMode(next) {
      if (schemaForm.kind !== 'modes' || !schemaForm.modes.some((m) => m.value === next) || next === getMode()) return
      store.set(storeKeys.mode, next)
      // Messages belong to the old mode's rules; values of shared fields carry over by name.
      setAllErrors([])
    },
    isLocked: (name) => store.get(storeKeys.lock(name)) === true,
    setLocked: (name, locked) => store.set(storeKeys.lock(name), locked),
    addItem(field) {
      const list = (store.get(storeKeys.value(field.name)) as unknown[] | undefined) ?? []
      if (field.maxItems !== undefined && list.length >= field.maxItems) return
      store.set(storeKeys.value(field.name), [...list, newListItem(field.item ?? field)])
      if (errorsOf(field.name) !== undefined) validate([field.name])
    },
    removeItem(field, index) {
      const list = (store.get(storeKeys.value(field.name)) as unknown[] | undefined) ?? []
      store.set(storeKeys.value(field.name), list.filter((_, i) => i !== index))
      // Item messages are keyed by index, which just shifted: recompute them.
      if (errorsOf(field.name) !== undefined) {
        putErrors(field.name, {})
        validate([field.name])
      }
    },
    input,
    isSubmitting: () => options().isSubmitting === true || store.get(storeKeys.pending) === true,
    async submit() {
      if (control.isSubmitting()) return false
      const result = parse()
      setAllErrors(result.issues ?? [])
      if (!result.success) {
        focusFirstInvalid(result.issues)
        return false
      }
      const { onSubmit } = options()
      const returned = (onSubmit as (values: unknown) => unknown)(result.data)
      if (isPromiseLike(returned)) {
        store.set(storeKeys.pending, true)
        try {
          await returned
        } catch {
          // The caller's mutation reports its own failure (e.g. useSubmitVideo's error);
          // the form only stops waiting and keeps the seed so the same input can be retried.
          return false
        } finally {
          store.set(storeKeys.pending, false)
        }
      }
      // Seed policy: a locked seed is kept for the next submit; an unlocked one is cleared,
      // so the next submit leaves it out and the provider picks a fresh random seed.
      for (const field of modeFields(getMode())) {
        if (field.widget === 'seed' && !control.isLocked(field.name)) store.set(storeKeys.value(field.name), undefined)
      }
      return true
    },
    setFormElement(element) {
      formElement = element
    },
    messages: () => ({ ...defaultParameterFormMessages, ...options().messages }),
  }
  return control
}
