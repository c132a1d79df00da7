import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// The direction of imports (ARCHITECTURE.md): models → core → providers → transport → hooks →
// components, with server and testing beside them. "A → B" means B may import A, never the
// reverse. Every import counts: `import type`, `export … from`, dynamic `import()` and
// `import('…').T` in a type, because a type-only edge still ties two folders together.

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src')

/** The stack, bottom first: each folder may import the ones before it (and itself). */
const STACK = ['models', 'core', 'providers', 'transport', 'hooks', 'components'] as const
/** Folders beside the stack, and what they may import. */
const BESIDE = {
  server: ['models', 'core', 'providers', 'server'],
  testing: ['models', 'core', 'providers', 'testing'],
} as const
/** The entry points (src/*.ts): re-exports of the folders their runtime may load. */
const ENTRIES: Readonly<Record<string, readonly string[]>> = {
  'index.ts': STACK,
  'server.ts': BESIDE.server,
  // ltx-react/testing and any sub-entry of it (ltx-react/testing/msw).
  testing: BESIDE.testing,
}

type Folder = (typeof STACK)[number] | keyof typeof BESIDE

/**
 * Imports that break the direction today, in folders another pass owns. Each entry is
 * `from → to`; remove it when its import is gone (the test fails on a stale entry, so the list
 * only ever shrinks). Never add to it: fix the import instead.
 */
const ALLOWED_VIOLATIONS: readonly string[] = [
  // The simulator's Node server reuses the proxy's Node adapter (a lazy import). Move
  // toNodeHandler's request/response bridging below both (or give the simulator its own).
  'testing/start-simulator-server.ts → server/to-node-handler.ts',
]

/** What each folder may load from npm: framework-free layers never load React. */
const NO_REACT: readonly Folder[] = ['models', 'core', 'providers', 'transport', 'server']
const REACT = /^(react|react-dom|@tanstack\/react-query)(\/|$)/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** The value of a `const name = '…'` declared anywhere in `source`, when there is exactly one. */
function constantString(source: ts.SourceFile, name: string): string | undefined {
  const values: string[] = []
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclarationList(node) &&
      (node.flags & ts.NodeFlags.Const) !== 0
    ) {
      for (const declaration of node.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer && ts.isStringLiteralLike(declaration.initializer)) {
          values.push(declaration.initializer.text)
        }
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return values.length === 1 ? values[0] : undefined
}

/** Every module specifier a file names, type-only and dynamic ones included. */
export function importsOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text)
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression
      if (ts.isStringLiteral(expression)) found.push(expression.text)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments
      // A name bound to a string constant in this file (a specifier hidden from bundlers, such
      // as `const nodeHttp = 'node:http'`) is read as that string; any other computed specifier
      // cannot be checked: refuse it, so every edge stays visible.
      const literal = first !== undefined && ts.isIdentifier(first) ? constantString(source, first.text) : undefined
      found.push(first !== undefined && ts.isStringLiteralLike(first) ? first.text : (literal ?? '<computed import()>'))
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier)
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((path) => {
    try {
      return statSync(path).isFile()
    } catch {
      return false
    }
  })
}

/** The folder of a file under src/, or its entry rule for a file at the top. */
function folderOf(path: string): string {
  const [first, ...rest] = relative(SRC, path).split('/')
  return rest.length === 0 ? `entry:${first}` : (first ?? '')
}

function allowedFrom(folder: string): readonly string[] | undefined {
  if (folder.startsWith('entry:')) {
    const name = folder.slice('entry:'.length)
    return ENTRIES[name] ?? (name.startsWith('testing') ? ENTRIES.testing : undefined)
  }
  const index = STACK.indexOf(folder as (typeof STACK)[number])
  if (index >= 0) return STACK.slice(0, index + 1)
  return (BESIDE as Readonly<Record<string, readonly string[]>>)[folder]
}

interface Edge {
  readonly from: string
  readonly to: string
}

/** The graph of src/: every file, its internal edges, its npm imports, and what could not be resolved. */
export function readGraph(files: readonly string[], read: (path: string) => string = (path) => readFileSync(path, 'utf8')) {
  const edges: Edge[] = []
  const packages: { from: string; name: string }[] = []
  const unresolved: string[] = []
  for (const file of files) {
    for (const specifier of importsOf(file, read(file))) {
      if (!specifier.startsWith('.')) {
        if (specifier.startsWith('<')) unresolved.push(`${relative(SRC, file)}: ${specifier}`)
        else packages.push({ from: file, name: specifier })
        continue
      }
      const to = resolveImport(file, specifier)
      if (to === undefined) {
        // A CSS or asset import is not code; anything else must resolve.
        if (!/\.(css|mp4|json)(\?.*)?$/.test(specifier)) unresolved.push(`${relative(SRC, file)}: ${specifier}`)
        continue
      }
      if (to.startsWith(SRC)) edges.push({ from: file, to })
    }
  }
  return { edges, packages, unresolved }
}

/** Each import that goes against the direction, as `from → to` relative to src/. */
export function layerViolations(edges: readonly Edge[]): string[] {
  return edges.flatMap(({ from, to }) => {
    const source = folderOf(from)
    const target = folderOf(to)
    const allowed = allowedFrom(source)
    const ok = allowed !== undefined && !target.startsWith('entry:') && allowed.includes(target)
    return ok ? [] : [`${relative(SRC, from)} → ${relative(SRC, to)}`]
  })
}

