import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateExample } from '../examples/validate-input'

// Every code block of the README is something the suite runs or builds, shown word for word: a
// file (and the test or build that exercises it), the output of one, an install line checked
// against the Next.js example's package.json, or commands that package.json defines.

const root = join(import.meta.dirname, '..')
const read = (file: string) => readFileSync(join(root, file), 'utf8')
const readme = read('README.md')
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; peerDependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional?: boolean }> }
const nextApp = JSON.parse(read('examples/next/package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> }

/** A file the README shows, and the file that runs or builds it (which names it: `needle`). */
const SHOWN: readonly { file: string; lang: 'ts' | 'tsx'; by: string; needle: string }[] = [
  { file: 'examples/next/app/api/ltx/[...path]/route.ts', lang: 'ts', by: 'test/examples/next-route.test.ts', needle: 'app/api/ltx/[...path]/route' },
  { file: 'examples/next/app/sign-in.ts', lang: 'ts', by: 'examples/next/app/page.tsx', needle: "from './sign-in'" },
  { file: 'examples/next/app/providers.tsx', lang: 'tsx', by: 'examples/next/test/studio.test.tsx', needle: "from '../app/providers'" },
  { file: 'examples/next/app/studio.tsx', lang: 'tsx', by: 'examples/next/test/studio.test.tsx', needle: "from '../app/studio'" },
  // next build compiles every file of app/ (and the e2e test serves the page).
  { file: 'examples/next/app/page.tsx', lang: 'tsx', by: 'scripts/next-example.mjs', needle: "['build']" },
  // The app's own vitest run: its config, and the tests it finds (test/*.test.tsx).
  { file: 'examples/next/vitest.config.ts', lang: 'ts', by: 'scripts/next-example.mjs', needle: "'vitest'" },
  { file: 'examples/next/vitest.setup.ts', lang: 'ts', by: 'examples/next/vitest.config.ts', needle: './vitest.setup.ts' },
  { file: 'examples/next/test/studio.test.tsx', lang: 'tsx', by: 'scripts/next-example.mjs', needle: "'vitest'" },
  { file: 'examples/quick-start.tsx', lang: 'tsx', by: 'test/examples/quick-start.test.tsx', needle: 'examples/quick-start' },
  { file: 'examples/studio.tsx', lang: 'tsx', by: 'test/examples/studio.test.tsx', needle: 'examples/studio' },
  { file: 'examples/headless-progress.tsx', lang: 'tsx', by: 'test/examples/headless-progress.test.tsx', needle: 'examples/headless-progress' },
  { file: 'examples/push-in-the-browser.tsx', lang: 'tsx', by: 'test/examples/push-in-the-browser.test.tsx', needle: 'examples/push-in-the-browser' },
  { file: 'examples/validate-input.ts', lang: 'ts', by: 'test/readme.test.ts', needle: 'examples/validate-input' },
  { file: 'examples/ledger/node-server.ts', lang: 'ts', by: 'test/server/ledger/readme-node-server.test.ts', needle: 'examples/ledger/node-server' },
  { file: 'test/examples/quick-start.test.tsx', lang: 'tsx', by: 'vitest.config.ts', needle: "'test/**/*.test.{ts,tsx}'" },
]

const blocks = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)\n```$/gm)].map((match) => ({ lang: match[1] ?? '', code: match[2] ?? '' }))
const stripped = (file: string) => read(file).trimEnd()
const majorOf = (range: string | undefined) => /(\d+)/.exec(range ?? '')?.[1]

/** The packages an `npm install` line names, with the major version it asks for, if any. */
function installLine(code: string, flag: string): Map<string, string | undefined> {
  const line = code.split('\n').find((l) => l.startsWith(`npm install ${flag}`.trimEnd() + ' '))
  const names = (line ?? '').split(/\s+/).slice(flag === '' ? 2 : 3)
  return new Map(names.map((spec) => {
    const at = spec.lastIndexOf('@')
    return at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined]
  }))
}

describe('README', () => {
  it.each(SHOWN)('shows $file word for word (run by $by)', ({ file, lang, by, needle }) => {
    expect(readme).toContain('```' + lang + '\n' + stripped(file) + '\n```')
    expect(read(by), `${by} should run or build ${file}`).toContain(needle)
  })

  it('has no code block the suite does not run, build or check', () => {
    const known = (block: { lang: string; code: string }) =>
      SHOWN.some(({ file, lang }) => lang === block.lang && stripped(file) === block.code) ||
      (block.lang === 'text' && block.code === validateExample().join('\n')) ||
      (block.lang === 'sh' && /^npm (start|run |install )/.test(block.code))
    const unknown = blocks.filter((block) => !known(block)).map((block) => `\`\`\`${block.lang}\n${block.code.slice(0, 120)}…`)
    expect(unknown).toEqual([])
    expect(blocks.length).toBeGreaterThanOrEqual(SHOWN.length + 4)
  })

  it('prints what the README says validate-input prints', () => {
    const output = validateExample().join('\n')
    expect(readme).toContain('```text\n' + output + '\n```')
  })

  it('gives quick-start commands that package.json defines, and test:all runs every stage', () => {
    const commands = blocks.filter((b) => b.lang === 'sh' && !b.code.startsWith('npm install')).flatMap((b) => b.code.split('\n'))
    expect(commands.length).toBeGreaterThanOrEqual(2)
    for (const line of commands) {
      const script = /^npm (?:run )?([\w:-]+)/.exec(line)?.[1] ?? ''
      expect(pkg.scripts[script], line).toBeDefined()
    }
    expect(readme).toMatch(/^npm start\b/m)
    expect(readme).toMatch(/^npm run test:all\b/m)
    expect(pkg.scripts.start).toMatch(/storybook dev/)
    expect(pkg.scripts['test:all']).toBe('node scripts/run-stages.mjs all')
    expect(pkg.scripts.test).toBe('node scripts/run-stages.mjs test')
    const stages = read('scripts/run-stages.mjs')
    for (const step of ['stage.unit', 'stage.nextBuild', 'stage.nextTest', 'stage.package', 'stage.stories', 'stage.e2e', 'stage.react18']) {
      expect(stages).toContain(step)
    }
  })

  it("gives the install line of the runtime packages: ltx-react and its required peers", () => {
    const line = installLine(blocks.find((b) => b.lang === 'sh' && b.code.startsWith('npm install ltx-react'))?.code ?? '', '')
    const required = Object.keys(pkg.peerDependencies).filter((name) => pkg.peerDependenciesMeta[name]?.optional !== true)
    expect([...line.keys()].sort()).toEqual(['ltx-react', ...required].sort())
    // The Next.js example installs the same set (plus next itself).
    expect(Object.keys(nextApp.dependencies).filter((name) => name !== 'next').sort()).toEqual([...line.keys()].sort())
  })

  it("gives the test's install line: the Next.js example's test packages, at the majors it pins", () => {
    const line = installLine(blocks.find((b) => b.lang === 'sh' && b.code.startsWith('npm install -D'))?.code ?? '', '-D')
    const testPackages = Object.keys(nextApp.devDependencies).filter((name) => name !== 'typescript' && !name.startsWith('@types/'))
    expect([...line.keys()].sort()).toEqual(testPackages.sort())
    for (const [name, major] of line) expect(major, name).toBe(majorOf(nextApp.devDependencies[name]))
  })
})
