'use client'
import { memo, useEffect, useRef, useState, type ComponentPropsWithRef, type ReactNode } from 'react'
import type { FieldDescriptor } from '../../core/read-fields'
import type { ParameterFormControl } from './create-form-control'
import type { ParameterFieldApi } from './create-field-api'
import type { ParameterFormComponents } from './parameter-form-components'
import type { ParameterFormLabels } from './parameter-form-labels'
import { useParameterField } from './use-parameter-field'

const NativeInput = (props: ComponentPropsWithRef<'input'>) => <input {...props} />
const NativeTextarea = (props: ComponentPropsWithRef<'textarea'>) => <textarea {...props} />
const NativeSelect = (props: ComponentPropsWithRef<'select'>) => <select {...props} />
const NativeButton = (props: ComponentPropsWithRef<'button'>) => <button {...props} />

/** Resolved inner parts: the overrides, else native elements. */
export type ResolvedParts = ParameterFormComponents

/** A URL typed into an image field is previewed once it has been still this long (or on blur). */
const PREVIEW_DELAY_MS = 400

/**
 * `focusLater(id)`: after the next commit, focus the element with that id (found from `anchor`'s
 * document). For buttons that remove themselves, so keyboard focus does not fall to `<body>`.
 * Found by id rather than by ref, so a part that does not forward `ref` (React 18) still works.
 */
function useFocusAfterRender() {
  const pending = useRef<string | undefined>(undefined)
  const anchor = useRef<HTMLDivElement | null>(null)
  useEffect(() => {
    const id = pending.current
    if (id === undefined) return
    pending.current = undefined
    anchor.current?.ownerDocument.getElementById(id)?.focus()
  })
  return { anchor, focusLater: (id: string | undefined) => void (pending.current = id) }
}

/** The parts to render with: each override, else the native element. */
export function resolveParts(components: Partial<ParameterFormComponents> | undefined): ResolvedParts {
  return {
    Input: components?.Input ?? NativeInput,
    Textarea: components?.Textarea ?? NativeTextarea,
    Select: components?.Select ?? NativeSelect,
    Button: components?.Button ?? NativeButton,
    Switch: components?.Switch ?? components?.Input ?? NativeInput,
    Slider: components?.Slider ?? components?.Input ?? NativeInput,
    Radio: components?.Radio ?? components?.Input ?? NativeInput,
  }
}

/** `ltx-` class names, or none at all when unstyled. */
export function classes(unstyled: boolean, ...names: readonly (string | false | undefined)[]): string | undefined {
  if (unstyled) return undefined
  const list = names.filter((name): name is string => typeof name === 'string' && name !== '')
  return list.length === 0 ? undefined : list.join(' ')
}

interface FieldBodyProps {
  readonly api: ParameterFieldApi
  readonly labels: ParameterFormLabels
  readonly parts: ResolvedParts
  readonly unstyled: boolean
}

function Options({ api, parts, unstyled, variant }: Omit<FieldBodyProps, 'labels'> & { variant: 'radios' | 'segmented' }) {
  const { Radio } = parts
  return (
    <div {...api.getGroupProps()} className={classes(unstyled, variant === 'segmented' ? 'ltx-segmented' : 'ltx-radios')}>
      {(api.field.options ?? []).map((option, index) => {
        const props = api.getRadioProps(option, index)
        return (
          <label key={String(option)} htmlFor={props.id} className={classes(unstyled, 'ltx-option')} data-state={props.checked === true ? 'checked' : 'unchecked'}>
            <Radio {...props} className={classes(unstyled, 'ltx-option-input')} />
            <span className={classes(unstyled, 'ltx-option-label')}>{api.optionLabel(option)}</span>
          </label>
        )
      })}
    </div>
  )
}

function Unit({ field, unstyled }: { field: FieldDescriptor; unstyled: boolean }) {
  return field.unit === undefined ? null : <span className={classes(unstyled, 'ltx-unit')}>{field.unit}</span>
}

