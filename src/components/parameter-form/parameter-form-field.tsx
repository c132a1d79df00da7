'use client'
import { memo, useEffect, useState, type HTMLAttributes, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import type { FieldDescriptor } from '../../core/read-fields'
import type { ParameterFormControl } from './create-form-control'
import type { FieldInputProps, ParameterFieldApi } from './create-field-api'
import { hasCount, itemFields } from './field-values'
import type { ParameterFormComponents } from './parameter-form-components'
import type { ParameterFormLabels } from './parameter-form-labels'
import { useParameterField } from './use-parameter-field'

/** Resolved inner parts: each override, else the native element's tag. */
export interface ResolvedParts {
  readonly Input: ParameterFormComponents['Input'] | 'input'
  readonly Textarea: ParameterFormComponents['Textarea'] | 'textarea'
  readonly Select: ParameterFormComponents['Select'] | 'select'
  readonly Button: ParameterFormComponents['Button'] | 'button'
  readonly Switch: ParameterFormComponents['Switch'] | 'input'
  readonly Slider: ParameterFormComponents['Slider'] | 'input'
  readonly Radio: ParameterFormComponents['Radio'] | 'input'
}

/**
 * What every part of the styled form renders with: the inner parts themselves (`<ui.Button>`),
 * the words and the class names; one object, stable while the form's props are.
 */
export interface FormUi extends ResolvedParts {
  readonly labels: ParameterFormLabels
  /** Class names by part name: `cx('button toggle')` is "ltx-button ltx-toggle", or none when unstyled. */
  readonly cx: (names: string) => string | undefined
}

interface FieldProps {
  readonly api: ParameterFieldApi
  readonly ui: FormUi
}

/** A URL typed into an image field is previewed once it has been still this long (or on blur). */
const PREVIEW_DELAY_MS = 400

/** The parts to render with: each override, else the native element. */
export function resolveParts({
  Input = 'input',
  Textarea = 'textarea',
  Select = 'select',
  Button = 'button',
  // Switches, sliders and radios are inputs too: an Input override stands in for them.
  Switch = Input,
  Slider = Input,
  Radio = Input,
}: Partial<ResolvedParts> = {}): ResolvedParts {
  return { Input, Textarea, Select, Button, Switch, Slider, Radio }
}

const checkedState = (checked: boolean | undefined) => (checked === true ? 'checked' : 'unchecked')

/**
 * The click handler of a button that removes itself: run `action`, commit it at once, then focus
 * the element with id `next`, so keyboard focus does not fall to `<body>`. Found by id rather
 * than by ref, so a part that does not forward `ref` (React 18) still works.
 */
const thenFocus = (action: () => void, next: string | undefined) => (event: { currentTarget: Element }) => {
  // The button's own document: the form may be rendered into another window through a portal.
  const doc = event.currentTarget.ownerDocument
  flushSync(action)
  doc.getElementById(next ?? '')?.focus()
}

/** A radio group: a field's options (radios, segmented) or the APIXO mode switch. */
export function Choices({ group, radios, className, ui }: { group: HTMLAttributes<HTMLDivElement>; radios: readonly (readonly [FieldInputProps, string])[]; className: string; ui: FormUi }) {
  const { cx } = ui
  return (
    <div {...group} className={cx(className)}>
      {radios.map(([props, label]) => (
        <label key={props.value} htmlFor={props.id} className={cx('option')} data-state={checkedState(props.checked)}>
          <ui.Radio {...props} className={cx('option-input')} />
          <span className={cx('option-label')}>{label}</span>
        </label>
      ))}
    </div>
  )
}

function ItemList({ api, ui }: FieldProps) {
  const { labels, cx } = ui
  const itemLabel = api.field.item?.label ?? api.field.label
  const count = api.items.length
  const add = api.getAddItemProps()
  return (
    <div {...api.getGroupProps()} className={cx('list')} data-count={count}>
      {api.items.map((_, index) => {
        const remove = api.getRemoveItemProps(index)
        const labelId = api.itemLabelId(index)
        // After removing: the next item's Remove (it moves into this index), else the previous
        // item's, else "Add".
        const onClick = thenFocus(remove.onClick, index + 1 < count ? remove.id : index > 0 ? api.getRemoveItemProps(index - 1).id : add.id)
        return (
          // Items have no identity of their own; index keys are fine for controlled inputs.
          <div key={index} role="group" aria-labelledby={labelId} className={cx('list-item')}>
            <div className={cx('list-item-header')}>
              <span id={labelId} className={cx('list-item-label')}>
                {api.itemLabel(index)}
              </span>
              <ui.Button {...remove} onClick={onClick} className={cx('button button-quiet')}>
                {labels.removeItem(itemLabel, index + 1)}
              </ui.Button>
            </div>
            {itemFields(api.field).map((sub) => (
              <FieldBody key={sub.name} api={api.item(index, sub.name)} ui={ui} />
            ))}
          </div>
        )
      })}
      <ui.Button {...add} className={cx('button')}>
        {labels.addItem(itemLabel)}
      </ui.Button>
    </div>
  )
}

/**
 * The URL to preview, if any. A picked file (a data URI) shows at once; a typed URL only once
 * it is settled, on blur or after {@link PREVIEW_DELAY_MS} without typing, and valid, so the
 * browser does not fetch every partial URL ("https://a", "https://ab", …) as the user types.
 * Returned with the function that settles it now (for blur), as a pair like `useState`'s.
 */
function usePreviewUrl(api: ParameterFieldApi): [url: string | undefined, settle: () => void] {
  const candidate = api.previewUrl
  const local = candidate?.startsWith('data:') === true
  // A URL the form starts with (from `defaultValues`) was not typed: it is settled.
  const [settled, setSettled] = useState(candidate)
  useEffect(() => {
    if (candidate === undefined || local) return
    const timer = setTimeout(() => setSettled(candidate), PREVIEW_DELAY_MS)
    return () => clearTimeout(timer)
  }, [candidate, local])
  return [!api.invalid && (local || settled === candidate) ? candidate : undefined, () => setSettled(candidate)]
}

function ImageInput({ api, ui }: FieldProps) {
  const { labels, cx } = ui
  const [previewUrl, settlePreview] = usePreviewUrl(api)
  const { ids } = api
  const fileLabelId = `${ids.file}-label`
  const input = api.getInputProps()
  const clear = api.getClearFileProps()
  return (
    <div className={cx('image')}>
      <ui.Input
        {...input}
        onBlur={() => {
          input.onBlur()
          settlePreview()
        }}
        placeholder={labels.urlPlaceholder}
        className={cx('input')}
      />
      {api.acceptsFile && (
        <div className={cx('file')}>
          <label id={fileLabelId} htmlFor={ids.file} className={cx('button file-label')}>
            {labels.chooseFile}
          </label>
          <ui.Input {...api.getFileInputProps()} aria-labelledby={`${fileLabelId} ${ids.label}`} className={cx('file-input')} />
        </div>
      )}
      {api.fileName !== undefined && (
        <div className={cx('file-chosen')}>
          <span>{labels.fileChosen(api.fileName)}</span>
          <ui.Button
            {...clear}
            // The button goes away with the file: focus the URL input, where a new image goes.
            onClick={thenFocus(clear.onClick, ids.input)}
            className={cx('button button-quiet')}
          >
            {labels.removeFile}
          </ui.Button>
        </div>
      )}
      {previewUrl !== undefined && (
        <img src={previewUrl} alt={labels.imagePreview(api.field.label)} referrerPolicy="no-referrer" className={cx('preview')} />
      )}
    </div>
  )
}

function Control({ api, ui }: FieldProps): ReactNode {
  const { labels, cx } = ui
  const { field } = api
  const { widget } = field
  const input = api.getInputProps()
  const options = field.options ?? []
  switch (widget) {
    case 'textarea':
    case 'url-list':
      return <ui.Textarea {...input} rows={widget === 'textarea' ? 4 : 3} className={cx('textarea')} />
    case 'number':
    case 'slider':
      // A slider comes with a number input for exact values.
      return (
        <div className={cx(`${widget}-row`)}>
          {widget === 'slider' && <ui.Slider {...input} className={cx('slider')} />}
          <ui.Input {...api.getInputProps('number')} className={cx('input number')} />
          {field.unit !== undefined && <span className={cx('unit')}>{field.unit}</span>}
        </div>
      )
    case 'segmented':
    case 'radios':
    case 'mode':
      return (
        <Choices
          group={api.getGroupProps()}
          radios={options.map((option, index) => [api.getRadioProps(option, index), api.optionLabel(option)] as const)}
          className={widget === 'segmented' ? 'segmented' : 'radios'}
          ui={ui}
        />
      )
    case 'select':
      return (
        <ui.Select {...input} className={cx('select')}>
          {(api.value === undefined || (!field.required && !field.hasDefault)) && <option value="">{labels.notSet}</option>}
          {options.map((option) => (
            <option key={option} value={option}>
              {api.optionLabel(option)}
            </option>
          ))}
        </ui.Select>
      )
    case 'switch':
      return <ui.Switch {...input} className={cx('switch')} data-state={checkedState(input.checked)} />
    case 'image':
      return <ImageInput api={api} ui={ui} />
    case 'seed':
      return (
        <div className={cx('seed')}>
          <ui.Input {...input} placeholder={labels.seedPlaceholder} className={cx('input number')} />
          <ui.Button {...api.getRandomizeProps()} className={cx('button')}>
            {labels.randomizeSeed}
          </ui.Button>
          <ui.Button {...api.getLockProps()} className={cx('button toggle')} data-state={api.locked ? 'locked' : 'unlocked'}>
            {labels.lockSeed}
          </ui.Button>
        </div>
      )
    case 'loras':
      return <ItemList api={api} ui={ui} />
    default:
      // Text, and a video URL (hence its placeholder).
      return <ui.Input {...input} placeholder={widget === 'video' ? labels.urlPlaceholder : undefined} className={cx('input')} />
  }
}

/** One field, label to message, from its API: used for top-level fields and for list item fields. */
export function FieldBody({ api, ui }: FieldProps) {
  const { field } = api
  const { labels, cx } = ui
  const labelProps = api.getLabelProps()
  // A group (radios, a list) is named through aria-labelledby: a <label> would label nothing.
  const Label = labelProps.htmlFor === undefined ? 'span' : 'label'
  return (
    <div
      className={cx('field')}
      data-field={api.path.join('.')}
      data-widget={field.widget}
      data-group={field.group}
      data-invalid={api.invalid ? '' : undefined}
      data-required={field.required ? '' : undefined}
    >
      <Label {...labelProps} className={cx('label')}>
        {field.label}
        {/* Hidden from the name: aria-required says it, and "Prompt *" is not the field's name. */}
        {field.required && (
          <span aria-hidden="true" className={cx('required')}>
            {' *'}
          </span>
        )}
      </Label>
      {field.description !== undefined && (
        <p {...api.getDescriptionProps()} className={cx('description')}>
          {field.description}
        </p>
      )}
      <Control api={api} ui={ui} />
      {hasCount(field) && (
        <p {...api.getCountProps()} className={cx('count')} data-over={api.length > field.maxLength ? '' : undefined}>
          {labels.characterCount(api.length, field.maxLength)}
        </p>
      )}
      {api.error !== undefined && (
        <p {...api.getErrorProps()} className={cx('error')}>
          {api.error}
        </p>
      )}
    </div>
  )
}

/** One top-level field, subscribed to its own slice of the form store only. */
export const ParameterFormField = memo(function ParameterFormField({ control, field, ui }: { control: ParameterFormControl; field: FieldDescriptor; ui: FormUi }) {
  return <FieldBody api={useParameterField(control, field)} ui={ui} />
})
