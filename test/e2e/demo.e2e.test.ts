import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoServer } from '../../examples/demo/server'
import type { SimJobInfo, SimJobPlan } from '../../src/testing'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'

// The example app as a user meets it: the demo server (proxy at /api/ltx in front of the
// simulator's real HTTP server, both on 127.0.0.1) serving the prebuilt client, driven by
// Debian's Chromium. Needs `npm run build` and `npx vite build --config examples/demo/vite.config.ts`
// first; `npm run test:browser` runs both. Runs only under vitest.e2e.config.ts (LTX_E2E=1).

const root = join(import.meta.dirname, '..', '..')
const shots = join(root, '.tmp', 'screenshots')

/** A prompt with this tag makes a job that stays running until the test finishes it. */
const HOLD = '[e2e:hold]'

function promptOf(info: SimJobInfo): string {
  const input = info.input
  return typeof input === 'object' && input !== null && 'prompt' in input && typeof input.prompt === 'string' ? input.prompt : ''
}

// Normal jobs run at speed 50 (an ltx-2-fast job takes about 0.7 s); held ones queue for 1 s,
// then generate for far longer than the test, so a reload surely lands in the middle.
function plan(info: SimJobInfo): SimJobPlan | undefined {
  return promptOf(info).includes(HOLD) ? { queueMs: 50_000, runMs: 50 * 600_000 } : undefined
}

/** Run axe-core (the real one, in the page) and list its violations; contrast is left to the theme tests. */
async function axeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: source })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } }).axe
    const results = await axe.run(document, { rules: { 'color-contrast': { enabled: false } } })
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
  })
}

