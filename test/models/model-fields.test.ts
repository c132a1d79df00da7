import { describe, expect, it } from 'vitest'
import { readSchemaForm } from '../../src/core/read-fields'
import { models, type ModelId } from '../../src/models/registry'
import { safeParseInput } from '../../src/models/parse-input'
import { documented, documentedApixo, type FieldSpec, type ModelSpec } from './documented-fields'

// Every documented field of every model (and of every APIXO mode) is checked here: its
// default, both ends of each range and one step past each end, each enum value and one
// outside, a wrong type, a missing required field, and what URL fields accept.

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
const MP4 = 'data:video/mp4;base64,AAAAIGZ0eXBpc29tAAACAGlzb21pc28yYXZjMW1wNDE='

function without(base: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...base }
  delete copy[key]
  return copy
}

function issueAt(id: ModelId, input: unknown, field: string) {
  const result = safeParseInput(id, input)
  expect(result.success, `expected ${JSON.stringify(input).slice(0, 200)} to be refused`).toBe(false)
  const issue = result.issues?.find((i) => i.path[0] === field)
  expect(issue, `expected an issue at "${field}", got ${JSON.stringify(result.issues)}`).toBeDefined()
  return issue as { path: readonly (string | number)[]; message: string }
}

function accepts(id: ModelId, input: unknown) {
  const result = safeParseInput(id, input)
  expect(result.issues, `expected ${JSON.stringify(input).slice(0, 200)} to be accepted`).toBeUndefined()
  return result.data as Record<string, unknown>
}

function valueFor(spec: FieldSpec): unknown {
  if (spec.options !== undefined) return spec.options[0]
  if (spec.range !== undefined) return spec.range[0]
  switch (spec.type) {
    case 'string':
      return 'some text'
    case 'number':
      return 3
    case 'boolean':
      return false
    case 'url':
      return 'https://cdn.example.com/a.png'
    case 'array':
      return undefined
  }
}

function wrongTypeFor(spec: FieldSpec): unknown {
  switch (spec.type) {
    case 'string':
    case 'url':
      return 42
    case 'number':
      return '12'
    case 'boolean':
      return 'yes'
    case 'array':
      return 'https://cdn.example.com/a.png'
  }
}

function suite(id: ModelId, name: string, spec: ModelSpec, schemaFields: readonly { name: string; label: string }[]) {
  describe(name, () => {
    it('documents exactly the schema fields, with their labels', () => {
      expect(schemaFields.map((f) => f.name).sort()).toEqual(Object.keys(spec.fields).sort())
      for (const field of schemaFields) expect(field.label).toBe(spec.fields[field.name]?.label)
    })

    it('accepts the smallest valid input', () => {
      accepts(id, spec.base)
    })

    for (const [field, f] of Object.entries(spec.fields)) {
      describe(field, () => {
        if (f.required === true) {
          it('is required', () => {
            expect(issueAt(id, without(spec.base, field), field).message).toBe(`${f.label} is required.`)
          })
        } else if ('default' in f) {
          it(`defaults to ${JSON.stringify(f.default)}`, () => {
            expect(accepts(id, without(spec.base, field))[field]).toEqual(f.default)
          })
        } else {
          it('is optional with no default', () => {
            expect(field in accepts(id, without(spec.base, field))).toBe(false)
          })
        }

        it('refuses a wrong type', () => {
          const issue = issueAt(id, { ...spec.base, [field]: wrongTypeFor(f) }, field)
          expect(issue.message).toContain(f.label)
        })

        if (f.range !== undefined) {
          const [min, max] = f.range
          const step = f.integer === true ? 1 : 0.1
          it(`accepts both ends of ${min}–${max}`, () => {
            expect(accepts(id, { ...spec.base, [field]: min })[field]).toBe(min)
            expect(accepts(id, { ...spec.base, [field]: max })[field]).toBe(max)
          })
          it('refuses one step past each end, naming the label and the range', () => {
            for (const value of [min - step, max + step]) {
              const issue = issueAt(id, { ...spec.base, [field]: value }, field)
              expect(issue.message).toContain(f.label)
              expect(issue.message).toMatch(new RegExp(`between ${min} and ${max}`))
            }
          })
        }

        if (f.integer === true) {
          it('refuses a fraction', () => {
            const start = f.range?.[0] ?? 1
            expect(issueAt(id, { ...spec.base, [field]: start + 1.5 }, field).message).toContain('whole number')
          })
        }

        if (f.options !== undefined) {
          const options = f.options
          it(`accepts each of ${options.join(', ')}`, () => {
            for (const value of options) expect(accepts(id, { ...spec.base, [field]: value })[field]).toBe(value)
          })
          it('refuses a value outside the list, listing the allowed ones', () => {
            const outside = typeof options[0] === 'number' ? 99999 : 'not-an-option'
            const issue = issueAt(id, { ...spec.base, [field]: outside }, field)
            expect(issue.message).toContain(`${f.label} must be one of:`)
            for (const value of options) expect(issue.message).toContain(String(value))
          })
        }

        if (f.type === 'url') {
          it('accepts an https URL', () => {
            accepts(id, { ...spec.base, [field]: 'https://cdn.example.com/media/input.bin?x=1' })
          })
          it.each([
            'javascript:alert(document.cookie)',
            'file:///etc/passwd',
            'http://example.com/a.mp4',
            'data:text/html,<script>alert(1)</script>',
            'not a url',
          ])('refuses %s', (value) => {
            expect(issueAt(id, { ...spec.base, [field]: value }, field).message).toContain(f.label)
          })
          it(`${f.data === 'image' ? 'accepts' : 'refuses'} a data:image URI`, () => {
            const result = safeParseInput(id, { ...spec.base, [field]: PNG })
            expect(result.success).toBe(f.data === 'image')
          })
          it(`${f.data === 'video' ? 'accepts' : 'refuses'} a data:video URI`, () => {
            const result = safeParseInput(id, { ...spec.base, [field]: MP4 })
            expect(result.success).toBe(f.data === 'video')
          })
        }

        if (f.type !== 'array' && f.range === undefined && f.options === undefined && f.type !== 'url') {
          it('accepts a value of its type', () => {
            const value = valueFor(f)
            expect(accepts(id, { ...spec.base, [field]: value })[field]).toEqual(value)
          })
        }
      })
    }

    it('refuses an unknown parameter by name', () => {
      const issue = issueAt(id, { ...spec.base, colour_grade: 'teal' }, 'colour_grade')
      expect(issue.message).toContain('"colour_grade"')
    })
  })
}

for (const [id, spec] of Object.entries(documented)) {
  const form = readSchemaForm(models[id as ModelId].schema)
  if (form.kind !== 'fields') throw new Error(`${id} should be a plain object schema`)
  suite(id as ModelId, id, spec, form.fields)
}

const apixoForm = readSchemaForm(models['ltx-2-19b'].schema)
if (apixoForm.kind !== 'modes') throw new Error('ltx-2-19b should be a union of modes')

it('APIXO ltx-2-19b offers exactly the four documented modes', () => {
  expect(apixoForm.modes.map((m) => m.value)).toEqual(Object.keys(documentedApixo))
})

for (const [mode, spec] of Object.entries(documentedApixo)) {
  const fields = apixoForm.modes.find((m) => m.value === mode)?.fields ?? []
  suite('ltx-2-19b', `ltx-2-19b ${mode}`, spec, fields)
}
