import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// ltx-react/testing in an app that has no msw: the packed tarball installed into a fresh folder
// with zod (its one peer on this path) and nothing else, then the simulator's HTTP server started
// by plain Node on 127.0.0.1 and asked for a job and its video. Needs `npm run build` first.

const root = join(import.meta.dirname, '..', '..')
let dir = ''

function node(script: string): { status: number | null; stdout: string; stderr: string } {
  writeFileSync(join(dir, 'script.mjs'), script)
  const result = spawnSync(process.execPath, ['script.mjs'], { cwd: dir, encoding: 'utf8', timeout: 30_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'testing.js'))) throw new Error('dist/ is missing: run `npm run build` before `npm run test:package`.')
  // Outside the project: Node looks for packages in every parent folder's node_modules, and this
  // project's own has msw.
  dir = mkdtempSync(join(tmpdir(), 'ltx-no-msw-'))
  for (let up = dir; up !== dirname(up); up = dirname(up)) {
    if (existsSync(join(up, 'node_modules', 'msw'))) throw new Error(`${up}/node_modules has msw: this test needs a folder without it above.`)
  }
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--loglevel=error'], { cwd: root, stdio: 'ignore' })
  const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app-without-msw', private: true, type: 'module' }))
  // --legacy-peer-deps: no peer is installed for us, so msw (an optional peer) surely is not.
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error', `./${tarball}`, 'zod@4.6.7'],
    { cwd: dir, stdio: 'ignore' },
  )
}, 120_000)

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
})

describe('ltx-react/testing without msw installed', () => {
  it('is installed with zod and without msw or React', () => {
    expect(existsSync(join(dir, 'node_modules', 'ltx-react', 'dist', 'testing.js'))).toBe(true)
    expect(existsSync(join(dir, 'node_modules', 'zod'))).toBe(true)
    expect(existsSync(join(dir, 'node_modules', 'msw'))).toBe(false)
    expect(existsSync(join(dir, 'node_modules', 'react'))).toBe(false)
  })

  it('starts the simulator server, runs a 6 s job and serves its 6 s clip over real HTTP', () => {
    const result = node(`
      import { SIMULATOR_KEYS, createSimulator, parseSampleClip, startSimulatorServer } from 'ltx-react/testing'
      const headers = { 'x-api-key': SIMULATOR_KEYS.segmind, 'content-type': 'application/json' }
      const server = await startSimulatorServer({ port: 0, host: '127.0.0.1' })
      try {
        const submit = await fetch(server.url + '/v2/ltx-2-fast', { method: 'POST', headers, body: JSON.stringify({ prompt: 'Waves', duration: 6 }) })
        const { request_id } = await submit.json()
        server.simulator.finish(request_id)
        const result = await (await fetch(server.url + '/v2/requests/' + request_id, { headers })).json()
        const video = await fetch(result.output)
        const bytes = new Uint8Array(await video.arrayBuffer())
        console.log(JSON.stringify({
          url: server.url, submit: submit.status, status: result.status, clip: parseSampleClip(result.output),
          video: video.status, type: video.headers.get('content-type'), ftyp: new TextDecoder().decode(bytes.subarray(4, 8)),
          standalone: typeof createSimulator().fetch,
        }))
      } finally {
        await server.close()
      }
    `)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      submit: 200,
      status: 'COMPLETED',
      clip: { name: 'with-audio', frames: 144, fps: 24 },
      video: 200,
      type: 'video/mp4',
      ftyp: 'ftyp',
      standalone: 'function',
    })
  })

  it('says what is missing when ltx-react/testing/msw is imported without msw', () => {
    const result = node(`await import('ltx-react/testing/msw')`)
    expect(result.status).not.toBe(0)
    expect(result.stderr).toMatch(/Cannot find package 'msw'/)
  })
})