/** Poll `check` until it returns true, for at most `timeoutMs`. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe.runIf(process.env.LTX_E2E === '1')('the example app in Chromium', () => {
  let demo: DemoServer | undefined
  let browser: Browser | undefined
  let context: BrowserContext | undefined
  let page: Page
  const pageErrors: string[] = []

  const sim = () => {
    if (demo?.simulator === undefined) throw new Error('the demo runs without a simulator')
    return demo.simulator
  }
  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
  const jobCard = () => page.locator('section', { has: page.getByRole('heading', { name: 'Your video', exact: true }) })
  const retakeCard = () => page.locator('section', { has: page.getByRole('heading', { name: 'Retake a segment', exact: true }) })
  const phaseOf = (card: Locator) => card.locator('.ltx-job-progress [role="status"] .ltx-job-progress__phase').first()

  /** Play the card's video, wait until its clock has really moved, and check it is as long as the job asked. */
  async function expectPlays(card: Locator, seconds: number) {
    const video = card.locator('video').first()
    await video.waitFor({ state: 'visible' })
    await video.evaluate(async (element: HTMLVideoElement) => {
      element.muted = true
      await element.play()
    })
    await until('the video to play past 0.3 s', async () => (await video.evaluate((element: HTMLVideoElement) => element.currentTime)) > 0.3)
    const state = await video.evaluate((element: HTMLVideoElement) => ({ error: element.error?.code, duration: element.duration }))
    expect(state.error).toBeUndefined()
    expect(state.duration).toBeCloseTo(seconds, 2)
  }

  beforeAll(async () => {
    for (const [file, step] of [
      [join(root, 'dist', 'index.js'), 'npm run build'],
      [join(root, 'examples', 'demo', 'dist', 'index.html'), 'npx vite build --config examples/demo/vite.config.ts'],
    ] as const) {
      if (!existsSync(file)) throw new Error(`${file} is missing: run \`${step}\` first (npm run test:browser does).`)
    }
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: npm run test:browser installs Debian's chromium.`)
    mkdirSync(shots, { recursive: true })
    const { startDemoServer } = await import('../../examples/demo/server')
    demo = await startDemoServer({ port: 0, mode: 'prod', env: {}, simulatorOptions: { speed: 50, script: { job: plan } } })
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 })
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: demo.url })
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
    page.setDefaultNavigationTimeout(15_000)
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text())
    })
  })

  afterAll(async () => {
    await context?.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await demo?.close()
  })

  it('submits a prompt, shows progress, and plays the result', async () => {
    await page.goto('/')
    await expect.poll(() => page.locator('.demo-upstreams').textContent()).toContain('simulator')
    const prompt = page.getByRole('textbox', { name: 'Prompt' })
    await prompt.fill('Waves at dusk, slow dolly in')
    await shot('1-form')

    await page.getByRole('button', { name: 'Generate video' }).click()
    const phase = phaseOf(jobCard())
    await phase.waitFor()
    // The submit's own answer shows at once; the first status check comes a second later.
    expect(['Queued', 'Generating the video']).toContain(await phase.textContent())
    await shot('2-running')

    await expect.poll(() => phase.textContent(), { timeout: 10_000 }).toBe('Video ready')
    // ltx-2-fast's default duration, as VideoResult and the segment picker will show.
    await expectPlays(jobCard(), 8)
    await shot('3-result')
    expect(sim().count('segmind.submit')).toBe(1)
    const [job] = sim().jobs()
    expect(job).toMatchObject({ model: 'ltx-2-fast', input: { prompt: 'Waves at dusk, slow dolly in' } })
    // The key stayed on the server: the browser only ever called the demo's own origin.
    expect(sim().requests.filter((r) => r.route === 'segmind.submit').every((r) => r.headers['x-api-key'] === 'sim-segmind-key')).toBe(true)
  })

  it('retakes a segment chosen with the keyboard and shows the lineage', async () => {
    await jobCard().getByRole('button', { name: 'Retake a segment' }).click()
    const picker = retakeCard().getByRole('group', { name: 'Segment to retake' })
    await picker.waitFor()
    // Opening the retake moves focus to its panel.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Retake a segment')
    const start = picker.getByRole('slider', { name: 'Start' })
    const end = picker.getByRole('slider', { name: 'End' })
    // The clip is as long as the form asked (ltx-2-fast's default, 8 s): the segment starts as all of it.
    await expect.poll(() => end.getAttribute('aria-valuenow')).toBe('8')
    await start.focus()
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
    await end.focus()
    await page.keyboard.press('Shift+ArrowLeft')
    await expect.poll(() => start.getAttribute('aria-valuenow')).toBe('0.5')
    await expect.poll(() => end.getAttribute('aria-valuenow')).toBe('7')
    await expect.poll(() => picker.locator('output').textContent()).toBe('0:00.5 to 0:07, 6.5 seconds')
    await shot('4-segment-picker')
    expect(await axeViolations(page)).toEqual([])

    await retakeCard().getByRole('button', { name: 'Retake this segment' }).click()
    const lineage = retakeCard().getByRole('list', { name: 'Lineage' })
    await lineage.waitFor()
    const [source] = sim().jobs()
    expect(await lineage.textContent()).toContain(source?.id)
    await expect.poll(() => phaseOf(retakeCard()).textContent(), { timeout: 10_000 }).toBe('Video ready')
    // A retake keeps its source's length.
    await expectPlays(retakeCard(), 8)
    await shot('5-retake-result')
    expect(await axeViolations(page)).toEqual([])

    expect(sim().count('segmind.submit')).toBe(2)
    const retake = sim().jobs().at(-1)
    expect(retake).toMatchObject({ model: 'ltx-retake-video', input: { video_uri: source?.outputUrl, start_time: 0.5, duration: 6.5 } })
    expect(await lineage.textContent()).toContain(retake?.id)
    expect(await lineage.textContent()).toContain('0:00.5 to 0:07')
  })

  it('resumes the same job after a reload in the middle, without a second submit', async () => {
    await jobCard().getByRole('button', { name: 'New video' }).click()
    await page.getByRole('textbox', { name: 'Prompt' }).fill(`A paper boat drifts down a gutter ${HOLD}`)
    await page.getByRole('button', { name: 'Generate video' }).click()
    const phase = phaseOf(jobCard())
    await expect.poll(() => phase.textContent(), { timeout: 10_000 }).toBe('Generating the video')
    const submits = sim().count('segmind.submit')
    const job = sim().jobs().at(-1)
    expect(job).toMatchObject({ phase: 'running', model: 'ltx-2-fast' })
    const jobId = job?.id ?? ''
    // The page shows the proxy's handle for the job: the provider's id, signed for this user.
    const shownId = () => jobCard().locator('.demo-job-id code').textContent()
    await expect.poll(shownId).toMatch(new RegExp(`^${jobId}\\.`))

    const statusBefore = sim().count('segmind.status')
    await page.reload()
    await expect.poll(shownId).toMatch(new RegExp(`^${jobId}\\.`))
    // Watching resumed: a fresh status check about the same job, and it is still running.
    await until('a status check after the reload', () => sim().count('segmind.status') > statusBefore)
    await expect.poll(() => phaseOf(jobCard()).textContent(), { timeout: 10_000 }).toBe('Generating the video')
    await shot('6-resumed-running')

    sim().finish(jobId)
    await expect.poll(() => phaseOf(jobCard()).textContent(), { timeout: 10_000 }).toBe('Video ready')
    await expectPlays(jobCard(), 8)
    expect(sim().count('segmind.submit')).toBe(submits)
  })

  it('runs an APIXO job through the same proxy', async () => {
    await page.getByRole('radio', { name: /LTX-2 19B.*APIXO/ }).check()
    await page.getByRole('radiogroup', { name: 'Mode' }).waitFor()
    await page.getByRole('textbox', { name: 'Prompt' }).fill('A lighthouse at night, beam sweeping the fog')
    await page.getByRole('button', { name: 'Generate video' }).click()
    await expect.poll(() => phaseOf(jobCard()).textContent(), { timeout: 15_000 }).toBe('Video ready')
    // APIXO's default duration.
    await expectPlays(jobCard(), 10)
    await shot('7-apixo-result')
    // The same page on a phone-sized screen: one column.
    await page.setViewportSize({ width: 390, height: 844 })
    await shot('8-narrow')
    await page.setViewportSize({ width: 1280, height: 900 })
    expect(sim().count('apixo.submit')).toBe(1)
    expect(sim().requests.filter((r) => r.route === 'apixo.submit').every((r) => r.headers.authorization === 'Bearer sim-apixo-key')).toBe(true)
  })

  it('logged no errors in the page', () => {
    expect(pageErrors).toEqual([])
  })
})
