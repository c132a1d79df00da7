'use client'
import { useMemo } from 'react'
import type { CSSProperties } from 'react'
import type { ModelId } from '../../models/registry'
import type { ParameterFormComponents } from './parameter-form-components'
import { Choices } from './parameter-form-controls'
import { ParameterFormField } from './parameter-form-field'
import { resolveParts, type FormUi } from './parameter-form-ui'
import { defaultParameterFormLabels, type ParameterFormLabels } from './parameter-form-labels'
import { useParameterForm, type UseParameterFormOptions } from './use-parameter-form'

/**
 * Props of {@link ParameterForm}: the hook's options plus styling, words and parts. The hook's
 * `messages` are among the `labels` here (`fileType`, `fileSize`, `fileRead`).
 */
export interface ParameterFormProps<Id extends ModelId> extends Omit<UseParameterFormOptions<Id>, 'messages'> {
  readonly className?: string | undefined
  readonly style?: CSSProperties | undefined
  /** Leave out every `ltx-` class, for styling from scratch. */
  readonly unstyled?: boolean | undefined
  /** Replace any visible string (English defaults). */
  readonly labels?: Partial<ParameterFormLabels> | undefined
  /** Replace inner parts (inputs, buttons…) with a design system's own. */
  readonly components?: Partial<ParameterFormComponents> | undefined
}

/**
 * A form for one model's parameters, generated from its schema: labelled controls per widget
 * hint, validation on blur and submit, advanced fields in a collapsible section.
 */
export function ParameterForm<const Id extends ModelId>(props: ParameterFormProps<Id>) {
  const { className, style, unstyled = false, labels: labelOverrides, components, ...options } = props
  const ui = useMemo<FormUi>(
    () => ({
      labels: { ...defaultParameterFormLabels, ...labelOverrides },
      ...resolveParts(components),
      cx: (names) => (unstyled ? undefined : names.replace(/\S+/g, 'ltx-$&')),
    }),
    [labelOverrides, components, unstyled],
  )
  const { labels, cx } = ui
  const form = useParameterForm({ ...options, messages: labels })
  const { fields, control, modes } = form
  // Messages for fields that are hidden (or for the input as a whole) still need a place.
  const other = Object.entries(form.errors).filter(([key]) => !fields.some((field) => field.name === key.split('.')[0]))
  const renderFields = (advanced: boolean) =>
    fields
      .filter((field) => (field.group === 'advanced') === advanced)
      .map((field) => <ParameterFormField key={field.name} control={control} field={field} ui={ui} />)
  const advanced = renderFields(true)
  return (
    <form {...form.getFormProps()} className={unstyled ? className : `ltx-root ltx-parameter-form ${className ?? ''}`.trim()} style={style}>
      {modes && (
        <div className={cx('field')} data-field={control.discriminator} data-widget="mode">
          <span {...form.getModeLabelProps()} className={cx('label')}>
            {labels.mode}
          </span>
          <Choices
            group={form.getModeGroupProps()}
            radios={modes.map((mode, index) => [form.getModeRadioProps(mode.value, index), mode.label] as const)}
            className="segmented mode"
            ui={ui}
          />
        </div>
      )}
      {renderFields(false)}
      {advanced.length > 0 && (
        <details className={cx('advanced')}>
          <summary className={cx('advanced-summary')}>{labels.advanced}</summary>
          <div className={cx('advanced-fields')}>{advanced}</div>
        </details>
      )}
      {other.length > 0 && (
        <div role="alert" className={cx('error-summary')}>
          <p>{labels.otherErrors}</p>
          <ul>
            {other.map(([key, message]) => (
              <li key={key}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className={cx('actions')}>
        <ui.Button {...form.getSubmitProps()} className={cx('button button-primary')}>
          {form.isSubmitting ? labels.submitting : labels.submit}
        </ui.Button>
      </div>
    </form>
  )
}
