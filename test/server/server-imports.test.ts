import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// ltx-react/server runs on Node, edge runtimes and workers: no React, no DOM-only code, and no
// Node built-ins at run time (type imports of node:http are erased).

const dir = new URL('../../src/server/', import.meta.url)
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'))

describe('src/server', () => {
  it.each(files)('%s imports neither React, DOM code, the testing kit nor Node built-ins', (file) => {
    const source = readFileSync(new URL(file, dir), 'utf8')
    const imports = [...source.matchAll(/^import\s+(type\s+)?[^'"]*['"]([^'"]+)['"]/gm)].map((m) => ({ typeOnly: m[1] !== undefined, from: m[2] ?? '' }))
    for (const { typeOnly, from } of imports) {
      expect(from).not.toMatch(/^react|^react-dom|@tanstack\/react-query|\/(components|hooks|testing)\//)
      if (!typeOnly) expect(from, `${file} must not load ${from} at run time`).not.toMatch(/^node:/)
    }
    expect(source).not.toMatch(/\b(document|window|localStorage)\./)
  })
})
