// `npm run test:browser`: story tests (play functions + axe) in Debian's Chromium, then the
// end-to-end test of the example app. Installs Chromium from Debian when it is missing.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const run = (command, args, env = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!existsSync(chromium)) {
  console.log(`ltx-react: ${chromium} is missing; installing Debian's chromium…`)
  const sudo = process.getuid?.() === 0 ? [] : ['sudo']
  run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'update', '-qq'])
  run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'install', '-y', '-qq', 'chromium'])
}

// Chromium and playwright leave profiles in TMPDIR: keep them in an ignored folder.
const tmp = join(process.cwd(), '.tmp', 'browser')
mkdirSync(tmp, { recursive: true })
const env = { TMPDIR: tmp, CHROMIUM_PATH: chromium }

run('npx', ['vitest', 'run', '--config', 'vitest.browser.config.ts'], env)

// The end-to-end test of the example app drives the BUILT package and the demo's client build:
// build both first (about 6 s), then run it with the same TMPDIR and Chromium.
run('npm', ['run', 'build', '--silent'])
run('npm', ['run', 'build:demo', '--silent'])
run('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts'], env)
