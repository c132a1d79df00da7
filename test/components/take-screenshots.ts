// Screenshots of each component's main states, for a person to look at: light, OS dark and
// forced colours, at 1280 and 320 px, from a built Storybook served on 127.0.0.1.
//   npx tsx test/components/take-screenshots.ts [--no-build] [story-id-filter]
// Writes .tmp/screenshots/<story>--<mode>--<width>.png (ignored by git).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'
import { buildStorybook, serveStatic } from './storybook-static'

const root = join(import.meta.dirname, '..', '..')
const out = join(root, '.tmp', 'screenshots')
const args = process.argv.slice(2)
const filter = args.find((arg) => !arg.startsWith('--'))

/** A story and what to do before the picture (play functions do not run in a plain iframe). */
interface Shot {
  id: string
  prepare?: (page: Page) => Promise<void>
}

const generate = async (page: Page) => {
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('A lighthouse in a storm, waves crashing, thunder rumbling')
  await page.getByRole('button', { name: 'Generate video' }).click()
}
const finished = async (page: Page) => {
  await generate(page)
  await page.getByText('Video ready').first().waitFor({ timeout: 30_000 })
  await page.waitForTimeout(800)
}

const shots: Shot[] = [
  { id: 'playground-ltx-2-19b-text-to-video-segmind--playground' },
  { id: 'playground-ltx-2-19b-text-to-video-segmind--playground', prepare: finished },
  {
    id: 'playground-ltx-2-19b-text-to-video-segmind--playground',
    prepare: async (page) => {
      await finished(page)
      await page.getByRole('button', { name: 'Retake a segment' }).click()
      await page.waitForTimeout(800)
    },
  },
  {
    id: 'playground-ltx-2-19b-text-to-video-segmind--content-violation',
    prepare: async (page) => {
      await generate(page)
      await page.getByText('Generation failed').waitFor({ timeout: 30_000 })
    },
  },
  {
    id: 'playground-ltx-2-19b-text-to-video-segmind--out-of-credits',
    prepare: async (page) => {
      await generate(page)
      await page.getByRole('alert').waitFor({ timeout: 15_000 })
      await page.getByText('The provider’s reply').click()
    },
  },
  { id: 'playground-ltx-2-19b-apixo-four-modes--playground' },
  { id: 'components-parameterform--ltx-2-fast' },
  { id: 'components-parameterform--invalid-after-submit', prepare: async (page) => page.getByRole('button', { name: 'Generate video' }).click() },
  { id: 'components-jobprogress--running-with-apixo-estimate' },
  { id: 'components-jobprogress--failed-with-actions' },
  { id: 'components-videoresult--with-metrics' },
  { id: 'components-segmentpicker--with-video-preview' },
  { id: 'theming--custom-properties' },
  { id: 'models-reference--ltx-219-b-t-2-v' },
]

const modes = [
  { name: 'light', media: { colorScheme: 'light' as const, forcedColors: 'none' as const } },
  { name: 'dark', media: { colorScheme: 'dark' as const, forcedColors: 'none' as const } },
  { name: 'forced', media: { colorScheme: 'light' as const, forcedColors: 'active' as const } },
]

const dir = args.includes('--no-build') ? join(root, '.tmp', 'storybook-static') : buildStorybook()
const server = await serveStatic(dir)
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
mkdirSync(out, { recursive: true })
const counts = new Map<string, number>()
try {
  for (const shot of shots.filter((s) => filter === undefined || s.id.includes(filter))) {
    const index = (counts.get(shot.id) ?? 0) + 1
    counts.set(shot.id, index)
    for (const width of [1280, 320]) {
      for (const mode of modes) {
        const page = await browser.newPage({ viewport: { width, height: 900 } })
        await page.emulateMedia(mode.media)
        await page.goto(`${server.url}/iframe.html?viewMode=story&id=${shot.id}`)
        await page.locator('#storybook-root > *').first().waitFor({ timeout: 20_000 })
        await page.waitForTimeout(600)
        try {
          await shot.prepare?.(page)
        } catch (error) {
          console.error(`${shot.id} (${mode.name}, ${width}): ${(error as Error).message}`)
        }
        const file = join(out, `${shot.id}${index > 1 ? `-${index}` : ''}--${mode.name}--${width}.png`)
        await page.screenshot({ path: file, fullPage: true })
        await page.close()
      }
    }
    console.log(`${shot.id} #${index}`)
  }
} finally {
  await browser.close()
  await server.close()
}
