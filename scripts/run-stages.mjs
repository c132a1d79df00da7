// The test pipeline as named stages, each announced before it runs and timed when it ends, with
// a summary at the end: `npm test`, `npm run test:browser` and `npm run test:all` run it.
//
//   node scripts/run-stages.mjs test      everything that needs no browser
//   node scripts/run-stages.mjs browser   Chromium: story tests, the demo and the Next.js example end to end
//   node scripts/run-stages.mjs all       test, then browser (without building again), then React 18
//   node scripts/run-stages.mjs list      the stages of each, without running them
//
// A stage's own output streams through as it comes. The first failing stage stops the run, and
// its name is the last line printed.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// The ledger's tests start their own redis-server (127.0.0.1, a random port, nothing on disk).
const redisServer = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server'
// Chromium and playwright leave profiles in TMPDIR: keep them in an ignored folder.
const browserEnv = { TMPDIR: join(root, '.tmp', 'browser'), CHROMIUM_PATH: chromium }
const sudo = process.getuid?.() === 0 ? '' : 'sudo '

/** @typedef {{ name: string, command: string, args: string[], env?: Record<string, string>, when?: () => boolean }} Stage */

/** @type {Record<string, Stage>} */
const stage = {
  typecheck: { name: 'typecheck', command: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.json'] },
  unit: { name: 'unit, component and type tests', command: bin('vitest'), args: ['run', '--project', 'unit'] },
  build: { name: 'library build (dist/)', command: bin('vite'), args: ['build', '--logLevel', 'warn'] },
  storybook: { name: 'Storybook build', command: bin('storybook'), args: ['build', '--quiet', '--output-dir', 'storybook-static'] },
  demo: { name: 'demo app build', command: bin('vite'), args: ['build', '--config', 'examples/demo/vite.config.ts', '--logLevel', 'warn'] },
  nextBuild: { name: 'Next.js example: pack, install, next build', command: process.execPath, args: ['scripts/next-example.mjs', 'build'] },
  nextTest: { name: "Next.js example: the README's test in the app", command: process.execPath, args: ['scripts/next-example.mjs', 'test'] },
  package: { name: 'package tests (dist/, tarball, no secrets)', command: bin('vitest'), args: ['run', '--project', 'package'] },
  // Both pack the package; without ignore-scripts their `npm pack` would rebuild dist/ (prepack).
  lint: { name: 'publint and attw', command: 'npm', args: ['run', '--silent', 'lint:package'], env: { npm_config_ignore_scripts: 'true' } },
  size: { name: 'size budgets', command: bin('size-limit'), args: [] },
  chromium: {
    name: "Debian's chromium (installed when missing)",
    command: 'sh',
    args: ['-c', `${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq chromium`],
    when: () => !existsSync(chromium),
  },
  redis: {
    name: "Debian's redis-server (installed when missing)",
    command: 'sh',
    args: ['-c', `${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq redis-server`],
    when: () => !existsSync(redisServer),
  },
  stories: { name: 'story tests in Chromium', command: bin('vitest'), args: ['run', '--config', 'vitest.browser.config.ts'], env: browserEnv },
  e2e: { name: 'demo and Next.js example end to end in Chromium', command: bin('vitest'), args: ['run', '--config', 'vitest.e2e.config.ts'], env: browserEnv },
  react18: { name: 'hooks, components and examples on React 18', command: process.execPath, args: ['scripts/test-react18.mjs'] },
}

const TEST = [stage.typecheck, stage.redis, stage.unit, stage.build, stage.storybook, stage.demo, stage.nextBuild, stage.nextTest, stage.package, stage.lint, stage.size]
// On its own the browser run builds what its end-to-end tests serve; after `test` those builds exist.
const BROWSER_BUILDS = [stage.build, stage.demo, stage.nextBuild]
const BROWSER = [stage.chromium, stage.stories, stage.e2e]
const PLANS = {
  test: TEST,
  browser: [BROWSER[0], BROWSER[1], ...BROWSER_BUILDS, BROWSER[2]],
  all: [...TEST, ...BROWSER, stage.react18],
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const plan = PLANS[process.argv[2]]

if (process.argv[2] === 'list') {
  for (const [name, stages] of Object.entries(PLANS)) console.log(`${name}: ${stages.map((s) => s.name).join(' → ')}`)
  process.exit(0)
}
if (plan === undefined) {
  console.error(`usage: node scripts/run-stages.mjs ${Object.keys(PLANS).join(' | ')} | list`)
  process.exit(2)
}

mkdirSync(browserEnv.TMPDIR, { recursive: true })
const started = performance.now()
const done = []
for (const [index, current] of plan.entries()) {
  const label = `[${index + 1}/${plan.length}] ${current.name}`
  if (current.when !== undefined && !current.when()) {
    done.push({ label, time: 'skipped' })
    continue
  }
  console.log(`\n▶ ${label}`)
  const t0 = performance.now()
  const result = spawnSync(current.command, current.args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...current.env } })
  const time = seconds(performance.now() - t0)
  if (result.status !== 0) {
    console.error(`\n✗ ${label} failed after ${time} (${seconds(performance.now() - started)} in all)`)
    process.exit(result.status ?? 1)
  }
  console.log(`✓ ${label}: ${time}`)
  done.push({ label, time })
}
console.log(`\nAll ${plan.length} stages passed in ${seconds(performance.now() - started)}:`)
for (const { label, time } of done) console.log(`  ${label.padEnd(66)} ${time}`)
