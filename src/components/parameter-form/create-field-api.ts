import { flushSync } from 'react-dom'
import type { FieldDescriptor } from '../../core/read-fields'
import { isSafeUrl } from '../../models/safe-url'
import { defined as definedOrNone } from '../../models/defined'
import { IMAGE_MEDIA_TYPES, MAX_IMAGE_BYTES } from '../../models/image-limits'
import type { FieldPath, ParameterFormControl } from './create-form-control'
import type { FieldButtonProps, FieldGroupProps, FieldIds, FieldInputProps, ParameterFieldApi } from './parameter-field-api'

export type { FieldButtonProps, FieldControlPart, FieldGroupProps, FieldIds, FieldInputProps, ParameterFieldApi } from './parameter-field-api'
import { fromDisplayValue, hasCount, itemFields, randomSeed, toDisplayValue } from './field-values'
import { WIDGET_TRAITS } from './widget-traits'

/**
 * `props` without its undefined entries, so an absent attribute is absent from the object too
 * (the prop types are exact: `min?: number` takes no `undefined`).
 */
const defined = <T,>(props: { [K in keyof T]: T[K] | undefined }): T => (definedOrNone(props) ?? {}) as T

const noop = () => undefined

/**
 * The click handler of a button that removes itself: run `action`, commit it at once, then focus
 * the element with id `next()`. Found by id rather than by ref, so a part that does not forward
 * `ref` (React 18) still works.
 */
function thenFocus(action: () => void, next: () => string, fallback: () => Document | undefined): FieldButtonProps['onClick'] {
  return (event) => {
    const target = event?.currentTarget
    const doc = (target instanceof Object && 'ownerDocument' in target ? (target.ownerDocument as Document | null) : null) ?? fallback()
    flushSync(action)
    doc?.getElementById(next())?.focus()
  }
}

/** The name of a list item's heading (its id and its words), which prefixes the names of its fields. */
export interface FieldGroupLabel {
  readonly id: string
  readonly text: string
}

/**
 * The value a range input shows for `value`: browsers clamp it to min–max and round it to the
 * step, so `aria-valuetext` must speak that and not the number typed beside it (99 in a 1–30 fps
 * field shows 30). Without a value, the browser's own default: the midpoint.
 */
export function rangeValue(field: FieldDescriptor, value: unknown): number {
  const min = field.min ?? 0
  const max = Math.max(min, field.max ?? 100)
  const step = field.step ?? (field.type === 'integer' ? 1 : undefined)
  const wanted = typeof value === 'number' && Number.isFinite(value) ? value : min + (max - min) / 2
  const clamped = Math.min(Math.max(wanted, min), max)
  if (step === undefined) return clamped
  // The nearest step from min, never past max.
  const snapped = Math.min(min + Math.round((clamped - min) / step) * step, min + Math.floor((max - min) / step) * step)
  return Math.round(snapped * 1e6) / 1e6
}

/** Props of one radio of the group whose element id is `groupId`. */
export function radioProps(groupId: string, option: string | number, index: number, checked: boolean, invalid: boolean, onChange: () => void, onBlur: () => void): FieldInputProps {
  return {
    id: `${groupId}-${index}`,
    // Unique per form and field: radios group by name across the whole document.
    name: groupId,
    type: 'radio',
    value: String(option),
    checked,
    'aria-invalid': invalid,
    onChange,
    onBlur,
  }
}

/**
 * Build the API of one field from the form's current state (a caller that subscribes to the
 * field's store keys gets a fresh one on each change). `group` is the heading whose text
 * prefixes the field's name ("LoRA 2" for "URL").
 */
