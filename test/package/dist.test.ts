import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

// What an app gets from `npm install ltx-react`: the files the exports map names, in the
// shape Node, bundlers and Next.js expect. Runs against dist/ after `npm run build`.

const root = join(import.meta.dirname, '..', '..')
const dist = join(root, 'dist')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; import: string }>
  peerDependencies: Record<string, string>
  dependencies?: Record<string, string>
  sideEffects: string[]
}

/** Every entry with types of its own: dist/<entry>.js and dist/<entry>.d.ts. */
const ENTRIES = ['index', 'server', 'testing', 'testing-msw'] as const

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

beforeAll(() => {
  if (!existsSync(join(dist, 'index.js'))) throw new Error('dist/ is missing: run `npm run build` before `npm run test:package`.')
})

describe('the built package', () => {
  it('has every file the exports map names, with bundled types for each entry', () => {
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (entry === './package.json') continue
      const files = typeof target === 'string' ? [target] : [target.types, target.import]
      for (const file of files) expect(existsSync(join(root, file)), `${entry} → ${file}`).toBe(true)
    }
    const types = readFileSync(join(dist, 'index.d.ts'), 'utf8')
    expect(types).toMatch(/export declare function parseInput/)
    // Bundled: no declaration imports a sibling .d.ts that is not shipped.
    for (const entry of ENTRIES) {
      const dts = readFileSync(join(dist, `${entry}.d.ts`), 'utf8')
      expect(dts, `${entry}.d.ts`).not.toMatch(/from ['"]\.\.?\//)
    }
  })

  it('documents every public declaration with TSDoc', () => {
    for (const entry of ENTRIES) {
      const lines = readFileSync(join(dist, `${entry}.d.ts`), 'utf8').split('\n')
      const undocumented = lines.flatMap((line, index) => {
        const match = /^(?:export )?declare (?:function|const|class|type|interface|enum) (\w+)|^export (?:type|interface) (\w+)/.exec(line)
        if (match === null) return []
        let before = index - 1
        while (before >= 0 && (lines[before] ?? '').trim() === '') before--
        return (lines[before] ?? '').trim().endsWith('*/') ? [] : [match[1] ?? match[2]]
      })
      expect(undocumented, `${entry}.d.ts`).toEqual([])
    }
  })

  it('keeps the testing entry’s types small: under 20 kB, no base64 clip in them', () => {
    const dts = readFileSync(join(dist, 'testing.d.ts'), 'utf8')
    expect(Buffer.byteLength(dts)).toBeLessThan(20 * 1024)
    expect(dts).not.toMatch(/[A-Za-z0-9+/]{200,}/)
    // msw's types belong to ltx-react/testing/msw only.
    expect(dts).not.toMatch(/from ['"]msw/)
  })

  it('links no file from TSDoc that the package does not ship', () => {
    const shipped = new Set(['README.md', 'LICENSE'])
    for (const entry of ENTRIES) {
      const dts = readFileSync(join(dist, `${entry}.d.ts`), 'utf8')
      const files = [...dts.matchAll(/(?:\.{1,2}\/|\bshared\/)[\w./-]+|[\w./-]+\.md\b/g)].map((match) => match[0])
      expect(files.filter((file) => !shipped.has(file)), `${entry}.d.ts`).toEqual([])
    }
  })

  it('works when imported by Node from dist, as an app would', async () => {
    const lib = (await import(join(dist, 'index.js'))) as typeof import('../../src/index')
    expect(lib.parseInput('ltx-2-fast', { prompt: 'waves' })).toMatchObject({ duration: 8, resolution: '2k' })
    expect(() => lib.parseInput('ltx-video', { prompt: 'x', length: 98 })).toThrowError(lib.LtxError)
    const server = (await import(join(dist, 'server.js'))) as typeof import('../../src/server')
    expect(server.isModelId('ltx-2-19b')).toBe(true)
  })

  it("keeps 'use client' exactly on the modules whose source has it", () => {
    const jsFiles = walk(dist).filter((file) => file.endsWith('.js'))
    expect(jsFiles.length).toBeGreaterThan(5)
    for (const file of jsFiles) {
      const rel = relative(dist, file).replace(/\.js$/, '')
      const source = ['.ts', '.tsx'].map((ext) => join(root, 'src', rel + ext)).find((candidate) => existsSync(candidate))
      if (source === undefined) continue
      const wantsClient = /^\s*['"]use client['"]/.test(readFileSync(source, 'utf8'))
      const hasClient = /^\s*['"]use client['"]/.test(readFileSync(file, 'utf8'))
      expect(hasClient, rel).toBe(wantsClient)
    }
    // Models and core stay importable from React Server Components.
    for (const file of jsFiles.filter((f) => /[/\\](models|core)[/\\]/.test(f))) {
      expect(readFileSync(file, 'utf8'), relative(dist, file)).not.toMatch(/['"]use client['"]/)
    }
  })

  it('never bundles a peer and has no runtime dependencies', () => {
    expect(pkg.dependencies ?? {}).toEqual({})
    for (const file of walk(dist).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8')
      // A bundled copy of zod or React would carry their internals, not an import.
      expect(code, relative(dist, file)).not.toMatch(/\$ZodType|__SECRET_INTERNALS|react\.production/)
    }
  })

  it('keeps the model schemas and validators off the runtime path (hooks and transports)', () => {
    const staticGraph = (start: string): Set<string> => {
      const seen = new Set<string>()
      const visit = (file: string) => {
        if (seen.has(file)) return
        seen.add(file)
        const code = readFileSync(file, 'utf8')
        // No lazy chunk either: an app pays for a model's schema only by importing its definition.
        expect(code, relative(dist, file)).not.toMatch(/\bimport\(/)
        for (const match of code.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]/gm)) {
          visit(join(file, '..', match[1] as string))
        }
      }
      visit(start)
      return seen
    }
    for (const start of ['hooks/use-video-job.js', 'transport/create-segmind-transport.js', 'transport/create-apixo-transport.js']) {
      const reached = [...staticGraph(join(dist, start))].map((file) => relative(dist, file))
      expect(reached.length, start).toBeGreaterThan(3)
      expect(
        reached.filter((file) => /models\/(registry|parse-input|define-model|fields|to-field-issues|unwrap-schema|field-at|(?!ltx-error\b)(ltx|apixo)-[\w-]+)\.js$|core\/read-fields/.test(file)),
        start,
      ).toEqual([])
    }
  })

  it('keeps the server entry free of React and DOM code', () => {
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const code = readFileSync(file, 'utf8')
      for (const match of code.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
        const spec = match[1] as string
        expect(spec, `${relative(dist, file)} imports ${spec}`).not.toMatch(/^react(-dom)?(\/|$)|^@tanstack\/react-query/)
        if (spec.startsWith('.')) visit(join(file, '..', spec))
      }
    }
    visit(join(dist, 'server.js'))
    expect(seen.size).toBeGreaterThan(1)
  })

  it('ships nothing of the development setup (no msw worker, no stories)', () => {
    const files = walk(dist).map((file) => relative(dist, file))
    expect(files.filter((file) => /mockServiceWorker|stories|\.test\./.test(file))).toEqual([])
  })

  it('ships the stylesheet, marked as the only side effect', () => {
    expect(pkg.sideEffects).toEqual(['**/*.css'])
    expect(readFileSync(join(dist, 'styles.css'), 'utf8')).toMatch(/--ltx-color-accent/)
  })
})
