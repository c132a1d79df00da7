'use client'
import { useMemo } from 'react'
import type { CSSProperties } from 'react'
import type { ModelId } from '../../models/registry'
import type { ParameterFormComponents } from './parameter-form-components'
import { classes, ParameterFormField, resolveParts } from './parameter-form-field'
import { defaultParameterFormLabels, type ParameterFormLabels } from './parameter-form-labels'
import { useParameterForm, type UseParameterFormOptions } from './use-parameter-form'

/** Props of {@link ParameterForm}: the hook's options plus styling, words and parts. */
export interface ParameterFormProps<Id extends ModelId> extends UseParameterFormOptions<Id> {
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
  const labels = useMemo(() => ({ ...defaultParameterFormLabels, ...labelOverrides }), [labelOverrides])
  const form = useParameterForm({ ...options, messages: labels })
  const parts = useMemo(() => resolveParts(components), [components])
  const { Button, Radio } = parts
  const basic = form.fields.filter((f) => f.group !== 'advanced')
  const advanced = form.fields.filter((f) => f.group === 'advanced')
  const shown = new Set(form.fields.map((f) => f.name))
  // Messages for fields that are hidden (or for the input as a whole) still need a place.
  const other = Object.entries(form.errors).filter(([key]) => !shown.has(key.split('.')[0] ?? ''))
  const renderField = (field: (typeof form.fields)[number]) => (
    <ParameterFormField key={field.name} control={form.control} field={field} labels={labels} parts={parts} unstyled={unstyled} />
  )
  return (
    <form {...form.getFormProps()} className={unstyled ? className : classes(false, 'ltx-root', 'ltx-parameter-form', className)} style={style}>
      {form.modes === undefined ? null : (
        <div className={classes(unstyled, 'ltx-field')} data-field={form.control.discriminator} data-widget="mode">
          <span {...form.getModeLabelProps()} className={classes(unstyled, 'ltx-label')}>
            {labels.mode}
          </span>
          <div {...form.getModeGroupProps()} className={classes(unstyled, 'ltx-segmented', 'ltx-mode')}>
            {form.modes.map((mode, index) => {
              const radio = form.getModeRadioProps(mode.value, index)
              return (
                <label key={mode.value} htmlFor={radio.id} className={classes(unstyled, 'ltx-option')} data-state={radio.checked === true ? 'checked' : 'unchecked'}>
                  <Radio {...radio} className={classes(unstyled, 'ltx-option-input')} />
                  <span className={classes(unstyled, 'ltx-option-label')}>{mode.label}</span>
                </label>
              )
            })}
          </div>
        </div>
      )}
      {basic.map(renderField)}
      {advanced.length === 0 ? null : (
        <details className={classes(unstyled, 'ltx-advanced')}>
          <summary className={classes(unstyled, 'ltx-advanced-summary')}>{labels.advanced}</summary>
          <div className={classes(unstyled, 'ltx-advanced-fields')}>{advanced.map(renderField)}</div>
        </details>
      )}
      {other.length === 0 ? null : (
        <div role="alert" className={classes(unstyled, 'ltx-error-summary')}>
          <p>{labels.otherErrors}</p>
          <ul>
            {other.map(([key, message]) => (
              <li key={key}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className={classes(unstyled, 'ltx-actions')}>
        <Button {...form.getSubmitProps()} className={classes(unstyled, 'ltx-button', 'ltx-button-primary')}>
          {form.isSubmitting ? labels.submitting : labels.submit}
        </Button>
      </div>
    </form>
  )
}
