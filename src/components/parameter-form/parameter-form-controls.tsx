'use client'
import type { HTMLAttributes } from 'react'
import type { FieldInputProps } from './create-field-api'
import { checkedState, type FieldProps, type FormUi } from './parameter-form-ui'

// The styled controls of single-value widgets; `parameter-form-field.tsx` maps each widget to one.

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

/** A field's options as a radio group, `className` "segmented" or "radios". */
export function OptionChoices({ api, ui, className }: FieldProps & { className: string }) {
  const options = api.field.options ?? []
  return (
    <Choices
      group={api.getGroupProps()}
      radios={options.map((option, index) => [api.getRadioProps(option, index), api.optionLabel(option)] as const)}
      className={className}
      ui={ui}
    />
  )
}

/** A number input with its unit; a slider comes with one for exact values. */
export function NumberControl({ api, ui, slider }: FieldProps & { slider: boolean }) {
  const { cx } = ui
  return (
    <div className={cx(slider ? 'slider-row' : 'number-row')}>
      {slider && <ui.Slider {...api.getInputProps()} className={cx('slider')} />}
      <ui.Input {...api.getInputProps('number')} className={cx('input number')} />
      {api.field.unit !== undefined && <span className={cx('unit')}>{api.field.unit}</span>}
    </div>
  )
}

/** An enum as a `<select>`, with "Not set" when the field may be left out. */
export function SelectControl({ api, ui }: FieldProps) {
  const { labels, cx } = ui
  const { field } = api
  return (
    <ui.Select {...api.getInputProps()} className={cx('select')}>
      {(api.value === undefined || (!field.required && !field.hasDefault)) && <option value="">{labels.notSet}</option>}
      {(field.options ?? []).map((option) => (
        <option key={option} value={option}>
          {api.optionLabel(option)}
        </option>
      ))}
    </ui.Select>
  )
}

/** A seed: its number, "Randomize" and the lock. */
export function SeedControl({ api, ui }: FieldProps) {
  const { labels, cx } = ui
  return (
    <div className={cx('seed')}>
      <ui.Input {...api.getInputProps()} placeholder={labels.seedPlaceholder} className={cx('input number')} />
      <ui.Button {...api.getRandomizeProps()} className={cx('button')}>
        {labels.randomizeSeed}
      </ui.Button>
      <ui.Button {...api.getLockProps()} className={cx('button toggle')} data-state={api.locked ? 'locked' : 'unlocked'}>
        {labels.lockSeed}
      </ui.Button>
    </div>
  )
}

/** An image: a URL, a file button where files are accepted, the chosen file and a preview. */
export function ImageInput({ api, ui }: FieldProps) {
  const { labels, cx } = ui
  const { ids, previewUrl } = api
  const fileLabelId = `${ids.file}-label`
  return (
    <div className={cx('image')}>
      <ui.Input
        {...api.getInputProps()}
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
          {/* Its click moves focus to the URL input, where a new image goes. */}
          <ui.Button {...api.getClearFileProps()} className={cx('button button-quiet')}>
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
