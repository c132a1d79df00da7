import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateExample } from '../examples/validate-input'

const root = join(import.meta.dirname, '..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')

describe('README', () => {
  it('shows examples/validate-input.ts word for word', () => {
    const example = readFileSync(join(root, 'examples/validate-input.ts'), 'utf8').trimEnd()
    expect(readme).toContain('```ts\n' + example + '\n```')
  })

  it('prints what the README says it prints', () => {
    const output = validateExample().join('\n')
    expect(readme).toContain('```text\n' + output + '\n```')
  })

  it('gives the two quick-start commands that package.json defines', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
    expect(readme).toMatch(/^npm start\b/m)
    expect(readme).toMatch(/^npm test\b/m)
    expect(scripts.start).toMatch(/storybook dev/)
    expect(scripts.test).toMatch(/test:unit/)
  })
})