function ItemList({ api, labels, parts, unstyled }: FieldBodyProps) {
  const { Button } = parts
  const { anchor, focusLater } = useFocusAfterRender()
  const itemLabel = api.field.item?.label ?? api.field.label
  const subFields = api.field.item?.fields ?? api.field.fields ?? []
  const count = api.items.length
  const removeProps = (index: number) => {
    const props = api.getRemoveItemProps(index)
    return {
      ...props,
      onClick: () => {
        // After removing: the next item's Remove (it moves into this index), else the previous
        // item's, else "Add".
        focusLater(index + 1 < count ? props.id : index > 0 ? api.getRemoveItemProps(index - 1).id : api.getAddItemProps().id)
        props.onClick()
      },
    }
  }
  return (
    <div {...api.getGroupProps()} ref={anchor} className={classes(unstyled, 'ltx-list')} data-count={count}>
      {api.items.map((_, index) => (
        // Items have no identity of their own; index keys are fine for controlled inputs.
        <div key={index} role="group" aria-labelledby={api.itemLabelId(index)} className={classes(unstyled, 'ltx-list-item')}>
          <div className={classes(unstyled, 'ltx-list-item-header')}>
            <span id={api.itemLabelId(index)} className={classes(unstyled, 'ltx-list-item-label')}>
              {labels.listItem(itemLabel, index + 1)}
            </span>
            <Button {...removeProps(index)} className={classes(unstyled, 'ltx-button', 'ltx-button-quiet')}>
              {labels.removeItem(itemLabel, index + 1)}
            </Button>
          </div>
          {subFields.map((sub) => (
            <FieldBody key={sub.name} api={api.item(index, sub.name)} labels={labels} parts={parts} unstyled={unstyled} />
          ))}
        </div>
      ))}
      <Button {...api.getAddItemProps()} className={classes(unstyled, 'ltx-button')}>
        {labels.addItem(itemLabel)}
      </Button>
    </div>
  )
}

/**
 * The URL to preview, if any. A picked file (a data URI) shows at once; a typed URL only once
 * it is settled, on blur or after {@link PREVIEW_DELAY_MS} without typing, and valid, so the
 * browser does not fetch every partial URL ("https://a", "https://ab", …) as the user types.
 */
function usePreviewUrl(api: ParameterFieldApi): { url: string | undefined; settle: () => void } {
  const candidate = api.previewUrl
  const local = candidate?.startsWith('data:') === true
  // A URL the form starts with (from `defaultValues`) was not typed: it is settled.
  const [settled, setSettled] = useState<string | undefined>(candidate)
  useEffect(() => {
    if (candidate === undefined || local) return
    const timer = setTimeout(() => setSettled(candidate), PREVIEW_DELAY_MS)
    return () => clearTimeout(timer)
  }, [candidate, local])
  const url = candidate !== undefined && !api.invalid && (local || settled === candidate) ? candidate : undefined
  return { url, settle: () => setSettled(candidate) }
}

function ImageInput({ api, labels, parts, unstyled }: FieldBodyProps) {
  const { Input, Button } = parts
  const { anchor, focusLater } = useFocusAfterRender()
  const preview = usePreviewUrl(api)
  const fileLabelId = `${api.ids.file}-label`
  const inputProps = api.getInputProps()
  const clearProps = api.getClearFileProps()
  return (
    <div ref={anchor} className={classes(unstyled, 'ltx-image')}>
      <Input
        {...inputProps}
        onBlur={() => {
          inputProps.onBlur()
          preview.settle()
        }}
        placeholder={labels.urlPlaceholder}
        className={classes(unstyled, 'ltx-input')}
      />
      {api.acceptsFile ? (
        <div className={classes(unstyled, 'ltx-file')}>
          <label id={fileLabelId} htmlFor={api.ids.file} className={classes(unstyled, 'ltx-button', 'ltx-file-label')}>
            {labels.chooseFile}
          </label>
          <Input {...api.getFileInputProps()} aria-labelledby={`${fileLabelId} ${api.ids.label}`} className={classes(unstyled, 'ltx-file-input')} />
        </div>
      ) : null}
      {api.fileName !== undefined ? (
        <div className={classes(unstyled, 'ltx-file-chosen')}>
          <span>{labels.fileChosen(api.fileName)}</span>
          <Button
            {...clearProps}
            onClick={() => {
              // The button goes away with the file: focus the URL input, where a new image goes.
              focusLater(api.ids.input)
              clearProps.onClick()
            }}
            className={classes(unstyled, 'ltx-button', 'ltx-button-quiet')}
          >
            {labels.removeFile}
          </Button>
        </div>
      ) : null}
      {preview.url !== undefined ? (
        <img
          src={preview.url}
          alt={labels.imagePreview(api.field.label)}
          referrerPolicy="no-referrer"
          className={classes(unstyled, 'ltx-preview')}
        />
      ) : null}
    </div>
  )
}

