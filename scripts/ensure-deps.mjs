// Runs before `npm start` and `npm test` so the quick start works on a fresh clone: installs
// the locked dependencies when node_modules is missing or older than package-lock.json.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'

const marker = 'node_modules/.package-lock.json'
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs
if (stale) {
  console.log('ltx-react: installing locked dependencies (npm ci)…')
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' })
  process.exit(result.status ?? 1)
}
