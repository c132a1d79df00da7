'use client'
import { memo, type ReactNode } from 'react'
import type { FieldWidget } from '../../models/field-meta'
import type { FieldDescriptor } from '../../core/read-fields'
import type { ParameterFormControl } from './create-form-control'
import { hasCount, itemFields } from './field-values'
import { ImageInput, NumberControl, OptionChoices, SeedControl, SelectControl } from './parameter-form-controls'
import { checkedState, type FieldProps, type FormUi } from './parameter-form-ui'
import { useParameterField } from './use-parameter-field'

/** A list of items with fields of their own (LoRAs), each with its Remove, then "Add". */
function ItemList({ api, ui }: FieldProps) {
  const { labels, cx } = ui
  const itemLabel = api.field.item?.label ?? api.field.label
  const count = api.items.length
  const add = api.getAddItemProps()
  return (
    <div {...api.getGroupProps()} className={cx('list')} data-count={count}>
      {api.items.map((_, index) => {
        // Its click moves focus on (the next item's Remove, else the previous one's, else "Add").
        const remove = api.getRemoveItemProps(index)
        const labelId = api.itemLabelId(index)
        return (
          // Items have no identity of their own; index keys are fine for controlled inputs.
          <div key={index} role="group" aria-labelledby={labelId} className={cx('list-item')}>
            <div className={cx('list-item-header')}>
              <span id={labelId} className={cx('list-item-label')}>
                {api.itemLabel(index)}
              </span>
              <ui.Button {...remove} className={cx('button button-quiet')}>
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

/** A one-line input: text, or a video URL (hence its placeholder). */
const lineInput = (placeholder: boolean) =>
  function LineInput({ api, ui }: FieldProps) {
    return <ui.Input {...api.getInputProps()} placeholder={placeholder ? ui.labels.urlPlaceholder : undefined} className={ui.cx('input')} />
  }

/** A multi-line input: a prompt (4 rows) or a URL list (3). */
const textArea = (rows: number) =>
  function TextArea({ api, ui }: FieldProps) {
    return <ui.Textarea {...api.getInputProps()} rows={rows} className={ui.cx('textarea')} />
  }

/**
 * How the styled form renders each widget: a new widget does not compile until it has a row here
 * (and in `WIDGET_TRAITS`, for the headless form).
 */
const FIELD_CONTROLS: Readonly<Record<FieldWidget, (props: FieldProps) => ReactNode>> = {
  textarea: textArea(4),
  'url-list': textArea(3),
  text: lineInput(false),
  video: lineInput(true),
  number: (props) => <NumberControl {...props} slider={false} />,
  slider: (props) => <NumberControl {...props} slider />,
  segmented: (props) => <OptionChoices {...props} className="segmented" />,
  radios: (props) => <OptionChoices {...props} className="radios" />,
  // A field shown as the mode switch (the form renders the model's own above its fields).
  mode: (props) => <OptionChoices {...props} className="radios" />,
  select: SelectControl,
  switch: ({ api, ui }) => {
    const input = api.getInputProps()
    return <ui.Switch {...input} className={ui.cx('switch')} data-state={checkedState(input.checked)} />
  },
  image: ImageInput,
  seed: SeedControl,
  loras: ItemList,
}

/** One field, label to message, from its API: used for top-level fields and for list item fields. */
export function FieldBody({ api, ui }: FieldProps) {
  const { field } = api
  const { labels, cx } = ui
  const labelProps = api.getLabelProps()
  // A group (radios, a list) is named through aria-labelledby: a <label> would label nothing.
  const Label = labelProps.htmlFor === undefined ? 'span' : 'label'
  const Control = FIELD_CONTROLS[field.widget]
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