export function createFieldApi(control: ParameterFormControl, field: FieldDescriptor, path: FieldPath, group?: FieldGroupLabel): ParameterFieldApi {
  const { widget } = field
  const traits = WIDGET_TRAITS[widget]
  const base = control.idFor(path)
  const ids = { input: base } as Record<keyof FieldIds, string>
  for (const part of ['number', 'label', 'description', 'error', 'count', 'file'] as const) ids[part] = `${base}-${part}`
  const key = path.join('.')
  const value = control.getValue(path)
  const errors = control.allErrors()
  const locked = control.isLocked(key)
  const isList = traits.list
  // A list shows only its own message (e.g. "at least one"); item messages sit under items.
  const error = errors[key] ?? (isList ? undefined : Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1])
  const invalid = error !== undefined
  const single = Array.isArray(value) && !traits.lines && !isList ? value[0] : value
  const isDataUri = typeof single === 'string' && single.startsWith('data:')
  const acceptsFile = widget === 'image' && /data:image/i.test(field.item?.accepts ?? field.accepts ?? '')
  const describedBy = [field.description !== undefined && ids.description, hasCount(field) && ids.count, invalid && ids.error].filter(Boolean).join(' ')
  const setValue = (next: unknown) => control.setValue(path, next)
  const validate = () => control.validate(path)
  const blur = () => control.blur(path)
  const messages = control.messages()
  const displayValue = isDataUri ? '' : toDisplayValue(field, value)
  const withUnit = (text: string) => (field.unit === undefined ? text : `${text} ${field.unit}`)
  const listValue = Array.isArray(value) ? value : []
  // The URL and the file of an image field are rival choices; the latest one wins. The token of
  // the latest is kept in the form's store (nobody subscribes to it), so a slow file read that
  // finishes after a newer choice can tell and not overwrite it.
  const choose = () => {
    const token = {}
    control.store.set(`choice:${key}`, token)
    return token
  }
  const itemId = (index: number) => control.idFor([...path, index])
  const button = (onClick: FieldButtonProps['onClick'], props?: Omit<FieldButtonProps, 'type' | 'onClick'>): FieldButtonProps => ({ type: 'button', ...props, onClick })

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
      return { id: ids.label, htmlFor: traits.grouped ? undefined : ids.input }
    },
    getInputProps(part) {
      const numberPart = widget === 'slider' && part === 'number'
      const numeric = field.type === 'number' || field.type === 'integer'
      const type = numberPart ? 'number' : (traits.inputType ?? (numeric ? 'number' : 'text'))
      const hasBounds = type === 'number' || type === 'range'
      const range = type === 'range' ? rangeValue(field, value) : undefined
      return defined<FieldInputProps>({
        name: key,
        'aria-invalid': invalid,
        'aria-describedby': describedBy || undefined,
        onBlur: blur,
        'aria-required': field.required || undefined,
        // An item field is named after its item too ("LoRA 2 URL"). A slider's number input has
        // a name of its own, so the two controls of one value can be told apart.
        'aria-labelledby': numberPart || group === undefined ? undefined : `${group.id} ${ids.label}`,
        'aria-label': numberPart ? messages.exactValue(group === undefined ? field.label : `${group.text} ${field.label}`) : undefined,
        id: numberPart ? ids.number : ids.input,
        type: type || undefined,
        ...(widget === 'switch' ? { role: 'switch', checked: value === true } : { value: range === undefined ? displayValue : String(range) }),
        ...(hasBounds && { min: field.min, max: field.max, step: field.step ?? (field.type === 'integer' ? 1 : 'any') }),
        'aria-valuetext': range === undefined ? undefined : messages.valueText(range, field.unit),
        onChange(event) {
          if (widget === 'switch') return setValue((event.target as HTMLInputElement).checked)
          // A typed URL is a newer choice than a file still being read.
          if (widget === 'image') choose()
          setValue(fromDisplayValue(field, event.target.value))
        },
      })
    },
    getGroupProps: () =>
      defined<FieldGroupProps>({
        id: ids.input,
        role: isList ? 'group' : 'radiogroup',
        'aria-labelledby': ids.label,
        'aria-describedby': describedBy || undefined,
        // A list is not a value of its own to be invalid or required; its items are.
        ...(!isList && { 'aria-invalid': invalid, 'aria-required': field.required || undefined }),
      }),
    getRadioProps: (option, index) => radioProps(ids.input, option, index, value === option, invalid, () => setValue(option), blur),
    optionLabel: (option) => field.optionLabels?.[option] ?? withUnit(String(option)),
    getDescriptionProps: () => ({ id: ids.description }),
    getErrorProps: () => (control.isAnnounced(path) ? { id: ids.error, role: 'alert' } : { id: ids.error }),
    getCountProps: () => ({ id: ids.count }),
    length: typeof value === 'string' ? value.length : 0,
    locked,
    getRandomizeProps: () => button(() => setValue(randomSeed(field)), { 'aria-controls': ids.input }),
    getLockProps: () => button(() => control.setLocked(key, !locked), { 'aria-pressed': locked, 'aria-controls': ids.input }),
    acceptsFile,
    fileName: isDataUri ? (control.store.get(`file:${key}`) as string | undefined) : undefined,
    previewUrl: isSafeUrl(single, { https: true, httpLoopback: true, dataMediaTypes: acceptsFile ? IMAGE_MEDIA_TYPES : [] }) ? single : undefined,
    async pickFile(file) {
      const messages = control.messages()
      // This pick supersedes any earlier one still being read, even if it is refused below.
      const choice = choose()
      const isLatest = () => control.store.get(`choice:${key}`) === choice
      const before = control.getValue(path)
      // The size is checked before reading: a 50 MB file should not be base64-encoded just to be refused.
      const refusal = !(IMAGE_MEDIA_TYPES as readonly string[]).includes(file.type)
        ? messages.fileType
        : file.size > MAX_IMAGE_BYTES
          ? messages.fileSize
          : undefined
      if (refusal !== undefined) return control.setError(path, refusal(field.label))
      let uri: string
      try {
        uri = await new Promise((resolve, reject) => {
          const reader = new FileReader()
          reader.onload = () => resolve(String(reader.result))
          reader.onerror = reject
          reader.readAsDataURL(file)
        })
      } catch {
        if (isLatest()) control.setError(path, messages.fileRead(field.label))
        return
      }
      // While the file was read, the user chose again (another file, a typed URL, "Remove file"),
      // or the app set the value: the later choice wins.
      if (!isLatest() || control.getValue(path) !== before) return
      // The file itself first: the preview (an object URL of it) renders with its name.
      control.store.set(`blob:${key}`, file)
      control.store.set(`file:${key}`, file.name)
      setValue(field.type === 'array' ? [uri] : uri)
      validate()
    },
    getFileInputProps: () =>
      defined<FieldInputProps>({
        id: ids.file,
        name: `${key}-file`,
        type: 'file',
        accept: IMAGE_MEDIA_TYPES.join(','),
        'aria-invalid': invalid,
        'aria-describedby': invalid ? ids.error : undefined,
        onChange(event) {
          const input = event.target as HTMLInputElement
          const file = input.files?.[0]
          if (file !== undefined) void api.pickFile(file)
          // Let the same file be picked again after it was removed.
          input.value = ''
        },
        onBlur: noop,
      }),
    getClearFileProps: () =>
      button(
        // The button goes away with the file: focus the URL input, where a new image goes.
        thenFocus(
          () => {
            choose()
            control.store.set(`file:${key}`, undefined)
            control.store.set(`blob:${key}`, undefined)
            setValue(undefined)
          },
          () => ids.input,
          control.ownerDocument,
        ),
        { id: `${ids.file}-clear`, 'aria-controls': ids.input },
      ),
    items: isList ? listValue : [],
    // Not `disabled` when full: the button that adds the last item would lose focus. A click
    // then does nothing (`addItem` checks the limit).
    getAddItemProps: () =>
      button(() => control.addItem(field), { id: `${ids.input}-add`, ...(listValue.length >= (field.maxItems ?? Infinity) && { 'aria-disabled': true }) }),
    // After removing: the next item's Remove (it moves into this index), else the previous item's, else "Add".
    getRemoveItemProps: (index) =>
      button(
        thenFocus(
          () => control.removeItem(field, index),
          () => (index + 1 < listValue.length ? `${itemId(index)}-remove` : index > 0 ? `${itemId(index - 1)}-remove` : `${ids.input}-add`),
          control.ownerDocument,
        ),
        { id: `${itemId(index)}-remove` },
      ),
    itemLabelId: (index) => `${itemId(index)}-label`,
    itemLabel: (index) => messages.listItem(field.item?.label ?? field.label, index + 1),
    item(index, name) {
      const sub = itemFields(field).find((f) => f.name === name)
      if (sub === undefined) throw new Error(`"${name}" is not a field of ${field.label} items.`)
      return createFieldApi(control, sub, [...path, index, name], { id: api.itemLabelId(index), text: api.itemLabel(index) })
    },
  }
  return api
}
