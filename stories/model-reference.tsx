import { models, readSchemaForm, type FieldDescriptor, type ModelId } from '../src/index'
import './reference.css'

function allowed(field: FieldDescriptor): string {
  if (field.options !== undefined) {
    return field.options.map((o) => (field.optionLabels?.[String(o)] ? `${o} (${field.optionLabels[String(o)]})` : String(o))).join(', ')
  }
  if (field.min !== undefined || field.max !== undefined) {
    const unit = field.unit === undefined ? '' : ` ${field.unit}`
    const kind = field.type === 'integer' ? 'whole number ' : ''
    if (field.min !== undefined && field.max !== undefined) return `${kind}${field.min} – ${field.max}${unit}`
    return field.min !== undefined ? `${kind}≥ ${field.min}${unit}` : `${kind}≤ ${field.max}${unit}`
  }
  if (field.accepts !== undefined) return field.accepts
  if (field.type === 'array') {
    const items = field.minItems === field.maxItems ? `exactly ${field.minItems}` : `${field.minItems ?? 0} – ${field.maxItems ?? '∞'}`
    const inner = field.fields?.map((f) => `${f.name}: ${allowed(f)}`).join('; ') ?? field.item?.accepts ?? ''
    return `${items} item${field.maxItems === 1 ? '' : 's'}${inner ? ` (${inner})` : ''}`
  }
  if (field.type === 'string') {
    if (field.maxLength !== undefined) return `text, ${field.minLength ?? 0} – ${field.maxLength} characters`
    return field.minLength !== undefined ? 'text, not empty' : 'text'
  }
  if (field.type === 'integer') return 'whole number'
  return field.type
}

function typeName(field: FieldDescriptor): string {
  if (field.type === 'enum') return typeof field.options?.[0] === 'number' ? 'integer (one of)' : 'string (one of)'
  if (field.accepts !== undefined) return 'URL'
  return field.type
}

function FieldTable({ fields, caption }: { fields: readonly FieldDescriptor[]; caption: string }) {
  return (
    <table className="ltx-reference">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col">Label</th>
          <th scope="col">Type</th>
          <th scope="col">Allowed</th>
          <th scope="col">Default</th>
          <th scope="col">Required</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field.name} data-field={field.name}>
            <th scope="row">
              <code>{field.name}</code>
            </th>
            <td>
              {field.label}
              {field.description === undefined ? null : <div className="ltx-reference-help">{field.description}</div>}
            </td>
            <td>{typeName(field)}</td>
            <td>{allowed(field)}</td>
            <td>{field.hasDefault ? <code>{JSON.stringify(field.default)}</code> : '—'}</td>
            <td>{field.required ? 'required' : 'optional'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A reference page for one model, generated from its schema: every parameter and its rules. */
export function ModelReference({ model: id }: { model: ModelId }) {
  const model = models[id]
  const form = readSchemaForm(model.schema)
  return (
    <article className="ltx-reference-page">
      <h1>{model.title}</h1>
      <p>{model.description}</p>
      <dl>
        <dt>Model id</dt>
        <dd>
          <code>{model.id}</code>
        </dd>
        <dt>Provider</dt>
        <dd>{model.provider === 'segmind' ? 'Segmind (async v2: submit, poll, fetch)' : 'APIXO (task API)'}</dd>
        <dt>Audio</dt>
        <dd>
          {{ always: 'always', never: 'none', input: 'when requested', source: "kept from the source (or regenerated, by mode)" }[model.output.audio]}
        </dd>
      </dl>
      {form.kind === 'fields' ? (
        <FieldTable fields={form.fields} caption={`Parameters of ${model.id}`} />
      ) : (
        form.modes.map((mode) => (
          <section key={mode.value} aria-labelledby={`mode-${mode.value}`}>
            <h2 id={`mode-${mode.value}`}>
              {mode.label} (<code>{form.discriminator}: &quot;{mode.value}&quot;</code>)
            </h2>
            <FieldTable fields={mode.fields} caption={`Parameters in ${mode.value} mode`} />
          </section>
        ))
      )}
    </article>
  )
}
