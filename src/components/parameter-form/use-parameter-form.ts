'use client'
import { useId, useRef, useState } from 'react'
import type { ButtonHTMLAttributes, FormHTMLAttributes } from 'react'
import { readSchemaForm, type FieldDescriptor } from '../../core/read-fields'
import { getModel, type ModelId, type ModelInput, type ModelOf, type ModelParams } from '../../models/registry'
import {
  createFormControl,
  type ControlOptions,
  type FieldErrors,
  type ParameterFieldsConfig,
  type ParameterFormControl,
  type ParameterFormMessages,
} from './create-form-control'
import { createFieldApi, radioProps, type FieldControlPart, type FieldInputProps, type ParameterFieldApi } from './create-field-api'
import { useStoreKey } from './use-parameter-field'

type FormSubmitEvent = Parameters<NonNullable<FormHTMLAttributes<HTMLFormElement>['onSubmit']>>[0]
type ButtonClickEvent = Parameters<NonNullable<ButtonHTMLAttributes<HTMLButtonElement>['onClick']>>[0]

/** The parameter names of model `Id` (for APIXO, of every mode). */
export type ParameterFieldName<Id extends ModelId> = ModelInput<Id> extends infer T ? (T extends unknown ? Extract<keyof T, string> : never) : never

/** Options of {@link useParameterForm}. */
export interface UseParameterFormOptions<Id extends ModelId> {
  /** The model whose schema generates the form: its id, or its definition (`ltx2FastModel`). */
  readonly model: Id | (ModelOf<Id> & { readonly id: Id })
  /** Values to start from instead of (or on top of) the schema's defaults; for APIXO may include `mode`. */
  readonly defaultValues?: Partial<ModelInput<Id>> | undefined
  /** Order, hide or re-word fields. */
  readonly fields?: ParameterFieldsConfig<ParameterFieldName<Id>> | undefined
  /** Called with the parsed values (defaults filled in) when the whole form is valid. */
  readonly onSubmit: (values: ModelParams<Id>) => unknown
  /**
   * True while the app is submitting: the submit button gets `aria-disabled` (it keeps focus)
   * and a submit does nothing. A promise from `onSubmit` does the same until it settles.
   */
  readonly isSubmitting?: boolean | undefined
  /** Prefix of element ids (default: a `useId` value). */
  readonly id?: string | undefined
  /** Wording of the problems the form finds itself (picked files). */
  readonly messages?: Partial<ParameterFormMessages> | undefined
}

/** One mode of a model with modes (APIXO), for the mode switch. */
export interface ParameterFormMode {
  readonly value: string
  readonly label: string
}

/** Attributes of the `<form>`, including its `data-*` state. */
export type ParameterFormElementProps = FormHTMLAttributes<HTMLFormElement> & {
  ref: (element: HTMLFormElement | null) => void
  'data-state': 'idle' | 'submitting' | 'invalid'
  'data-model': string
  'data-mode'?: string
}

/** What {@link useParameterForm} returns: state, actions and prop getters. */
export interface ParameterFormApi<Id extends ModelId> {
  readonly model: ModelOf<Id>
  /** Stable handle for {@link useParameterField}; pass it to memoised field components. */
  readonly control: ParameterFormControl
  /** The fields to render now: the current mode's, ordered, hidden and overridden per `fields`. */
  readonly fields: readonly FieldDescriptor[]
  /** The modes of a model with modes (APIXO), else undefined. */
  readonly modes: readonly ParameterFormMode[] | undefined
  readonly mode: string | undefined
  /** Switch mode: only its fields show; values of fields the modes share carry over. */
  setMode(mode: string): void
  /** Every message, by dotted path (`prompt`, `loras.0.path`). */
  readonly errors: FieldErrors
  readonly isSubmitting: boolean
  readonly isInvalid: boolean
  /** The input as it would be validated now (empty values left out). Not reactive. */
  values(): Record<string, unknown>
  getValue(name: string): unknown
  setValue(name: string, value: unknown): void
  /** Validate all and, when valid, call `onSubmit`; resolves true when `onSubmit` ran and did not reject. */
  submit(): Promise<boolean>
  /** A field's API read now (not reactive); render fields with {@link useParameterField} to subscribe. */
  getField(name: string): ParameterFieldApi
  getFormProps(props?: FormHTMLAttributes<HTMLFormElement>): ParameterFormElementProps
  getSubmitProps(props?: ButtonHTMLAttributes<HTMLButtonElement>): ButtonHTMLAttributes<HTMLButtonElement> & { 'data-state': 'idle' | 'submitting' }
  getInputProps(name: string, part?: FieldControlPart): FieldInputProps
  getLabelProps(name: string): { id: string; htmlFor?: string | undefined }
  getDescriptionProps(name: string): { id: string }
  getErrorProps(name: string): { id: string }
  /** The mode switch's radio group, its label, and one radio per mode. */
  getModeGroupProps(): { id: string; role: 'radiogroup'; 'aria-labelledby': string }
  getModeLabelProps(): { id: string }
  getModeRadioProps(mode: string, index: number): FieldInputProps
}