/** The import cycles between files (strongly connected components of more than one file, or a file importing itself). */
export function importCycles(files: readonly string[], edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>(files.map((file) => [file, []]))
  for (const { from, to } of edges) next.get(from)?.push(to)
  // Tarjan's algorithm, iterative enough for a source tree (recursion depth = longest import chain).
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const connect = (node: string): void => {
    index.set(node, counter)
    low.set(node, counter)
    counter += 1
    stack.push(node)
    onStack.add(node)
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        connect(target)
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0))
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0))
      }
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string | undefined
    do {
      member = stack.pop()
      if (member === undefined) break
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1 || (next.get(node) ?? []).includes(node)) cycles.push(component.map((f) => relative(SRC, f)).sort())
  }
  for (const file of files) if (!index.has(file)) connect(file)
  return cycles
}

const files = sourceFiles(SRC)
const graph = readGraph(files)

describe('the layering of src/', () => {
  it('finds the source tree and its imports', () => {
    // A broken reader must not pass by seeing nothing.
    expect(files.length).toBeGreaterThan(50)
    expect(graph.edges.length).toBeGreaterThan(100)
    expect(graph.unresolved).toEqual([])
  })

  it('knows every folder and entry point', () => {
    const unknown = [...new Set(files.map(folderOf))].filter((folder) => allowedFrom(folder) === undefined)
    expect(unknown, 'add the folder to STACK or BESIDE (and to ARCHITECTURE.md)').toEqual([])
  })

  it('imports only downwards: models → core → providers → transport → hooks → components; server and testing beside', () => {
    const violations = layerViolations(graph.edges)
    expect(violations.filter((v) => !ALLOWED_VIOLATIONS.includes(v))).toEqual([])
  })

  it('keeps the allow-list of known violations free of entries that no longer happen', () => {
    const violations = layerViolations(graph.edges)
    expect(ALLOWED_VIOLATIONS.filter((v) => !violations.includes(v))).toEqual([])
  })

  it('has no import cycle between files, type-only imports included', () => {
    expect(importCycles(files, graph.edges)).toEqual([])
  })

  it('never loads React from the framework-free folders', () => {
    const offending = graph.packages
      .filter(({ from, name }) => NO_REACT.includes(folderOf(from) as Folder) && REACT.test(name))
      .map(({ from, name }) => `${relative(SRC, from)} → ${name}`)
    expect(offending).toEqual([])
  })
})

describe('the layering checker itself', () => {
  const at = (path: string) => join(SRC, path)

  it('sees every kind of import', () => {
    const text = [
      "import type { A } from './a'",
      "import { B } from './b'",
      "export { C } from './c'",
      "export * from './d'",
      "const e = () => import('./e')",
      "type F = import('./f').F",
      "import './g'",
    ].join('\n')
    expect(importsOf('x.ts', text)).toEqual(['./a', './b', './c', './d', './e', './f', './g'])
  })

  it('reads a specifier held in a string constant, and refuses one it cannot know', () => {
    const hidden = "const where = '../server/x'\nexport const load = () => import(/* @vite-ignore */ where)"
    expect(importsOf('x.ts', hidden)).toEqual(['../server/x'])
    expect(importsOf('x.ts', 'export const load = (where: string) => import(where)')).toEqual(['<computed import()>'])
    expect(importsOf('x.ts', "let where = './a'\nexport const load = () => import(where)")).toEqual(['<computed import()>'])
  })

  it('refuses an import against the direction, a type-only one included, and allows one along it', () => {
    expect(layerViolations([{ from: at('models/registry.ts'), to: at('core/job.ts') }])).toEqual(['models/registry.ts → core/job.ts'])
    expect(layerViolations([{ from: at('core/job.ts'), to: at('hooks/ltx-keys.ts') }])).toHaveLength(1)
    expect(layerViolations([{ from: at('server/proxy-reply.ts'), to: at('transport/send-request.ts') }])).toHaveLength(1)
    expect(layerViolations([{ from: at('server/proxy-reply.ts'), to: at('testing/simulator-types.ts') }])).toHaveLength(1)
    expect(layerViolations([{ from: at('components/x.ts'), to: at('index.ts') }])).toHaveLength(1)
    expect(layerViolations([{ from: at('hooks/x.ts'), to: at('core/job.ts') }])).toEqual([])
    expect(layerViolations([{ from: at('server/x.ts'), to: at('providers/x.ts') }])).toEqual([])
    expect(layerViolations([{ from: at('server.ts'), to: at('components/x.ts') }])).toHaveLength(1)
  })

  it('finds a cycle of two files and of one file importing itself', () => {
    const [a, b, c] = [at('core/a.ts'), at('core/b.ts'), at('core/c.ts')]
    expect(importCycles([a, b, c], [{ from: a, to: b }, { from: b, to: a }, { from: c, to: c }, { from: a, to: c }])).toEqual([
      ['core/c.ts'],
      ['core/a.ts', 'core/b.ts'],
    ])
  })
})
