// Bundle size: the size-limit checks of .size-limit.cjs (built dist/, gzip, peers excluded) and,
// measured the same way (size-limit's esbuild preset, minified, gzip), @fal-ai/client and
// replicate as reference points (bench/size-limit.reference.json). Needs `npm run build` first.
// Run: npx tsx bench/size.ts
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT, round, writeResult } from './lib/results'

const run = promisify(execFile)

export interface SizeRow {
  readonly name: string
  /** Bytes, minified and gzipped. */
  readonly size: number
  /** Bytes, or undefined for a figure without a budget. */
  readonly limit: number | undefined
  readonly passed: boolean | undefined
}

export interface SizeResult {
  readonly budgets: readonly SizeRow[]
  readonly references: readonly SizeRow[]
  /** Components not exported from dist/index.js yet (no figure). */
  readonly pending: readonly string[]
}

interface SizeLimitJson {
  name: string
  size: number
  passed?: boolean
  sizeLimit?: number
}

async function sizeLimit(args: string[]): Promise<{ rows: SizeLimitJson[]; stderr: string }> {
  const bin = join(ROOT, 'node_modules', 'size-limit', 'bin.js')
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, '--json', ...args], { cwd: ROOT, maxBuffer: 16 * 2 ** 20 })
    return { rows: JSON.parse(stdout) as SizeLimitJson[], stderr }
  } catch (error) {
    // Over budget: size-limit exits 1 but still prints its JSON.
    const failed = error as { stdout?: string; stderr?: string }
    if (failed.stdout !== undefined && failed.stdout.trim().startsWith('[')) {
      return { rows: JSON.parse(failed.stdout) as SizeLimitJson[], stderr: failed.stderr ?? '' }
    }
    throw error
  }
}

async function limits(): Promise<Map<string, number | undefined>> {
  // The budgets as written in .size-limit.cjs (size-limit's JSON gives only pass/fail).
  const { createRequire } = await import('node:module')
  const require = createRequire(import.meta.url)
  const checks = require(join(ROOT, '.size-limit.cjs')) as { name: string; limit?: string }[]
  const parse = (limit: string | undefined) => {
    if (limit === undefined) return undefined
    const match = /^([\d.]+)\s*(B|kB|KB|MB)$/.exec(limit.trim())
    if (match === null) return undefined
    const factor = match[2] === 'B' ? 1 : match[2] === 'MB' ? 1_000_000 : 1000
    return Number(match[1]) * factor
  }
  return new Map(checks.map((c) => [c.name, parse(c.limit)]))
}

export async function runSizeBench(): Promise<SizeResult> {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first')
  const budgets = await sizeLimit([])
  const references = await sizeLimit(['--config', 'bench/size-limit.reference.json'])
  const limitByName = await limits()
  const pending = /no figure for: (.*)/.exec(budgets.stderr)?.[1]?.split(', ') ?? []
  return {
    budgets: budgets.rows.map((r) => {
      const limit = limitByName.get(r.name)
      return { name: r.name, size: r.size, limit, passed: limit === undefined ? undefined : r.size <= limit }
    }),
    references: references.rows.map((r) => ({ name: r.name, size: r.size, limit: undefined, passed: undefined })),
    pending,
  }
}

/** size-limit's own unit: 1 kB = 1000 bytes. */
export function kB(bytes: number): string {
  return `${round(bytes / 1000, 2)} kB`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runSizeBench()
  writeResult('size', result)
  console.log('Bundle size (minified + gzip, peers excluded)')
  for (const row of result.budgets) {
    const budget = row.limit === undefined ? 'no budget' : `budget ${kB(row.limit)} ${row.passed === true ? 'OK' : 'OVER'}`
    console.log(`  ${row.name.padEnd(62)} ${kB(row.size).padStart(10)}   ${budget}`)
  }
  for (const row of result.references) console.log(`  ${row.name.padEnd(62)} ${kB(row.size).padStart(10)}   reference`)
  if (result.pending.length > 0) console.log(`  pending (not exported yet): ${result.pending.join(', ')}`)
}
