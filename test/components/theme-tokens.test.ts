import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The theme contract of ltx-react/styles.css: every token the OS dark scheme changes is set
// again by both explicit themes, so data-ltx-theme wins over the OS in either direction.
const css = readFileSync(join(import.meta.dirname, '../../src/styles.css'), 'utf8')

function tokensIn(block: string): string[] {
  return [...block.matchAll(/(--ltx-[a-z-]+)\s*:/g)].map((m) => m[1] as string).sort()
}

function block(selector: string): string {
  const start = css.indexOf(selector)
  expect(start, selector).toBeGreaterThanOrEqual(0)
  let depth = 0
  for (let i = css.indexOf('{', start); i < css.length; i++) {
    if (css[i] === '{') depth++
    if (css[i] === '}' && --depth === 0) return css.slice(start, i + 1)
  }
  throw new Error(`unclosed ${selector}`)
}

describe('theme tokens', () => {
  const osDark = tokensIn(block('@media (prefers-color-scheme: dark)'))

  it('lets the OS dark scheme change the colours', () => {
    expect(osDark.length).toBeGreaterThanOrEqual(8)
  })

  it.each(["[data-ltx-theme='light']", "[data-ltx-theme='dark']"])('%s sets every token the OS scheme changes', (selector) => {
    expect(tokensIn(block(selector))).toEqual(expect.arrayContaining(osDark))
  })
})