/**
 * A headless form generated from a model's schema. The hook itself subscribes only to the
 * mode, the messages and the submitting state; field values live in a small external store
 * that each field reads with {@link useParameterField}, so typing re-renders one field.
 *
 * Validation: a field on blur (and again as it is edited once it shows a message), every
 * field on submit, which focuses the first invalid one. Seed: what the field shows is what
 * is sent; after a successful submit a locked seed is kept, an unlocked one is cleared so
 * the next submit leaves it out and the provider picks a fresh random seed.
 */
export function useParameterForm<const Id extends ModelId>(options: UseParameterFormOptions<Id>): ParameterFormApi<Id> {
  const model: ModelOf<Id> = typeof options.model === 'string' ? getModel(options.model) : options.model
  const reactId = useId()
  const baseId = options.id ?? `ltx-pf-${reactId.replace(/[^\w-]/g, '')}`
  // Actions read the latest options at call time, so the control itself can stay stable.
  const optionsRef = useRef(options as ControlOptions)
  optionsRef.current = options as ControlOptions
  const make = () =>
    createFormControl(model, readSchemaForm(model.schema), baseId, options.defaultValues as Record<string, unknown> | undefined, () => optionsRef.current)
  const [held, setHeld] = useState(make)
  let control = held
  if (held.modelId !== model.id || held.baseId !== baseId) {
    // A different model is a different form: start over from its defaults.
    control = make()
    setHeld(control)
  }

  const mode = useStoreKey(control, 'mode') as string | undefined
  const errors = useStoreKey(control, 'errors') as FieldErrors
  // Subscribed to re-render when a promise from `onSubmit` starts or settles; the control then
  // reads it, and the `isSubmitting` option just stored in `optionsRef`.
  useStoreKey(control, 'pending')
  const isSubmitting = control.isSubmitting()
  // The control keeps this list while the mode and the `fields` option stay the same, so
  // memoised fields do not re-render.
  const fields = control.fieldsFor(mode)
  const isInvalid = Object.keys(errors).length > 0
  const { schemaForm, discriminator } = control
  // Only the value and label: a mode's fields and schema are not for spreading onto elements.
  const modes = schemaForm.kind === 'modes' ? schemaForm.modes.map(({ value, label }) => ({ value, label })) : undefined
  const modeId = control.idFor([discriminator ?? 'mode'])

  const getField = (name: string): ParameterFieldApi => {
    const field = fields.find((f) => f.name === name) ?? control.modeFields(mode).find((f) => f.name === name)
    if (field === undefined) throw new Error(`"${name}" is not a field of ${model.title}${mode === undefined ? '' : ` in ${mode} mode`}.`)
    return createFieldApi(control, field, [name])
  }

  return {
    model,
    control,
    fields,
    modes,
    mode,
    setMode: control.setMode,
    errors,
    isSubmitting,
    isInvalid,
    values: control.input,
    getValue: (name) => control.getValue([name]),
    setValue: (name, value) => control.setValue([name], value),
    submit: control.submit,
    getField,
    getFormProps: (props = {}) => ({
      noValidate: true,
      ...props,
      ref: control.setFormElement,
      'data-state': isSubmitting ? 'submitting' : isInvalid ? 'invalid' : 'idle',
      'data-model': model.id,
      ...(mode !== undefined && { 'data-mode': mode }),
      // The library's handler first, then the caller's: the same rule as every other prop getter.
      onSubmit: (event: FormSubmitEvent) => {
        event.preventDefault()
        void control.submit()
        props.onSubmit?.(event)
      },
    }),
    getSubmitProps: (props = {}) => ({
      type: 'submit',
      ...props,
      // Not `disabled` while submitting: browsers move focus off a control that becomes
      // disabled, and the button the user just pressed would drop focus to <body>. A click now
      // does not submit (and `control.submit` refuses a second submit anyway).
      ...(isSubmitting && { 'aria-disabled': true }),
      'data-state': isSubmitting ? 'submitting' : 'idle',
      onClick: (event: ButtonClickEvent) => {
        if (isSubmitting) event.preventDefault()
        props.onClick?.(event)
      },
    }),
    getInputProps: (name, part) => getField(name).getInputProps(part),
    getLabelProps: (name) => getField(name).getLabelProps(),
    getDescriptionProps: (name) => getField(name).getDescriptionProps(),
    getErrorProps: (name) => getField(name).getErrorProps(),
    getModeGroupProps: () => ({ id: modeId, role: 'radiogroup', 'aria-labelledby': `${modeId}-label` }),
    getModeLabelProps: () => ({ id: `${modeId}-label` }),
    getModeRadioProps: (value, index) => radioProps(modeId, value, index, mode === value, false, () => control.setMode(value), () => undefined),
  }
}
