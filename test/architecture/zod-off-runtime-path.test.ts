import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// Issue 17: zod is paid for once, by an app that imports a model definition (its schema, for forms
// and browser-side checks). The runtime path (transports, job store, poller, hooks, JobProgress,
// VideoResult, SegmentPicker) reads replies and job references with plain checks and loads no
// zod at all: classic zod cannot be tree-shaken, so one import costs an app about 90 kB gzip.
// This follows the value imports (`import type` and re-exports are dropped from a bundle unless
// used) from every runtime module; the ZOD COUNTED rows of .size-limit.cjs measure the bundles.

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src')
const inFolder = (folder: string) => readdirSync(join(SRC, folder)).filter((f) => /\.tsx?$/.test(f)).map((f) => `${folder}/${f}`)

/** Modules that work on a model's schema, so they come with a model definition and its zod. */
const WITH_A_MODEL = new Set([
  // The zod schema of a JobRef, for apps that want one (readJobRef is the library's own reading).
  'core/job-ref-schema.ts',
  // The form reader behind ParameterForm: it walks a model's schema.
  'core/read-fields.ts',
  // useRetake checks a retake's input with the retake model's schema (its length depends on the source video).
  'hooks/use-retake.ts',
])

/** Modules an app loads without a model definition. */
const RUNTIME = [
  ...['core', 'providers', 'transport', 'hooks'].flatMap(inFolder).filter((f) => !WITH_A_MODEL.has(f)),
  'components/job-progress.tsx',
  'components/video-result.tsx',
  'components/segment-picker.tsx',
]

/** The specifiers of a module's value imports: `import … from`, not `import type`, not `export … from`. */
function valueImports(text: string): string[] {
  const found: string[] = []
  for (const match of text.matchAll(/^import\s+(type\s)?[\s\S]*?from\s+'([^']+)'/gm)) {
    if (match[1] === undefined && match[2] !== undefined) found.push(match[2])
  }
  for (const match of text.matchAll(/^import\s+'([^']+)'/gm)) if (match[1] !== undefined) found.push(match[1])
  return found
}

function resolveModule(from: string, specifier: string): string | undefined {
  const base = join(dirname(join(SRC, from)), specifier)
  const file = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(existsSync)
  return file === undefined ? undefined : relative(SRC, file)
}

/** Every module reached by value imports from `start`, each with the chain that reached it. */
function reach(start: string): Map<string, readonly string[]> {
  const seen = new Map<string, readonly string[]>([[start, [start]]])
  const queue = [start]
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const chain = seen.get(next) ?? []
    for (const specifier of valueImports(readFileSync(join(SRC, next), 'utf8'))) {
      if (!specifier.startsWith('.')) continue
      const module = resolveModule(next, specifier)
      if (module === undefined || seen.has(module)) continue
      seen.set(module, [...chain, module])
      queue.push(module)
    }
  }
  return seen
}

describe('zod off the runtime path (issue 17)', () => {
  it('finds the runtime modules it checks', () => {
    expect(RUNTIME).toContain('transport/http-transport.ts')
    expect(RUNTIME).toContain('hooks/use-video-job.ts')
    for (const file of RUNTIME) expect(existsSync(join(SRC, file)), file).toBe(true)
  })

  it.each(RUNTIME)('%s loads no zod, directly or through what it imports', (file) => {
    const loadsZod = [...reach(file)]
      .filter(([module]) => valueImports(readFileSync(join(SRC, module), 'utf8')).some((s) => s === 'zod' || s.startsWith('zod/')))
      .map(([, chain]) => chain.join(' → '))
    expect(loadsZod).toEqual([])
  })

  it('sees a value import of zod, and not a type-only one', () => {
    expect(valueImports("import { z } from 'zod'\nimport type { ZodType } from 'zod/v4'\nexport { a } from './a'")).toEqual(['zod'])
    expect(valueImports("import {\n  a,\n  b,\n} from './x'")).toEqual(['./x'])
  })
})
