// Bundle size: the size-limit checks of .size-limit.cjs (built dist/, gzip, peers excluded) and,
// measured the same way (size-limit's esbuild preset, minified, gzip), @fal-ai/client and
// replicate as reference points (bench/size-limit.reference.json). Also the "zod counted" rows
// of .size-limit.cjs (issue 17; off in `npm run size`, switched on here with
// LTX_SIZE_ZOD_COUNTED=1) with their targets, and for each of them which of dist/'s modules
// import zod into that bundle (esbuild metafile) and what of zod they use.
// Needs `npm run build` first. Run: npx tsx bench/size.ts
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
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

/** A module of dist/ that brings zod into a bundle, and why it is in that bundle. */
export interface ZodImporter {
  /** e.g. `dist/core/job.js` (its source is `src/core/job.ts`). */
  readonly module: string
  /** What it imports (`zod`, `zod/mini`, …). */
  readonly specifier: string
  /** The zod functions it calls (`z.object`, …), read from the module's text. */
  readonly uses: readonly string[]
  /** The shortest import chain from the bundle's entry to it, through modules that end up in the bundle. */
  readonly chain: readonly string[]
}

/** A "zod counted" row: its figure against its target, and where the zod in it comes from. */
export interface ZodCountedRow extends SizeRow {
  readonly import: string
  /** zod's share of the minified (not gzipped) bundle, bytes, and the whole bundle's. */
  readonly zodMinifiedBytes: number
  readonly bundleMinifiedBytes: number
  readonly importers: readonly ZodImporter[]
  /**
   * What the same zod functions cost from `zod/mini` (esbuild, minified, gzip): a floor for
   * this row once its importers move there (their other calls, e.g. methods, come on top).
   */
  readonly zodMiniGzipBytes: number | undefined
}

export interface SizeResult {
  readonly budgets: readonly SizeRow[]
  /** Issue 17's rows with zod counted, with their targets (enforced by `npm run size` once ENFORCE_ZOD_COUNTED is true). */
  readonly zodCounted: readonly ZodCountedRow[]
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

// The zod-counted rows of .size-limit.cjs are read and measured too (see its ZOD COUNTED block).
process.env.LTX_SIZE_ZOD_COUNTED = '1'
const isZodCounted = (name: string) => name.includes('zod counted')

async function sizeLimit(args: string[]): Promise<{ rows: SizeLimitJson[]; stderr: string }> {
  const bin = join(ROOT, 'node_modules', 'size-limit', 'bin.js')
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, '--json', ...args], { cwd: ROOT, maxBuffer: 16 * 2 ** 20, env: process.env })
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

interface Check {
  readonly name: string
  readonly limit?: string
  readonly import?: string
}

async function checks(): Promise<readonly Check[]> {
  const { createRequire } = await import('node:module')
  const require = createRequire(import.meta.url)
  return require(join(ROOT, '.size-limit.cjs')) as Check[]
}

async function limits(): Promise<Map<string, number | undefined>> {
  // The budgets as written in .size-limit.cjs (size-limit's JSON gives only pass/fail).
  const parse = (limit: string | undefined) => {
    if (limit === undefined) return undefined
    const match = /^([\d.]+)\s*(B|kB|KB|MB)$/.exec(limit.trim())
    if (match === null) return undefined
    const factor = match[2] === 'B' ? 1 : match[2] === 'MB' ? 1_000_000 : 1000
    return Number(match[1]) * factor
  }
  return new Map((await checks()).map((c) => [c.name, parse(c.limit)]))
}

interface Metafile {
  readonly inputs: Record<string, { readonly imports: readonly { readonly path: string; readonly original?: string }[] }>
  readonly outputs: Record<string, { readonly bytes: number; readonly inputs: Record<string, { readonly bytesInOutput: number }> }>
}

/** gzip size of zod/mini's `names` bundled alone (esbuild, minified, tree-shaken). */
async function zodMiniCost(names: readonly string[]): Promise<number | undefined> {
  if (names.length === 0) return 0
  const esbuild = await import('esbuild')
  const { gzipSync } = await import('node:zlib')
  try {
    const result = await esbuild.build({
      stdin: { contents: `import * as z from 'zod/mini'\nexport default [${names.join(', ')}]`, resolveDir: ROOT, loader: 'js' },
      bundle: true,
      write: false,
      minify: true,
      treeShaking: true,
      format: 'esm',
      logLevel: 'silent',
    })
    const text = result.outputFiles[0]?.contents
    return text === undefined ? undefined : gzipSync(text, { level: 9 }).byteLength
  } catch {
    // A name zod/mini does not have: no floor rather than a wrong one.
    return undefined
  }
}

/**
 * Bundle `imports` from dist/index.js as size-limit does (esbuild, minified, tree-shaken) with
 * zod counted, and read the metafile: zod's bytes, and the dist/ modules that import zod.
 */
