import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'
import { buildStorybook, serveStatic, type StaticServer } from './storybook-static'

// A model playground's Docs page renders every story of the file at once: the playground, a
// content violation and an out-of-credits submit. Each must talk to a simulator of its own, so
// the first Generate on the page succeeds instead of meeting the last story's scripted fault.
let server: StaticServer | undefined
let browser: Browser | undefined

beforeAll(async () => {
  server = await serveStatic(buildStorybook())
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('submits once from the first playground of a Docs page and gets a video, not the out-of-credits fault', async () => {
  if (browser === undefined || server === undefined) throw new Error('not started')
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${server.url}/iframe.html?viewMode=docs&id=playground-ltx-2-19b-text-to-video-segmind--docs`)
  const forms = page.getByRole('button', { name: 'Generate video' })
  // The primary story and the three below it (playground, content violation, out of credits, rate limited).
  await expect.poll(() => forms.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4)
  const first = page.locator('.ltx-playground').first()
  await first.getByRole('textbox', { name: 'Prompt', exact: true }).fill('A lighthouse in a storm, waves crashing')
  await first.getByRole('button', { name: 'Generate video' }).click()
  await first.getByText('Video ready').waitFor({ timeout: 45_000 })
  await expect(first.getByRole('alert').count()).resolves.toBe(0)
  await expect(first.getByLabel('Generated video').getAttribute('src')).resolves.toMatch(/\/api\/playground\/p\d+\/sim\/videos\/.+\.mp4$/)
  // No refusal anywhere on the page: the stories below kept their scripted faults to themselves.
  await expect(page.getByRole('alert').count()).resolves.toBe(0)
  expect(errors).toEqual([])
  await page.close()
})
