import { isLtxError, type FieldIssue } from '../../models/ltx-error'
import { defaultValues, type FieldDescriptor, type SchemaForm } from '../../core/read-fields'
import type { ModelId, ModelOf } from '../../models/registry'
import { applyConfig, type ParameterFieldsConfig } from './apply-fields-config'
import { createFormStore, type FormStore } from './form-store'
import { cleanValue, getIn, newListItem, setIn } from './field-values'
import { WIDGET_TRAITS } from './widget-traits'
import { defaultParameterFormMessages, type ParameterFormMessages } from './parameter-form-messages'

export { defaultParameterFormMessages } from './parameter-form-messages'
export type { ParameterFormMessages } from './parameter-form-messages'
export type { ParameterFieldOverride, ParameterFieldsConfig } from './apply-fields-config'

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
  /** Validate one field (or one item field) with the whole schema now. */
  validate(path: FieldPath): void
  /**
   * What leaving a field does: validate it if it was changed or already shows a message, so
   * merely tabbing through an untouched form shows no error. A message found here is to be
   * announced (see {@link ParameterFormControl.isAnnounced}).
   */
  blur(path: FieldPath): void
  /** Whether the message of `path` came from leaving the field, so it is announced (`role="alert"`). */
  isAnnounced(path: FieldPath): boolean
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
  /** The form's document (its element's, else the global one), to find fields to focus. */
  ownerDocument(): Document | undefined
  messages(): ParameterFormMessages
}

/**
 * Store keys: one per field slice (`value:prompt`), plus the form-wide `mode`, `errors` (every
 * message), `pending` and `announce` (the field whose message came from leaving it).
 */
export type StoreKey = 'mode' | 'errors' | 'pending' | 'announce' | `${'value' | 'lock' | 'file' | 'blob' | 'choice'}:${string}`

/** Whether dotted `key` is `prefix` or lies inside it (`loras.0.path` inside `loras`). */
function under(key: string, prefix: string): boolean {
  return key === prefix || key.startsWith(`${prefix}.`)
}

const FOCUSABLE = 'input:not([type="hidden"]), select, textarea, button'