function Control({ api, labels, parts, unstyled }: FieldBodyProps): ReactNode {
  const { Input, Textarea, Select, Button, Switch, Slider } = parts
  const { field } = api
  switch (field.widget) {
    case 'textarea':
    case 'url-list':
      return <Textarea {...api.getInputProps()} rows={field.widget === 'textarea' ? 4 : 3} className={classes(unstyled, 'ltx-textarea')} />
    case 'text':
      return <Input {...api.getInputProps()} className={classes(unstyled, 'ltx-input')} />
    case 'number':
      return (
        <div className={classes(unstyled, 'ltx-number-row')}>
          <Input {...api.getInputProps()} className={classes(unstyled, 'ltx-input', 'ltx-number')} />
          <Unit field={field} unstyled={unstyled} />
        </div>
      )
    case 'slider':
      return (
        <div className={classes(unstyled, 'ltx-slider-row')}>
          <Slider {...api.getInputProps('range')} className={classes(unstyled, 'ltx-slider')} />
          <Input {...api.getInputProps('number')} className={classes(unstyled, 'ltx-input', 'ltx-number')} />
          <Unit field={field} unstyled={unstyled} />
        </div>
      )
    case 'segmented':
    case 'radios':
    case 'mode':
      return <Options api={api} parts={parts} unstyled={unstyled} variant={field.widget === 'segmented' ? 'segmented' : 'radios'} />
    case 'select': {
      const showEmpty = api.value === undefined || (!field.required && !field.hasDefault)
      return (
        <Select {...api.getInputProps()} className={classes(unstyled, 'ltx-select')}>
          {showEmpty ? <option value="">{labels.notSet}</option> : null}
          {(field.options ?? []).map((option) => (
            <option key={String(option)} value={String(option)}>
              {api.optionLabel(option)}
            </option>
          ))}
        </Select>
      )
    }
    case 'switch': {
      const props = api.getInputProps()
      return <Switch {...props} className={classes(unstyled, 'ltx-switch')} data-state={props.checked === true ? 'checked' : 'unchecked'} />
    }
    case 'image':
      return <ImageInput api={api} labels={labels} parts={parts} unstyled={unstyled} />
    case 'video':
      return <Input {...api.getInputProps()} placeholder={labels.urlPlaceholder} className={classes(unstyled, 'ltx-input')} />
    case 'seed':
      return (
        <div className={classes(unstyled, 'ltx-seed')}>
          <Input {...api.getInputProps()} placeholder={labels.seedPlaceholder} className={classes(unstyled, 'ltx-input', 'ltx-number')} />
          <Button {...api.getRandomizeProps()} className={classes(unstyled, 'ltx-button')}>
            {labels.randomizeSeed}
          </Button>
          <Button {...api.getLockProps()} className={classes(unstyled, 'ltx-button', 'ltx-toggle')} data-state={api.locked ? 'locked' : 'unlocked'}>
            {labels.lockSeed}
          </Button>
        </div>
      )
    case 'loras':
      return <ItemList api={api} labels={labels} parts={parts} unstyled={unstyled} />
    default:
      field.widget satisfies never
      return <Input {...api.getInputProps()} className={classes(unstyled, 'ltx-input')} />
  }
}

/** One field, label to message, from its API: used for top-level fields and for list item fields. */
export function FieldBody({ api, labels, parts, unstyled }: FieldBodyProps) {
  const { field } = api
  const { htmlFor, ...labelRest } = api.getLabelProps()
  const grouped = htmlFor === undefined
  const max = field.maxLength
  const counted = (field.widget === 'textarea' || field.widget === 'text') && max !== undefined
  return (
    <div
      className={classes(unstyled, 'ltx-field')}
      data-field={api.path.join('.')}
      data-widget={field.widget}
      data-group={field.group}
      data-invalid={api.invalid ? '' : undefined}
      data-required={field.required ? '' : undefined}
    >
      {grouped ? (
        <span {...labelRest} className={classes(unstyled, 'ltx-label')}>
          {field.label}
        </span>
      ) : (
        <label {...labelRest} htmlFor={htmlFor} className={classes(unstyled, 'ltx-label')}>
          {field.label}
        </label>
      )}
      {field.description === undefined ? null : (
        <p {...api.getDescriptionProps()} className={classes(unstyled, 'ltx-description')}>
          {field.description}
        </p>
      )}
      <Control api={api} labels={labels} parts={parts} unstyled={unstyled} />
      {counted ? (
        <p {...api.getCountProps()} className={classes(unstyled, 'ltx-count')} data-over={api.length > max ? '' : undefined}>
          {labels.characterCount(api.length, max)}
        </p>
      ) : null}
      {api.error === undefined ? null : (
        <p {...api.getErrorProps()} className={classes(unstyled, 'ltx-error')}>
          {api.error}
        </p>
      )}
    </div>
  )
}

interface ParameterFormFieldProps {
  readonly control: ParameterFormControl
  readonly field: FieldDescriptor
  readonly labels: ParameterFormLabels
  readonly parts: ResolvedParts
  readonly unstyled: boolean
}

/** One top-level field, subscribed to its own slice of the form store only. */
export const ParameterFormField = memo(function ParameterFormField({ control, field, labels, parts, unstyled }: ParameterFormFieldProps) {
  const api = useParameterField(control, field)
  return <FieldBody api={api} labels={labels} parts={parts} unstyled={unstyled} />
})
