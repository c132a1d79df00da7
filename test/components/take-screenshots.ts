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

/**
 * A story and what to wait for before the picture. A story's play function runs in the iframe
 * too (it is what drives the playground); a Docs page renders stories without it.
 */
interface Shot {
  id: string
  docs?: boolean
  ready?: (page: Page) => Promise<void>
}

const LONG = { timeout: 40_000 }
const shots: Shot[] = [
  // Before any job: the Docs page renders the playground without running its play function.
  { id: 'playground-ltx-2-19b-text-to-video-segmind--docs', docs: true },
  // The play function: generate, then retake a segment by keyboard.
  { id: 'playground-ltx-2-19b-text-to-video-segmind--playground', ready: (page) => page.getByText('Video ready').nth(1).waitFor(LONG) },
  { id: 'playground-ltx-2-19b-text-to-video-segmind--content-violation', ready: (page) => page.getByText('Generation failed').waitFor(LONG) },
  { id: 'playground-ltx-2-19b-text-to-video-segmind--out-of-credits', ready: (page) => page.locator('details[open]').waitFor(LONG) },
  { id: 'components-parameterform--ltx-2-fast' },
  { id: 'components-parameterform--invalid-after-submit' },
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
try {
  for (const shot of shots.filter((s) => filter === undefined || s.id.includes(filter))) {
    for (const width of [1280, 320]) {
      for (const mode of modes) {
        const page = await browser.newPage({ viewport: { width, height: 900 } })
        await page.emulateMedia(mode.media)
        await page.goto(`${server.url}/iframe.html?viewMode=${shot.docs === true ? 'docs' : 'story'}&id=${shot.id}`)
        await page.locator(shot.docs === true ? '.ltx-playground' : '#storybook-root > *').first().waitFor({ timeout: 20_000 })
        try {
          await shot.ready?.(page)
          // Let the play function finish its last steps and the video its first frame.
          await page.waitForTimeout(1500)
        } catch (error) {
          console.error(`${shot.id} (${mode.name}, ${width}): ${(error as Error).message}`)
        }
        const file = join(out, `${shot.id}--${mode.name}--${width}.png`)
        await page.screenshot({ path: file, fullPage: true })
        await page.close()
      }
    }
    console.log(shot.id)
  }
} finally {
  await browser.close()
  await server.close()
}