/** Create the control behind `useParameterForm`. */
export function createFormControl(
  model: ModelOf<ModelId>,
  schemaForm: SchemaForm,
  baseId: string,
  initialValues: Readonly<Record<string, unknown>> | undefined,
  options: () => ControlOptions,
): ParameterFormControl {
  const discriminator = schemaForm.kind === 'modes' ? schemaForm.discriminator : undefined
  // A model without modes is read as one mode without a value.
  const modes: readonly { value: string | undefined; fields: readonly FieldDescriptor[] }[] =
    schemaForm.kind === 'modes' ? schemaForm.modes : [{ value: undefined, fields: schemaForm.fields }]
  const modeFields = (mode: string | undefined) => (modes.find((m) => m.value === mode) ?? modes[0])?.fields ?? []
  // Without a discriminator the only "mode" is undefined, which is never set (it is already the mode).
  const isMode = (value: unknown) => modes.some((m) => m.value === value)

  // Every field of every mode, so a value typed in one mode is still there in another. Reversed,
  // so that for a field several modes share, the first mode that gives it a default wins.
  const everyField = modes.flatMap((m) => m.fields).reverse()
  const initial = defaultValues(everyField)
  for (const field of everyField) {
    // A list that needs at least one item starts with one empty item to fill in.
    if (WIDGET_TRAITS[field.widget].list && (field.minItems ?? 0) > 0) initial[field.name] ??= [newListItem(field)]
  }
  let mode = modes[0]?.value
  for (const [name, value] of Object.entries(initialValues ?? {})) {
    if (name !== discriminator) {
      if (value !== undefined) initial[name] = structuredClone(value)
    } else if (isMode(value)) mode = value as string
  }
  const store = createFormStore([
    ...Object.entries(initial).map(([name, value]) => [`value:${name}`, value] as const),
    ['mode', mode],
    ['errors', Object.freeze({})],
  ])
  const get = (key: StoreKey) => store.get(key)
  const set = (key: StoreKey, value: unknown) => store.set(key, value)
  let formElement: HTMLFormElement | null = null

  const getMode = () => get('mode') as string | undefined
  const allErrors = () => get('errors') as FieldErrors
  const isLocked = (name: string) => get(`lock:${name}`) === true
  const listOf = (field: FieldDescriptor) => (get(`value:${field.name}`) as unknown[] | undefined) ?? []
  function setList(field: FieldDescriptor, list: unknown[]): void {
    set(`value:${field.name}`, list)
    // Item messages are keyed by index, which may just have shifted: recompute them all.
    if (control.errorsOf(field.name) !== undefined) validate([field.name])
  }

  /** Replace every message; an equal set changes nothing, so nothing re-renders. */
  function putErrors(next: Record<string, string>): void {
    const previous = allErrors()
    const keys = Object.keys(next)
    if (keys.length !== Object.keys(previous).length || keys.some((key) => previous[key] !== next[key])) set('errors', Object.freeze(next))
  }

  function input(): Record<string, unknown> {
    const m = getMode()
    const out: Record<string, unknown> = discriminator === undefined ? {} : { [discriminator]: m }
    for (const field of modeFields(m)) {
      const value = cleanValue(field, get(`value:${field.name}`))
      if (value !== undefined) out[field.name] = value
    }
    return out
  }

  /**
   * Replace the messages under `prefix` (all of them for '') with those `issues` give there, the
   * first one per path; the others stay. Used for the schema's issues and for the server's.
   */
  function putIssues(issues: readonly FieldIssue[], prefix: string): void {
    const inside = (key: string) => prefix === '' || under(key, prefix)
    const next = Object.fromEntries(Object.entries(allErrors()).filter(([key]) => !inside(key)))
    for (const { path, message } of issues) {
      const key = path.join('.')
      if (inside(key)) next[key] ??= message
    }
    putErrors(next)
  }

  /** Validate the whole input; the messages under `prefix` become the schema's current ones. */
  function check(prefix: string) {
    const result = model.safeParse(input())
    putIssues(result.issues ?? [], prefix)
    return result
  }

  const validate = (path: FieldPath) => void check(path.join('.'))
  // Dotted paths the user has changed: only those are checked when left (a plain set; nothing renders from it).
  const changed = new Set<string>()

  function focusFirstInvalid(issues: readonly FieldIssue[]): void {
    const doc = formElement?.ownerDocument ?? globalThis.document
    let target: HTMLElement | null | undefined
    for (const { path } of issues) {
      // Walk up the path until an element exists: `image_urls.0` is rendered as `image_urls`.
      for (let length = path.length; length > 0; length--) {
        const element = doc?.getElementById(idFor(path.slice(0, length)))
        if (element == null) continue
        // Keep the first in document order (2: DOCUMENT_POSITION_PRECEDING).
        if (target == null || target.compareDocumentPosition(element) & 2) target = element
        break
      }
    }
    if (target == null) return
    if (!target.matches(FOCUSABLE)) {
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
    // `\w` and `-` are safe in an id and a CSS selector; anything else becomes `_`.
    return `${baseId}-${path.join('-').replace(/[^\w-]/g, '_')}`
  }

  // The last `fieldsFor` answer and what it was computed from.
  let fieldsCache: readonly [mode: string | undefined, config: unknown, fields: readonly FieldDescriptor[]] | undefined
  let errorsCache: { all: FieldErrors | undefined; byName: Map<string, FieldErrors | undefined> } = { all: undefined, byName: new Map() }

  const control: ParameterFormControl = {
    modelId: model.id,
    store,
    baseId,
    schemaForm,
    discriminator,
    fieldsFor(m) {
      // Kept while the mode and the `fields` option are the same, so memoised fields (and
      // overridden descriptors) keep their identity across renders.
      const config = options().fields
      if (fieldsCache === undefined || fieldsCache[0] !== m || fieldsCache[1] !== config) fieldsCache = [m, config, applyConfig(modeFields(m), config)]
      return fieldsCache[2]
    },
    modeFields,
    idFor,
    getValue: ([name, ...rest]) => getIn(get(`value:${name}`), rest),
    setValue(path, value) {
      const [name, ...rest] = path
      changed.add(path.join('.'))
      set(`value:${name}`, setIn(get(`value:${name}`), rest, value))
      // Once a field shows a message, re-check as the user types so it clears when fixed.
      const prefix = path.join('.')
      if (Object.keys(allErrors()).some((key) => under(key, prefix) || under(prefix, key))) validate(path)
    },
    validate,
    blur(path) {
      const key = path.join('.')
      const shows = Object.keys(allErrors()).some((k) => under(k, key))
      if (!shows && ![...changed].some((k) => under(k, key) || under(key, k))) return
      // Set before the messages, so the field renders its new message as an alert at once.
      set('announce', key)
      validate(path)
    },
    isAnnounced: (path) => get('announce') === path.join('.'),
    setError(path, message) {
      const { [path.join('.')]: _, ...rest } = allErrors()
      putErrors(message === undefined ? rest : { ...rest, [path.join('.')]: message })
    },
    errorsOf(name) {
      // One object per field while the messages stay the same, so it can be a store snapshot.
      const all = allErrors()
      if (errorsCache.all !== all) errorsCache = { all, byName: new Map() }
      if (!errorsCache.byName.has(name)) {
        const own = Object.entries(all).filter(([key]) => under(key, name))
        errorsCache.byName.set(name, own.length === 0 ? undefined : Object.freeze(Object.fromEntries(own)))
      }
      return errorsCache.byName.get(name)
    },
    allErrors,
    getMode,
    setMode(next) {
      if (!isMode(next) || next === getMode()) return
      set('mode', next)
      // Messages belong to the old mode's rules; values of shared fields carry over by name.
      putErrors({})
    },
    isLocked,
    setLocked: (name, locked) => set(`lock:${name}`, locked),
    addItem(field) {
      const list = listOf(field)
      if (list.length < (field.maxItems ?? Infinity)) setList(field, [...list, newListItem(field)])
    },
    removeItem: (field, index) => setList(field, listOf(field).filter((_, i) => i !== index)),
    input,
    isSubmitting: () => options().isSubmitting === true || get('pending') === true,
    async submit() {
      if (control.isSubmitting()) return false
      // Focus goes to the first invalid field, which reads its own message: no alerts on top.
      set('announce', undefined)
      const result = check('')
      if (!result.success) {
        focusFirstInvalid(result.issues)
        return false
      }
      const returned = (options().onSubmit as (values: unknown) => unknown)(result.data)
      if (typeof (returned as PromiseLike<unknown> | undefined)?.then === 'function') {
        set('pending', true)
        try {
          await returned
        } catch (error) {
          // The caller's mutation reports its own failure (e.g. useSubmitVideo's error); the form
          // stops waiting and keeps the seed so the same input can be retried. Field issues the
          // server found (the proxy checks input named by model id) go under their fields.
          if (isLtxError(error, 'validation') && error.issues.length > 0) {
            putIssues(error.issues, '')
            focusFirstInvalid(error.issues)
          }
          return false
        } finally {
          set('pending', false)
        }
      }
      // Seed policy: a locked seed is kept for the next submit; an unlocked one is cleared,
      // so the next submit leaves it out and the provider picks a fresh random seed.
      for (const field of modeFields(getMode())) {
        if (WIDGET_TRAITS[field.widget].lockable && !isLocked(field.name)) set(`value:${field.name}`, undefined)
      }
      return true
    },
    setFormElement(element) {
      formElement = element
    },
    ownerDocument: () => formElement?.ownerDocument ?? globalThis.document,
    messages: () => ({ ...defaultParameterFormMessages, ...options().messages }),
  }
  return control
}
