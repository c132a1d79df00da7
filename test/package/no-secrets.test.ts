import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// No API key and no provider auth header may reach a browser: not in the browser entry of the
// built package (dist/index.js and every module it imports), not in the Storybook build, not in
// the example app's client build. The server and testing entries legitimately name the headers
// (the proxy sets them, the simulator checks them), so they are out of scope here, except where
// Storybook bundles the simulator to stand in for the proxy, as narrowly allowed below.
//
// Needs, in this order: `npm run build`, `npm run build:storybook`,
// `npx vite build --config examples/demo/vite.config.ts`, `node scripts/next-example.mjs build`.

const root = join(import.meta.dirname, '..', '..')
const SIMULATOR_KEY_VALUES = ['sim-segmind-key', 'sim-apixo-key'] as const
const KEY_ENV_NAMES = ['SEGMIND_API_KEY', 'APIXO_API_KEY'] as const

interface Finding {
  readonly rule: string
  readonly excerpt: string
}

function excerpt(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - 60), index + length + 60).replace(/\s+/g, ' ')
}

function findAll(text: string, pattern: RegExp, rule: string): Finding[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`
  return [...text.matchAll(new RegExp(pattern.source, flags))].map((m) => ({ rule, excerpt: excerpt(text, m.index, m[0].length) }))
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Real key values from this machine's environment, when set: they must appear nowhere. */
const envKeyValues = KEY_ENV_NAMES.map((name) => process.env[name]?.trim() ?? '').filter((value) => value.length >= 8)

/** What looks like a key or a key being sent, in any browser file. */
function keyShapes(text: string): Finding[] {
  return [
    ...envKeyValues.flatMap((value) => findAll(text, new RegExp(escape(value)), 'the value of SEGMIND_API_KEY / APIXO_API_KEY')),
    // Segmind keys are SG_ and hex; the usual sk-/pk- live and project keys.
    ...findAll(text, /\bSG_[0-9a-f]{12,}\b/i, 'a Segmind-style key (SG_…)'),
    ...findAll(text, /\b(?:sk|pk|rk)[-_](?:live[-_]|test[-_]|proj[-_])?[A-Za-z0-9]{20,}\b/, 'an sk-/pk- style key'),
    ...findAll(text, /\bBearer\s+[A-Za-z0-9._~+/-]{12,}=*/, 'a literal bearer token'),
    ...findAll(text, /\bapi[_-]?key["'`]?\s*[:=]\s*["'`][^"'`\s]{4,}["'`]/i, 'a literal assigned to an apiKey'),
    // Bundlers inline public-prefixed env variables into client code; a key must never be one.
    ...findAll(text, /\b(?:VITE|NEXT_PUBLIC|PUBLIC|REACT_APP|STORYBOOK)_(?:SEGMIND|APIXO)_API_KEY\b/, 'a client-exposed key variable'),
    ...findAll(text, /\benv\s*(?:\.\s*|\[\s*["'`])(?:SEGMIND|APIXO)_API_KEY\b/, 'the key read from env in client code'),
  ]
}

/** Browser code that is not the simulator: no provider auth header, no simulator key, no key env name at all. */
function strictFindings(text: string): Finding[] {
  return [
    ...keyShapes(text),
    ...findAll(text, /x-api-key/i, 'the Segmind auth header (x-api-key)'),
    ...findAll(text, /\bBearer\b/, 'an Authorization: Bearer header'),
    ...SIMULATOR_KEY_VALUES.flatMap((value) => findAll(text, new RegExp(escape(value)), `a simulator key (${value})`)),
    ...KEY_ENV_NAMES.flatMap((name) => findAll(text, new RegExp(`\\b${name}\\b`), `the key variable name ${name}`)),
  ]
}

