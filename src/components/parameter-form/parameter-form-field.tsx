'use client'
import { memo, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import type { FieldDescriptor } from '../../core/read-fields'
import type { ParameterFormControl } from './create-form-control'
import type { ParameterFieldApi } from './create-field-api'
import type { ParameterFormComponents } from './parameter-form-components'
import type { ParameterFormLabels } from './parameter-form-labels'
import { useParameterField } from './use-parameter-field'

const NativeInput = (props: InputHTMLAttributes<HTMLInputElement>) => <input {...props} />
const NativeTextarea = (props: TextareaHTMLAttributes<HTMLTextAreaElement>) => <textarea {...props} />
const NativeSelect = (props: SelectHTMLAttributes<HTMLSelectElement>) => <select {...props} />
const NativeButton = (props: ButtonHTMLAttributes<HTMLButtonElement>) => <button {...props} />

/** Resolved inner parts: the overrides, else native elements. */
export type ResolvedParts = Required<ParameterFormComponents>

/** The parts to render with: each override, else the native element. */
export function resolveParts(components: ParameterFormComponents | undefined): ResolvedParts {
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
  const itemLabel = api.field.item?.label ?? api.field.label
  const subFields = api.field.item?.fields ?? api.field.fields ?? []
  return (
    <div {...api.getGroupProps()} className={classes(unstyled, 'ltx-list')} data-count={api.items.length}>
      {api.items.map((_, index) => (
        // Items have no identity of their own; index keys are fine for controlled inputs.
        <div key={index} role="group" aria-labelledby={api.itemLabelId(index)} className={classes(unstyled, 'ltx-list-item')}>
          <div className={classes(unstyled, 'ltx-list-item-header')}>
            <span id={api.itemLabelId(index)} className={classes(unstyled, 'ltx-list-item-label')}>
              {labels.listItem(itemLabel, index + 1)}
            </span>
            <Button {...api.getRemoveItemProps(index)} className={classes(unstyled, 'ltx-button', 'ltx-button-quiet')}>
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

function ImageInput({ api, labels, parts, unstyled }: FieldBodyProps) {
  const { Input, Button } = parts
  const fileLabelId = `${api.ids.file}-label`
  return (
    <div className={classes(unstyled, 'ltx-image')}>
      <Input {...api.getInputProps()} placeholder={labels.urlPlaceholder} className={classes(unstyled, 'ltx-input')} />
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
          <Button {...api.getClearFileProps()} className={classes(unstyled, 'ltx-button', 'ltx-button-quiet')}>
            {labels.removeFile}
          </Button>
        </div>
      ) : null}
      {api.previewUrl !== undefined ? (
        <img src={api.previewUrl} alt={labels.imagePreview(api.field.label)} className={classes(unstyled, 'ltx-preview')} />
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
