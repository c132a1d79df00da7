// Real layout and styles in Chromium (the `components` project of vitest.browser.config.ts):
// what jsdom cannot see. Contrast of borders, tracks and focus outlines in light and OS dark,
// system colours in forced colours, one button height, the seed's width, the narrow layout and
// accessible names as the browser computes them (pseudo-elements included).
// In the order ltx-react/styles.css has them (vite.config.ts): tokens, then each part by name.
import '../../src/styles.css'
import '../../src/components/job-progress.css'
import '../../src/components/parameter-form.css'
import '../../src/components/segment-picker.css'
import '../../src/components/video-result.css'
import { QueryClient } from '@tanstack/react-query'
import { cleanup, render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
// The playwright provider's types: cdp() is playwright's CDP session.
import type {} from '@vitest/browser-playwright'
import { cdp, page, userEvent } from 'vitest/browser'
import {
  JobProgress,
  LtxError,
  LtxProvider,
  ParameterForm,
  SegmentPicker,
  VideoResult,
  type JobRef,
  type JobSnapshot,
  type VideoTransport,
} from '../../src/index'

type Media = { name: 'prefers-color-scheme' | 'forced-colors'; value: string }
const emulate = (features: Media[]) => cdp().send('Emulation.setEmulatedMedia', { features })

beforeEach(async () => {
  await page.viewport(1280, 900)
})
afterEach(async () => {
  cleanup()
  await emulate([])
})

// ---- colour maths (WCAG 2.x relative luminance) ----
function rgb(colour: string): [number, number, number, number] {
  const match = /rgba?\(([^)]+)\)/.exec(colour)
  if (match === null) throw new Error(`not an rgb colour: ${colour}`)
  const [r = 0, g = 0, b = 0, a = 1] = (match[1] ?? '').split(/[,\s/]+/).filter(Boolean).map(Number)
  return [r, g, b, a]
}
function luminance([r, g, b]: readonly number[]): number {
  const channel = (value = 0) => {
    const c = value / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}
function contrast(a: string, b: string): number {
  const [high, low] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x) as [number, number]
  return (high + 0.05) / (low + 0.05)
}
/** The colour painted behind `element`: its own background, else the nearest ancestor's. */
function backdrop(element: Element | null): string {
  for (let node = element; node !== null; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor
    if (rgb(colour)[3] > 0) return colour
  }
  return 'rgb(255, 255, 255)'
}
/** What a system colour keyword computes to right now. */
function systemColour(keyword: 'Highlight' | 'HighlightText' | 'CanvasText' | 'Canvas'): string {
  const probe = document.createElement('div')
  // Unadjusted, so the keyword itself is what computes (forced colours would replace it).
  probe.style.forcedColorAdjust = 'none'
  probe.style.color = keyword
  document.body.append(probe)
  const value = getComputedStyle(probe).color
  probe.remove()
  return value
}
const style = (element: Element | null) => {
  if (element === null) throw new Error('missing element')
  return getComputedStyle(element)
}
const one = <T extends Element = HTMLElement>(selector: string) => {
  const element = document.querySelector<T>(selector)
  if (element === null) throw new Error(`no ${selector}`)
  return element
}

// ---- fixtures: each component in a representative state ----
const blobVideo = URL.createObjectURL(new Blob([], { type: 'video/mp4' }))
function fixedTransport(provider: JobRef['provider'], answer: (job: JobRef) => JobSnapshot): VideoTransport {
  return { provider, submit: () => Promise.reject(new Error('no submits here')), status: async (job) => answer(job) }
}
const snapshot = (job: JobRef, phase: JobSnapshot['phase'], extra: Partial<JobSnapshot> = {}): JobSnapshot => ({
  job,
  phase,
  providerStatus: phase,
  checkedAt: Date.now(),
  ...extra,
})
const running: JobRef = { id: 'task-running', model: 'ltx-2-19b', provider: 'apixo', submittedAt: Date.now() - 45_000 }
const failed: JobRef = { id: 'req-failed', model: 'ltx-2-fast', provider: 'segmind', submittedAt: Date.now() - 30_000 }
const done: JobRef = { id: 'req-done', model: 'ltx-2-fast', provider: 'segmind', submittedAt: Date.now() - 30_000 }