// Storybook serves the simulator in the browser (msw) in place of the proxy. Its public default
// keys and the checks that read the headers of an incoming request come with it; those exact
// forms are removed before the strict rules run. Anything that SETS a header, or a key
// anywhere else, still fails.
const SIMULATOR_ALLOWANCES: readonly RegExp[] = [
  // SIMULATOR_KEYS = Object.freeze({ segmind: 'sim-segmind-key', apixo: 'sim-apixo-key' })
  /\{\s*segmind\s*:\s*(["'`])sim-segmind-key\1\s*,\s*apixo\s*:\s*(["'`])sim-apixo-key\2\s*\}/g,
  // headers.get('x-api-key') === keys.segmind
  /\.get\(\s*(["'`])x-api-key\1\s*\)/gi,
  // headers.get('authorization') === `Bearer ${keys.apixo}`
  /===\s*`Bearer \$\{[\w$.]+\}`/g,
]

function storybookFindings(text: string): Finding[] {
  let rest = text
  for (const allowed of SIMULATOR_ALLOWANCES) rest = rest.replace(allowed, ' ')
  // Prose in docs pages may name the variables; only reading them (keyShapes) is refused there.
  return strictFindings(rest).filter((finding) => !finding.rule.startsWith('the key variable name'))
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

const TEXT = /\.(?:m?js|cjs|html|css|json|svg|txt|map)$/

/** dist/index.js and every module it reaches through relative imports: what a browser loads. */
function browserGraph(entry: string): string[] {
  const seen = new Set<string>()
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.pop() as string
    if (seen.has(file)) continue
    seen.add(file)
    const code = readFileSync(file, 'utf8')
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = resolve(dirname(file), match[1] as string)
      if (existsSync(target)) queue.push(target)
    }
  }
  return [...seen]
}

function requireFolder(path: string, step: string): void {
  if (!existsSync(path)) throw new Error(`${relative(root, path)} is missing: run \`${step}\` before \`npm run test:package\`.`)
}

function report(files: readonly string[], check: (text: string) => Finding[]): string[] {
  return files.flatMap((file) => check(readFileSync(file, 'utf8')).map((f) => `${relative(root, file)}: ${f.rule}: …${f.excerpt}…`))
}

describe('no key and no provider auth header reaches a browser', () => {
  it('catches what it is meant to catch', () => {
    const rules = (text: string) => strictFindings(text).map((f) => f.rule)
    expect(rules(`fetch(u, { headers: { 'x-api-key': key } })`)).toContain('the Segmind auth header (x-api-key)')
    expect(rules('h.set("Authorization", `Bearer ${token}`)')).toContain('an Authorization: Bearer header')
    expect(rules(`const k = "SG_0123456789abcdef01"`)).toContain('a Segmind-style key (SG_…)')
    expect(rules(`{apiKey:"sk-proj-abcdefghijklmnopqrstuv"}`)).toContain('a literal assigned to an apiKey')
    expect(rules(`const k = import.meta.env.VITE_SEGMIND_API_KEY`)).toContain('a client-exposed key variable')
    expect(rules(`const k = process.env.APIXO_API_KEY`)).toContain('the key read from env in client code')
    expect(rules(`keys:{segmind:"sim-segmind-key"}`)).toContain('a simulator key (sim-segmind-key)')
    // The simulator's own defaults and header checks pass in Storybook; a header being set does not.
    const simulator = 'a=Object.freeze({segmind:`sim-segmind-key`,apixo:`sim-apixo-key`});t.get(`x-api-key`)===a.segmind;t.get(`authorization`)===`Bearer ${a.apixo}`'
    expect(storybookFindings(simulator)).toEqual([])
    expect(storybookFindings(`${simulator};fetch(u,{headers:{"x-api-key":a.segmind}})`).map((f) => f.rule)).toContain(
      'the Segmind auth header (x-api-key)',
    )
  })

  it('in the browser entry of the built package (dist/index.js and its imports)', () => {
    const dist = join(root, 'dist')
    requireFolder(join(dist, 'index.js'), 'npm run build')
    const files = browserGraph(join(dist, 'index.js'))
    const names = files.map((file) => relative(dist, file))
    expect(names.length).toBeGreaterThan(20)
    // The browser entry never reaches the proxy or the simulator.
    expect(names.filter((name) => name.startsWith('server') || name.startsWith('testing'))).toEqual([])
    expect(report([...files, join(dist, 'styles.css')], strictFindings)).toEqual([])
  })

  it('in the Storybook build (storybook-static)', () => {
    const dir = join(root, 'storybook-static')
    requireFolder(join(dir, 'index.html'), 'npm run build:storybook')
    const files = walk(dir).filter((file) => TEXT.test(file))
    expect(files.length).toBeGreaterThan(5)
    expect(report(files, storybookFindings)).toEqual([])
  })

  it("in the example app's client build (examples/demo/dist)", () => {
    const dir = join(root, 'examples', 'demo', 'dist')
    requireFolder(join(dir, 'index.html'), 'npx vite build --config examples/demo/vite.config.ts')
    const files = walk(dir).filter((file) => TEXT.test(file))
    expect(files.some((file) => file.endsWith('.js'))).toBe(true)
    expect(report(files, strictFindings)).toEqual([])
  })

  it("in the Next.js example's browser files (examples/next/.next/static)", () => {
    const dir = join(root, 'examples', 'next', '.next', 'static')
    requireFolder(dir, 'node scripts/next-example.mjs build')
    const files = walk(dir).filter((file) => TEXT.test(file))
    expect(files.filter((file) => file.endsWith('.js')).length).toBeGreaterThan(3)
    expect(report(files, strictFindings)).toEqual([])
  })
})
