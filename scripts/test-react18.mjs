// The peer range starts at React 18, while the project develops on React 19: this runs the hook,
// component and example tests on React 18.3 in a copy of the project (.tmp/react18), so the
// project's own install is never touched. Needs `npm ci` first; fetches React 18 from the registry.
import { execFileSync } from 'node:child_process'
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const copy = join(root, '.tmp', 'react18')
const REACT = '18.3.1'

rmSync(copy, { recursive: true, force: true })
// The Next.js example's own install and build are not needed here (its tests run in npm test).
const skipped = /^(\.git|\.tmp|dist|storybook-static|examples\/demo\/dist|examples\/next\/(node_modules|\.next)|coverage)(\/|$)/
// Entry by entry: the copy lives inside the project, which a single cpSync refuses.
for (const entry of readdirSync(root)) {
  if (skipped.test(entry)) continue
  cpSync(join(root, entry), join(copy, entry), { recursive: true, filter: (path) => !skipped.test(relative(root, path)) })
}

// --legacy-peer-deps: the dev tools' peer ranges name React 19; the runtime under test is 18.
execFileSync(
  'npm',
  ['install', '--no-save', '--no-audit', '--no-fund', '--legacy-peer-deps', `react@${REACT}`, `react-dom@${REACT}`],
  { cwd: copy, stdio: 'inherit' },
)
for (const name of ['react', 'react-dom']) {
  const { version } = JSON.parse(readFileSync(join(copy, 'node_modules', name, 'package.json'), 'utf8'))
  if (version !== REACT) throw new Error(`${name} ${version} was installed in ${copy}, not ${REACT}`)
}
console.log(`React ${REACT}: hooks, components and examples`)
execFileSync(
  process.execPath,
  [join(copy, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'unit', 'test/hooks', 'test/components', 'test/examples'],
  { cwd: copy, stdio: 'inherit', env: { ...process.env, LTX_EXPECT_REACT: REACT.split('.')[0] } },
)
rmSync(copy, { recursive: true, force: true })