function Showcase({ theme }: { theme?: 'light' | 'dark' }): ReactNode {
  const transports = {
    apixo: fixedTransport('apixo', (job) => snapshot(job, 'running')),
    segmind: fixedTransport('segmind', (job) =>
      job.id === failed.id
        ? snapshot(job, 'failed', { error: new LtxError('generation-failed', 'Blocked.', { retryable: true }) })
        : snapshot(job, 'succeeded', { output: { videoUrl: blobVideo, urls: [blobVideo] } }),
    ),
  }
  return (
    <div data-ltx-theme={theme} style={{ display: 'grid', gap: 16, padding: 16, width: 640, background: 'var(--ltx-color-bg)' }}>
      <LtxProvider queryClient={new QueryClient()} transports={transports} persist={false}>
        <ParameterForm model="ltx-2-fast" defaultValues={{ generate_audio: false }} onSubmit={() => undefined} />
        <ParameterForm model="ltx-2-19b-t2v" onSubmit={() => undefined} />
        <JobProgress job={running} input={{ mode: 'text-to-video', prompt: 'p', resolution: '720p', duration: 10 }} />
        <JobProgress job={failed} onRetry={() => undefined} onEdit={() => undefined} />
        <VideoResult snapshot={snapshot(done, 'succeeded', { output: { videoUrl: blobVideo, urls: [blobVideo] } })} onRetake={() => undefined} />
        <SegmentPicker durationSec={4} src={blobVideo} defaultValue={{ start: 1, end: 3 }} />
      </LtxProvider>
    </div>
  )
}

async function settled() {
  // The fixed transports answer at once; give the first status checks a moment to land.
  await expect.poll(() => document.querySelectorAll('.ltx-job-progress__fill').length).toBe(1)
  await expect.poll(() => document.querySelector('[data-action="retry"]')).not.toBeNull()
}

describe.each([
  ['light', []],
  ['OS dark', [{ name: 'prefers-color-scheme', value: 'dark' }]],
] as const)('contrast in %s', (_, media) => {
  beforeEach(async () => {
    await emulate([...media])
    render(<Showcase />)
    await settled()
  })

  it('gives input borders, the switch’s off track, segmented tracks, radio chips and bars at least 3:1', () => {
    const form = one('.ltx-parameter-form')
    const checks: [string, string, string][] = [
      ['textarea border', style(one('.ltx-textarea')).borderTopColor, backdrop(one('.ltx-textarea'))],
      ['textarea border on the form', style(one('.ltx-textarea')).borderTopColor, backdrop(form)],
      ['switch off track', style(one('.ltx-switch[data-state="unchecked"]')).backgroundColor, backdrop(form)],
      ['segmented track border', style(one('.ltx-segmented')).borderTopColor, backdrop(form)],
      ['radio chip border', style(one('.ltx-radios .ltx-option[data-state="unchecked"]')).borderTopColor, backdrop(form)],
      ['progress bar border', style(one('.ltx-job-progress__bar')).borderTopColor, backdrop(one('.ltx-job-progress'))],
      ['segment track border', getComputedStyle(one('.ltx-segment-picker__track'), '::before').borderTopColor, backdrop(one('.ltx-segment-picker'))],
      ['outlined button border', style(one('.ltx-video-result__button')).borderTopColor, backdrop(one('.ltx-video-result'))],
    ]
    for (const [what, colour, behind] of checks) {
      expect(contrast(colour, behind), `${what}: ${colour} on ${behind}`).toBeGreaterThanOrEqual(3)
    }
  })

  it('draws a 2 px focus outline at 3:1 or more on inputs, segments, switches, thumbs and buttons', async () => {
    const targets = [
      one('.ltx-textarea'),
      one<HTMLInputElement>('.ltx-segmented .ltx-option-input:checked'),
      one('.ltx-switch'),
      one<HTMLInputElement>('.ltx-segment-picker__thumb input'),
      one('.ltx-video-result__button'),
      one('.ltx-job-progress__button'),
      one('.ltx-parameter-form .ltx-button-primary'),
    ]
    for (const target of targets) {
      // Focus by keyboard, as :focus-visible needs: from the element before it, Tab.
      target.focus()
      await userEvent.keyboard('{Shift>}{Tab}{/Shift}')
      await userEvent.keyboard('{Tab}')
      expect(document.activeElement).toBe(target)
      // Hidden inputs show their focus on the element that stands for them.
      const shown = target.matches('.ltx-option-input') ? target.closest('.ltx-option') : target.matches('.ltx-segment-picker__thumb input') ? target.closest('.ltx-segment-picker__thumb') : target
      const outline = style(shown)
      expect(outline.outlineStyle, target.className).toBe('solid')
      expect(Number.parseFloat(outline.outlineWidth)).toBeGreaterThanOrEqual(2)
      expect(contrast(outline.outlineColor, backdrop(shown?.parentElement ?? null)), target.className).toBeGreaterThanOrEqual(3)
    }
  })
})

describe('OS dark without data-ltx-theme', () => {
  it('says dark to native controls on every part’s root (color-scheme), as data-ltx-theme="dark" does', async () => {
    await emulate([{ name: 'prefers-color-scheme', value: 'dark' }])
    render(<Showcase />)
    await settled()
    for (const root of document.querySelectorAll('.ltx-parameter-form, .ltx-job-progress, .ltx-video-result, .ltx-segment-picker')) {
      expect(style(root).colorScheme).toBe('dark')
    }
    cleanup()
    await emulate([])
    render(<Showcase />)
    expect(style(one('.ltx-parameter-form')).colorScheme).toBe('light')
  })
})

