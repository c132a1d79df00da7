import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SIMULATOR_KEYS, startSimulatorServer, type SimulatorServer } from '../../src/testing'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'
import { freePort } from '../free-port'

// The Next.js example as its users meet it: `next start` of the build that `next build` made
// with no secret in the env (scripts/next-example.mjs), on 127.0.0.1 and a free port, its proxy
// route in front of the simulator's real HTTP server, driven by Debian's Chromium.

const root = join(import.meta.dirname, '..', '..')
const app = join(root, 'examples', 'next')
const shots = join(root, '.tmp', 'screenshots')

/** Poll `url` until it answers, for at most `timeoutMs`. */
async function waitForServer(url: string, child: ChildProcess, output: () => string, timeoutMs = 45_000): Promise<void> {
  const end = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output()}`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) })
      await response.body?.cancel()
      return
    } catch {
      if (Date.now() > end) throw new Error(`next start did not answer on ${url} within ${timeoutMs} ms:\n${output()}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

describe.runIf(process.env.LTX_E2E === '1')('the Next.js example in Chromium', () => {
  let simulator: SimulatorServer | undefined
  let next: ChildProcess | undefined
  let browser: Browser | undefined
  let page: Page
  let origin = ''
  let logs = ''
  const pageErrors: string[] = []
  // The first test's 401 is the point of it; any other failed load is a bug.
  let signedOut = true

  const sim = () => {
    if (simulator === undefined) throw new Error('no simulator')
    return simulator.simulator
  }

  beforeAll(async () => {
    if (!existsSync(join(app, '.next', 'BUILD_ID'))) {
      throw new Error('examples/next has no build: run `node scripts/next-example.mjs build` first (npm run test:browser does).')
    }
    mkdirSync(shots, { recursive: true })
    simulator = await startSimulatorServer({ simulatorOptions: { speed: 50 } })
    const port = await freePort()
    origin = `http://127.0.0.1:${port}`
    next = spawn(join(app, 'node_modules', '.bin', 'next'), ['start', '--hostname', '127.0.0.1', '--port', String(port)], {
      cwd: app,
      // Its own process group, so afterAll stops next and any worker it started, and nothing else.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        // The simulator's public key, not a secret: the simulator checks it as Segmind checks yours.
        SEGMIND_API_KEY: SIMULATOR_KEYS.segmind,
        SESSION_SECRET: crypto.randomUUID(),
        LTX_PROXY_SECRET: `${crypto.randomUUID()}${crypto.randomUUID()}`,
        LTX_E2E_SEGMIND_URL: simulator.url,
        NODE_OPTIONS: `--import=${pathToFileURL(join(import.meta.dirname, 'redirect-segmind.mjs')).href}`,
      },
    })
    next.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString()))
    next.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()))
    await waitForServer(origin, next, () => logs)

    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 })
    const context = await browser.newContext({ viewport: { width: 1100, height: 1000 }, baseURL: origin })
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      // Failed loads are listed below with their URL; the console's copy names none.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text())
    })
    page.on('response', (response) => {
      const expected = response.status() === 401 && new URL(response.url()).pathname.startsWith('/api/ltx/')
      if (response.status() >= 400 && !(expected && signedOut)) pageErrors.push(`${response.status()} ${response.url()}`)
    })
  })

  afterAll(async () => {
    await browser?.close().catch(() => undefined)
    if (next?.pid !== undefined && next.exitCode === null) {
      const exited = new Promise((resolve) => next?.once('exit', resolve))
      process.kill(-next.pid, 'SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
    }
    await simulator?.close()
  })

  it('refuses the proxy to a visitor who has not signed in, before any upstream call', async () => {
    await page.goto('/')
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true)
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/ltx/segmind/v2/ltx-2-fast', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'Waves' }),
      })
      return response.status
    })
    expect(status).toBe(401)
    expect(sim().requests).toHaveLength(0)
    expect(pageErrors).toEqual([])
    signedOut = false
  })

  it('signs in, generates the 6 s video the form asked for, and plays it to the end', async () => {
    await page.getByRole('textbox', { name: 'Your name' }).fill('ada')
    await page.getByRole('button', { name: 'Sign in' }).click()
    const prompt = page.getByRole('textbox', { name: /^Prompt/ })
    await prompt.waitFor()
    await prompt.fill('Waves at dusk, slow dolly in')
    await page.getByRole('radio', { name: '6 s' }).check()
    await page.getByRole('button', { name: 'Generate video' }).click()

    await expect.poll(() => page.getByRole('status', { name: 'Job progress' }).textContent(), { timeout: 20_000 }).toContain('Video ready')
    const video = page.getByLabel('Generated video')
    await video.waitFor()
    // What the browser itself reads from the served file: the length the user asked for.
    const duration = await video.evaluate(
      (element: HTMLVideoElement) =>
        new Promise<number>((resolve, reject) => {
          if (element.readyState >= 1) resolve(element.duration)
          element.addEventListener('loadedmetadata', () => resolve(element.duration), { once: true })
          element.addEventListener('error', () => reject(new Error(`video error ${element.error?.code}`)), { once: true })
        }),
    )
    expect(duration).toBeCloseTo(6, 2)
    // Every frame decodes, the looped ones near the end too: seek close to it and play through.
    const ended = await video.evaluate(
      (element: HTMLVideoElement) =>
        new Promise<{ ended: boolean; error: number | undefined; time: number }>((resolve) => {
          element.muted = true
          element.currentTime = 5.2
          element.addEventListener('ended', () => resolve({ ended: true, error: element.error?.code, time: element.currentTime }), { once: true })
          element.addEventListener('error', () => resolve({ ended: false, error: element.error?.code, time: element.currentTime }), { once: true })
          void element.play()
        }),
    )
    expect(ended).toEqual({ ended: true, error: undefined, time: expect.closeTo(6, 1) })
    await page.screenshot({ path: join(shots, 'next-example.png'), fullPage: true })

    expect(sim().count('segmind.submit')).toBe(1)
    const [job] = sim().jobs()
    expect(job?.clip).toEqual({ name: 'with-audio', frames: 144, fps: 24 })
    expect(job?.input).toMatchObject({ prompt: 'Waves at dusk, slow dolly in', duration: 6 })
    // The proxy forwarded with the server's key and none of the browser's cookies.
    const submit = sim().requests.find((request) => request.route === 'segmind.submit')
    expect(submit?.headers['x-api-key']).toBe(SIMULATOR_KEYS.segmind)
    expect(submit?.headers.cookie).toBeUndefined()
    expect(pageErrors).toEqual([])
  })
})
