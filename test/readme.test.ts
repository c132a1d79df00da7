import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateExample } from '../examples/validate-input'

const root = join(import.meta.dirname, '..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')

describe('README', () => {
  it.each([
    ['ts', 'examples/validate-input.ts'],
    ['tsx', 'examples/quick-start.tsx'],
    ['tsx', 'examples/studio.tsx'],
    ['tsx', 'examples/headless-progress.tsx'],
    ['ts', 'examples/next-route.ts'],
    ['tsx', 'test/examples/quick-start.test.tsx'],
  ])('shows %s file %s word for word (the suite runs it)', (lang, file) => {
    const example = readFileSync(join(root, file), 'utf8').trimEnd()
    expect(readme).toContain('```' + lang + '\n' + example + '\n```')
  })

  it('prints what the README says validate-input prints', () => {
    const output = validateExample().join('\n')
    expect(readme).toContain('```text\n' + output + '\n```')
  })

  it('gives the two quick-start commands that package.json defines', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
    expect(readme).toMatch(/^npm start\b/m)
    expect(readme).toMatch(/^npm run test:all\b/m)
    expect(scripts.start).toMatch(/storybook dev/)
    expect(scripts['test:all']).toBe('npm test && npm run test:browser && npm run test:react18')
    expect(scripts['test:react18']).toMatch(/test-react18/)
    expect(scripts.test).toMatch(/test:unit/)
  })
})