describe('forced colours (Windows High Contrast)', () => {
  beforeEach(async () => {
    await emulate([{ name: 'forced-colors', value: 'active' }])
    render(<Showcase />)
    await settled()
  })

  it('draws state with system colours: selected segment, switch, progress fill, segment range', () => {
    const highlight = systemColour('Highlight')
    const canvasText = systemColour('CanvasText')
    expect(style(one('.ltx-segmented .ltx-option[data-state="checked"]')).backgroundColor).toBe(highlight)
    expect(style(one('.ltx-radios .ltx-option[data-state="checked"]')).backgroundColor).toBe(highlight)
    // The switch does not vanish: an outlined track with a thumb in the text colour when off,
    // Highlight when on.
    const off = one('.ltx-switch[data-state="unchecked"]')
    expect(style(off).borderTopStyle).toBe('solid')
    expect(style(off).borderTopColor).toBe(canvasText)
    expect(getComputedStyle(off, '::before').backgroundColor).toBe(canvasText)
    one<HTMLInputElement>('.ltx-switch').click()
    const on = one('.ltx-switch[data-state="checked"]')
    expect(style(on).backgroundImage).toBe(`linear-gradient(${highlight}, ${highlight})`)
    expect(style(on).borderTopColor).toBe(highlight)
    expect(style(one('.ltx-job-progress__fill')).backgroundColor).toBe(highlight)
    expect(style(one('.ltx-segment-picker__range')).backgroundColor).toBe(highlight)
  })

  it('keeps focus outlines (box-shadow rings vanish in forced colours)', async () => {
    for (const target of [one('.ltx-textarea'), one<HTMLInputElement>('.ltx-segment-picker__thumb input')]) {
      target.focus()
      await userEvent.keyboard('{Shift>}{Tab}{/Shift}')
      await userEvent.keyboard('{Tab}')
      const shown = target.closest('.ltx-segment-picker__thumb') ?? target
      expect(style(shown).outlineStyle).toBe('solid')
      expect(Number.parseFloat(style(shown).outlineWidth)).toBeGreaterThanOrEqual(2)
    }
  })
})

describe('consistent controls', () => {
  it('gives every button of every part one height, and inputs and segments the same', async () => {
    render(<Showcase />)
    await settled()
    const heights = new Map<string, number>()
    const selectors = [
      '.ltx-parameter-form .ltx-button',
      '.ltx-job-progress__button',
      '.ltx-video-result__button',
      '.ltx-video-result__link',
      '.ltx-segment-picker__button',
      '.ltx-parameter-form .ltx-segmented',
      '.ltx-parameter-form .ltx-radios .ltx-option',
      '.ltx-parameter-form .ltx-input',
    ]
    for (const selector of selectors) {
      for (const element of document.querySelectorAll<HTMLElement>(selector)) heights.set(`${selector} ${element.textContent}`, element.getBoundingClientRect().height)
    }
    expect(heights.size).toBeGreaterThan(10)
    expect(new Set(heights.values()), JSON.stringify(Object.fromEntries(heights))).toEqual(new Set([40]))
  })

  it('fits a 10-digit seed in the seed input', async () => {
    render(<ParameterForm model="ltx-2-19b-t2v" defaultValues={{ seed: 2147483647 }} onSubmit={() => undefined} />)
    one('.ltx-advanced-summary').click()
    const seed = one<HTMLInputElement>('.ltx-seed .ltx-input')
    expect(seed.value).toBe('2147483647')
    expect(seed.scrollWidth).toBeLessThanOrEqual(seed.clientWidth)
  })

  it('at 320 px: the page’s gutter is the form’s only one, and Generate spans the width', async () => {
    await page.viewport(320, 640)
    render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} />)
    const form = one('.ltx-parameter-form')
    expect(style(form).paddingLeft).toBe('0px')
    const generate = one('.ltx-button-primary').getBoundingClientRect()
    expect(generate.width).toBe(form.getBoundingClientRect().width)
    // Nothing is wider than the screen.
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320)
  })
})

describe('names as the browser computes them', () => {
  it('leaves the required asterisk out of the name, and names a slider and its number input apart', async () => {
    render(<ParameterForm model="ltx-2-19b" onSubmit={() => undefined} />)
    await expect.element(page.getByRole('textbox', { name: 'Prompt', exact: true })).toBeInTheDocument()
    await expect.element(page.getByText('*')).toBeVisible()
    await expect.element(page.getByRole('slider', { name: 'Duration', exact: true })).toHaveAttribute('aria-valuetext', '10 seconds')
    await expect.element(page.getByRole('spinbutton', { name: 'Duration, exact', exact: true })).toHaveValue(10)
  })
})