async function zodImporters(imports: string): Promise<Pick<ZodCountedRow, 'zodMinifiedBytes' | 'bundleMinifiedBytes' | 'importers'>> {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    stdin: { contents: `export ${imports} from './dist/index.js'`, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    outfile: 'zod-counted.js',
    external: ['react', 'react-dom', '@tanstack/react-query', 'msw'],
    logLevel: 'silent',
  })
  const meta = result.metafile as unknown as Metafile
  const output = Object.values(meta.outputs)[0]
  if (output === undefined) throw new Error('esbuild wrote no output')
  const inBundle = new Set(Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([path]) => path))
  const isZod = (path: string) => path.includes('node_modules/zod/')
  const zodMinifiedBytes = Object.entries(output.inputs).reduce((n, [path, i]) => (isZod(path) ? n + i.bytesInOutput : n), 0)
  // Shortest chains from what the import names (the bundle's modules that no other module of it
  // imports: e.g. components/job-progress.js) to each importer, through modules in the bundle;
  // dist/index.js only re-exports, so it is not a step.
  const imported = new Set<string>()
  for (const path of inBundle) for (const { path: to } of meta.inputs[path]?.imports ?? []) if (to !== path) imported.add(to)
  const roots = [...inBundle].filter((path) => !isZod(path) && !imported.has(path))
  const previous = new Map<string, string | undefined>(roots.map((r) => [r, undefined]))
  const queue = [...roots]
  while (queue.length > 0) {
    const at = queue.shift() as string
    for (const { path } of meta.inputs[at]?.imports ?? []) {
      if (isZod(path) || previous.has(path) || !inBundle.has(path)) continue
      previous.set(path, at)
      queue.push(path)
    }
  }
  const chainTo = (path: string) => {
    const chain: string[] = []
    for (let at: string | undefined = path; at !== undefined; at = previous.get(at)) chain.unshift(at)
    return chain
  }
  const importers: ZodImporter[] = []
  for (const [path, input] of Object.entries(meta.inputs)) {
    if (isZod(path) || !inBundle.has(path)) continue
    const zodImports = input.imports.filter((i) => isZod(i.path))
    if (zodImports.length === 0) continue
    const text = readFileSync(join(ROOT, path), 'utf8')
    const uses = [...new Set([...text.matchAll(/\bz\.(\w+)/g)].map((m) => `z.${m[1]}`))].sort()
    importers.push({ module: path, specifier: [...new Set(zodImports.map((i) => i.original ?? i.path))].join(', '), uses, chain: chainTo(path) })
  }
  importers.sort((a, b) => a.module.localeCompare(b.module))
  return { zodMinifiedBytes, bundleMinifiedBytes: output.bytes, importers }
}

export async function runSizeBench(): Promise<SizeResult> {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first')
  const budgets = await sizeLimit([])
  const references = await sizeLimit(['--config', 'bench/size-limit.reference.json'])
  const limitByName = await limits()
  const importByName = new Map((await checks()).map((c) => [c.name, c.import ?? '*']))
  const pending = /no figure for: (.*)/.exec(budgets.stderr)?.[1]?.split(', ') ?? []
  const row = (r: SizeLimitJson): SizeRow => {
    const limit = limitByName.get(r.name)
    return { name: r.name, size: r.size, limit, passed: limit === undefined ? undefined : r.size <= limit }
  }
  const zodCounted: ZodCountedRow[] = []
  for (const r of budgets.rows.filter((x) => isZodCounted(x.name))) {
    const imports = importByName.get(r.name) ?? '*'
    const found = await zodImporters(imports)
    const names = [...new Set(found.importers.flatMap((i) => i.uses))]
    zodCounted.push({ ...row(r), import: imports, ...found, zodMiniGzipBytes: await zodMiniCost(names) })
  }
  return {
    budgets: budgets.rows.filter((r) => !isZodCounted(r.name)).map(row),
    zodCounted,
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
  for (const row of result.zodCounted) {
    console.log(`  ${row.name.padEnd(62)} ${kB(row.size).padStart(10)}   target ${row.limit === undefined ? '–' : kB(row.limit)} ${row.passed === true ? 'met' : 'NOT met'}`)
    console.log(`    zod is ${kB(row.zodMinifiedBytes)} of ${kB(row.bundleMinifiedBytes)} minified; the same functions from zod/mini: ${row.zodMiniGzipBytes === undefined ? 'n/a' : kB(row.zodMiniGzipBytes)} gzip; brought in by:${row.importers.length === 0 ? ' nothing' : ''}`)
    for (const i of row.importers) console.log(`      ${i.module} (import from '${i.specifier}'; uses ${i.uses.join(', ') || 'types only'}) via ${i.chain.join(' → ')}`)
  }
  for (const row of result.references) console.log(`  ${row.name.padEnd(62)} ${kB(row.size).padStart(10)}   reference`)
  if (result.pending.length > 0) console.log(`  pending (not exported yet): ${result.pending.join(', ')}`)
}
