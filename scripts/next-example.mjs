// The Next.js example (examples/next) as an app author has it: ltx-react installed from the
// packed tarball, never from this repository's sources.
//
//   node scripts/next-example.mjs build   pack dist/, install the app, `next build` with no secret in the env
//   node scripts/next-example.mjs test    the app's own vitest run (the README's test, as written)
//
// The app's node_modules stay in examples/next/node_modules (git-ignored, apart from the main
// install). `npm ci` runs only when its lockfile changed; otherwise only the tarball is refreshed.
// The build is skipped when neither the tarball nor the app's files changed since the last one.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const app = join(root, 'examples', 'next')
const packDir = join(root, '.tmp', 'pack')
const tarball = join(packDir, 'ltx-react.tgz')
const stamp = join(root, '.tmp', 'next-example.build-stamp')

// What must never reach `next build`: a route that only builds with a key set is the bug this
// example exists to catch.
const SECRETS = ['SEGMIND_API_KEY', 'APIXO_API_KEY', 'SESSION_SECRET', 'LTX_PROXY_SECRET']

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options })
  if (result.status !== 0) {
    console.error(`next-example: \`${command} ${args.join(' ')}\` failed in ${relative(root, options.cwd ?? root) || '.'}`)
    process.exit(result.status ?? 1)
  }
}

function quietNpm(args, cwd) {
  // npm's own chatter (funding, allowScripts notices) is not ours to read; failures still print.
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' })
  if (result.status !== 0) {
    process.stdout.write(result.stdout)
    process.stderr.write(result.stderr)
    console.error(`next-example: \`npm ${args.join(' ')}\` failed in ${relative(root, cwd)}`)
    process.exit(result.status ?? 1)
  }
}

function pack() {
  if (!existsSync(join(root, 'dist', 'index.js'))) {
    console.error('next-example: dist/ is missing: run `npm run build` first (npm test does).')
    process.exit(1)
  }
  mkdirSync(packDir, { recursive: true })
  // --ignore-scripts: prepack would rebuild dist/, which the caller has just built.
  const result = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' })
  if (result.status !== 0) {
    process.stderr.write(result.stderr)
    process.exit(result.status ?? 1)
  }
  const [{ filename, size }] = JSON.parse(result.stdout)
  renameSync(join(packDir, filename), tarball)
  return size
}

function lockedIntegrityProblem() {
  const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'))
  const entry = lock.packages?.['node_modules/ltx-react']
  // The tarball changes with every build, so a recorded hash would fail `npm ci` (EINTEGRITY)
  // or, worse, let npm install an old copy from its cache.
  return entry?.integrity === undefined ? undefined : 'examples/next/package-lock.json records an integrity for ltx-react: delete that line.'
}

function install() {
  const problem = lockedIntegrityProblem()
  if (problem !== undefined) {
    console.error(`next-example: ${problem}`)
    process.exit(1)
  }
  const marker = join(app, 'node_modules', '.package-lock.json')
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(app, 'package-lock.json')).mtimeMs
  if (fresh) {
    quietNpm(['install', '--no-save', tarball], app)
    return 'refreshed ltx-react'
  }
  quietNpm(['ci'], app)
  return 'npm ci'
}

function appFiles(dir = app) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', '.next', 'next-env.d.ts'].includes(entry.name) || entry.name.endsWith('.tsbuildinfo')) return []
    const path = join(dir, entry.name)
    return entry.isDirectory() ? appFiles(path) : [path]
  })
}

function fingerprint() {
  const hash = createHash('sha256').update(readFileSync(tarball))
  for (const file of appFiles().sort()) hash.update(relative(app, file)).update(readFileSync(file))
  return hash.digest('hex')
}

function build() {
  const t0 = performance.now()
  const bytes = pack()
  const how = install()
  const print = existsSync(join(app, '.next', 'BUILD_ID')) ? fingerprint() : ''
  if (print !== '' && existsSync(stamp) && readFileSync(stamp, 'utf8') === print) {
    console.log(`next-example: tarball ${(bytes / 1024).toFixed(1)} kB, ${how}; build unchanged since the last run, not rebuilt`)
    return
  }
  const tsconfig = readFileSync(join(app, 'tsconfig.json'), 'utf8')
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
  for (const name of SECRETS) delete env[name]
  rmSync(stamp, { force: true })
  run(join(app, 'node_modules', '.bin', 'next'), ['build'], { cwd: app, env })
  // Next.js rewrites tsconfig.json when it wants something else: commit what it wants instead.
  if (readFileSync(join(app, 'tsconfig.json'), 'utf8') !== tsconfig) {
    console.error('next-example: `next build` changed examples/next/tsconfig.json; review and commit the change.')
    process.exit(1)
  }
  writeFileSync(stamp, fingerprint())
  console.log(`next-example: tarball ${(bytes / 1024).toFixed(1)} kB, ${how}, built in ${((performance.now() - t0) / 1000).toFixed(1)} s with no secret in the env`)
}

function test() {
  if (!existsSync(join(app, 'node_modules', 'ltx-react'))) {
    console.error('next-example: the app is not installed: run `node scripts/next-example.mjs build` first.')
    process.exit(1)
  }
  run(join(app, 'node_modules', '.bin', 'vitest'), ['run'], { cwd: app })
}

const command = process.argv[2]
if (command === 'build') build()
else if (command === 'test') test()
else {
  console.error('usage: node scripts/next-example.mjs build | test')
  process.exit(2)
}
