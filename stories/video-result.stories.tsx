import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { SegmentPicker, VideoResult, type RetakeHandoff } from '../src/index'
import { jobSubmitted, sampleVideoUrl, snapshotOf, succeededWith, themedCanvas } from './story-fakes'

const withAudio = sampleVideoUrl('with-audio')
const silent = sampleVideoUrl('silent')

const t2vInput = { prompt: 'A red fox trotting through fresh snow', width: 1280, height: 720, num_frames: 161, fps: 24, seed: 42 }
const fastInput = { prompt: 'Waves rolling onto a black-sand beach', duration: 6, resolution: '1080p', generate_audio: true } as const
const ltxVideoInput = { prompt: 'Paper boats drifting down a gutter after rain', length: 97, target_size: 640, aspect_ratio: '3:2' } as const
const apixoInput = { mode: 'text-to-video', prompt: 'A lighthouse at dusk', resolution: '720p', duration: 10, seed: -1 } as const

const meta = {
  title: 'Components/VideoResult',
  component: VideoResult,
  decorators: [themedCanvas],
  args: { snapshot: null },
  parameters: {
    docs: {
      description: {
        component:
          'A finished job’s video in `<video controls>` — only `https:`, `http:` and `blob:` URLs are ever put in `src` or `href` — with its details and metrics, download, copy link, the provider’s expiry notice and “Retake a segment”. The videos here are the simulator’s 4-second, 320×180 sample clips.',
      },
    },
  },
} satisfies Meta<typeof VideoResult>

export default meta
type Story = StoryObj<typeof meta>

const root = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-state]')

/** The value shown beside a term of the details list. */
function detail(canvasElement: HTMLElement, term: string): string | null | undefined {
  return within(canvasElement).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent
}

/** Resolve once the video's metadata has loaded (it then gives the details its real length and size). */
async function metadataLoaded(video: HTMLVideoElement): Promise<void> {
  await waitFor(() => expect(video.readyState).toBeGreaterThanOrEqual(HTMLMediaElement.HAVE_METADATA), { timeout: 5000 })
}

/** Replace the clipboard for one story: `writeText` resolves, or rejects when `refuse` is set. */
function stubClipboard(written: string[], refuse = false) {
  return () => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: async (text: string) => {
          if (refuse) throw new DOMException('Write permission denied.', 'NotAllowedError')
          written.push(text)
        },
      },
    })
    return () => {
      Reflect.deleteProperty(navigator, 'clipboard')
    }
  }
}

export const Empty: Story = {
  name: 'Empty (no job yet): renders nothing',
  play: async ({ canvasElement }) => {
    // Nothing until there is a video: JobProgress says where the job stands.
    await expect(root(canvasElement)).toBeNull()
    await expect(canvasElement.textContent).toBe('')
  },
}

export const EmptyPlaceholder: Story = {
  name: 'Empty, with the placeholder the app opted into',
  args: { placeholder: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText('No video yet.')).toBeVisible()
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'empty')
    await expect(canvas.queryByLabelText('Generated video')).not.toBeInTheDocument()
    await expect(canvas.queryByRole('link')).not.toBeInTheDocument()
  },
}

export const StillRunning: Story = {
  name: 'Empty (job still running, placeholder)',
  args: { snapshot: snapshotOf(jobSubmitted('ltx-2-fast', 'segmind'), 'running'), placeholder: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No video yet.')).toBeVisible()
    await expect(root(canvasElement)).toHaveAttribute('data-provider', 'segmind')
  },
}

export const Failed: Story = {
  name: 'Unavailable (job failed, placeholder)',
  args: { snapshot: snapshotOf(jobSubmitted('ltx-2-fast', 'segmind'), 'failed'), placeholder: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText('No video: the job failed.')).toBeVisible()
    await expect(canvas.queryByText('No video yet.')).not.toBeInTheDocument()
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'unavailable')
    await expect(root(canvasElement)).toHaveAttribute('data-phase', 'failed')
  },
}

export const Expired: Story = {
  name: 'Unavailable (result expired, placeholder)',
  args: { snapshot: snapshotOf(jobSubmitted('ltx-2-19b', 'apixo'), 'expired'), placeholder: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No video: the result expired.')).toBeVisible()
    await expect(root(canvasElement)).toHaveAttribute('data-phase', 'expired')
  },
}

export const WithAudio: Story = {
  name: 'Ready: with audio (ltx-2-fast)',
  args: { snapshot: succeededWith(jobSubmitted('ltx-2-fast', 'segmind'), withAudio), input: fastInput },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const video = canvas.getByLabelText<HTMLVideoElement>('Generated video')
    await expect(video.tagName).toBe('VIDEO')
    await expect(video).toHaveAttribute('controls')
    await expect(video).toHaveAttribute('src', withAudio)
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'ready')
    await expect(detail(canvasElement, 'Model')).toBe('LTX-2 Fast')
    // Once the clip's metadata loads, its own length and size replace the ones the input implies.
    await metadataLoaded(video)
    await waitFor(() => expect(detail(canvasElement, 'Duration')).toBe('4 s'))
    await expect(detail(canvasElement, 'Resolution')).toBe('320×180')
    const download = canvas.getByRole('link', { name: 'Download' })
    await expect(download).toHaveAttribute('href', withAudio)
    await expect(download).toHaveAttribute('download')
    // A provider's CDN is another origin, where `download` is ignored: a new tab keeps the app open.
    await expect(download).toHaveAttribute('target', '_blank')
    await expect(canvas.getByRole('note')).toHaveTextContent(/Segmind keeps this result for one hour/)
    // A fixed 16:9 frame with a dark letterbox, whatever the clip's own shape.
    await expect(getComputedStyle(video).aspectRatio).toBe('16 / 9')
    await expect(getComputedStyle(video).objectFit).toBe('contain')
    await expect(getComputedStyle(video).backgroundColor).toBe('rgb(11, 12, 15)')
  },
}

export const Silent: Story = {
  name: 'Ready: without audio (ltx-video)',
  args: { snapshot: succeededWith(jobSubmitted('ltx-video', 'segmind'), silent), input: ltxVideoInput },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const video = canvas.getByLabelText<HTMLVideoElement>('Generated video')
    await expect(video).toHaveAttribute('src', silent)
    await expect(detail(canvasElement, 'Model')).toBe('LTX-Video')
    await metadataLoaded(video)
    await waitFor(() => expect(detail(canvasElement, 'Duration')).toBe('4 s'))
  },
}

export const WithMetrics: Story = {
  name: 'Ready: seed and Segmind metrics',
  args: {
    snapshot: succeededWith(jobSubmitted('ltx-2-19b-t2v', 'segmind'), withAudio, {
      metrics: { cost: 0.2, remainingCredits: 99.8, queueTime: 1.24, inferenceTime: 30.54, totalTime: 31.78 },
    }),
    input: t2vInput,
  },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('dl')).toHaveAttribute('aria-label', 'Video details')
    await expect(detail(canvasElement, 'Model')).toBe('LTX-2 19B · text to video')
    await expect(detail(canvasElement, 'Seed')).toBe('42')
    await expect(detail(canvasElement, 'Cost')).toBe('$0.20')
    await expect(detail(canvasElement, 'Queue time')).toBe('1.2 s')
    await expect(detail(canvasElement, 'Generation time')).toBe('30.5 s')
    await expect(detail(canvasElement, 'Total time')).toBe('31.8 s')
  },
}

export const ApixoExpiry: Story = {
  name: 'Ready: APIXO (random seed, 15-day expiry notice)',
  args: { snapshot: succeededWith(jobSubmitted('ltx-2-19b', 'apixo'), withAudio), input: apixoInput },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(root(canvasElement)).toHaveAttribute('data-provider', 'apixo')
    await expect(canvas.getByText(/This link expires within 15 days/)).toBeVisible()
    // Seed -1 means "random": there is no seed to show.
    await expect(canvas.queryByText('Seed', { selector: 'dt' })).not.toBeInTheDocument()
    await expect(detail(canvasElement, 'Resolution')).toBe('720p')
  },
}

export const RefusedJavascriptUrl: Story = {
  name: 'Refused: javascript: URL',
  args: { snapshot: succeededWith(jobSubmitted('ltx-2-fast', 'segmind'), 'javascript:alert(document.cookie)') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('alert')).toHaveTextContent('not an http, https or blob URL, so it was refused')
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'refused')
    await expect(canvas.queryByLabelText('Generated video')).not.toBeInTheDocument()
    await expect(canvas.queryByRole('link')).not.toBeInTheDocument()
    await expect(canvasElement.innerHTML).not.toContain('javascript:')
  },
}

export const RefusedDataUrl: Story = {
  name: 'Refused: data: URL',
  args: { snapshot: succeededWith(jobSubmitted('ltx-2-19b', 'apixo'), 'data:video/mp4;base64,AAAAIGZ0eXBpc29t') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('alert')).toBeVisible()
    await expect(canvas.queryByLabelText('Generated video')).not.toBeInTheDocument()
    await expect(canvasElement.innerHTML).not.toContain('data:video')
  },
}

const copied: string[] = []

export const LinkCopied: Story = {
  name: 'Copy link: copied',
  args: { snapshot: succeededWith(jobSubmitted('ltx-2-fast', 'segmind'), withAudio), input: fastInput },
  beforeEach: () => {
    copied.length = 0
    return stubClipboard(copied)()
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const status = canvas.getByRole('status', { name: 'Copy link status' })
    await expect(status).toBeEmptyDOMElement()
    await userEvent.click(canvas.getByRole('button', { name: 'Copy link' }))
    await waitFor(() => expect(status).toHaveTextContent('Link copied.'))
    await expect(status).toHaveAttribute('data-copy', 'copied')
    await expect(copied).toEqual([withAudio])
    // A second copy empties the status, then fills it again, so it is announced again.
    await userEvent.click(canvas.getByRole('button', { name: 'Copy link' }))
    await waitFor(() => expect(status).toBeEmptyDOMElement())
    await waitFor(() => expect(status).toHaveTextContent('Link copied.'))
    await expect(copied).toEqual([withAudio, withAudio])
  },
}

export const CopyFailed: Story = {
  name: 'Copy link: clipboard refused',
  args: { snapshot: succeededWith(jobSubmitted('ltx-2-fast', 'segmind'), withAudio), input: fastInput },
  beforeEach: stubClipboard([], true),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Copy link' }))
    const status = canvas.getByRole('status')
    await waitFor(() => expect(status).toHaveTextContent('Could not copy the link; copy it from the download link instead.'))
    await expect(status).toHaveAttribute('data-copy', 'failed')
  },
}

export const WithRetake: Story = {
  name: 'Retake a segment',
  args: { snapshot: succeededWith(jobSubmitted('ltx-2-fast', 'segmind'), withAudio), input: fastInput, onRetake: fn() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const video = canvas.getByLabelText<HTMLVideoElement>('Generated video')
    await metadataLoaded(video)
    await waitFor(() => expect(detail(canvasElement, 'Duration')).toBe('4 s'))
    await userEvent.click(canvas.getByRole('button', { name: 'Retake a segment' }))
    // The clip's real length (4 s), not the 6 s its input asked for, and the job, for useRetake's lineage.
    await expect(args.onRetake).toHaveBeenCalledWith({
      url: withAudio,
      durationSec: 4,
      job: expect.objectContaining({ model: 'ltx-2-fast', provider: 'segmind' }),
    })
  },
}

function ResultThenPicker(props: Parameters<typeof VideoResult>[0]) {
  const [source, setSource] = useState<RetakeHandoff | null>(null)
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <VideoResult {...props} onRetake={setSource} />
      {source === null ? null : <SegmentPicker src={source.url} durationSec={source.durationSec} />}
    </div>
  )
}

export const RetakeHandsOffToSegmentPicker: Story = {
  name: 'Retake hands the video to SegmentPicker',
  args: { snapshot: succeededWith(jobSubmitted('ltx-2-fast', 'segmind'), withAudio), input: fastInput },
  render: (args) => <ResultThenPicker {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await metadataLoaded(canvas.getByLabelText<HTMLVideoElement>('Generated video'))
    await waitFor(() => expect(detail(canvasElement, 'Duration')).toBe('4 s'))
    await userEvent.click(canvas.getByRole('button', { name: 'Retake a segment' }))
    const picker = await canvas.findByRole('group', { name: 'Segment to retake' })
    await expect(within(picker).getByLabelText('Source video')).toHaveAttribute('src', withAudio)
    await expect(within(picker).getByRole('status', { name: 'Selected segment' })).toHaveTextContent('0:00 to 0:04, 4 seconds')
  },
}

export const CustomLabels: Story = {
  name: 'Custom labels (German)',
  args: {
    snapshot: succeededWith(jobSubmitted('ltx-2-fast', 'segmind'), silent),
    input: fastInput,
    labels: {
      video: 'Erzeugtes Video',
      details: 'Videodetails',
      model: 'Modell',
      duration: 'Dauer',
      resolution: 'Auflösung',
      download: 'Herunterladen',
      copyLink: 'Link kopieren',
      expiry: {
        segmind: 'Segmind bewahrt das Ergebnis eine Stunde auf: laden Sie das Video herunter.',
        apixo: 'Dieser Link läuft innerhalb von 15 Tagen ab.',
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByLabelText('Erzeugtes Video')).toBeInTheDocument()
    await expect(canvas.getByRole('link', { name: 'Herunterladen' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Link kopieren' })).toBeVisible()
    await expect(canvas.getByText(/Segmind bewahrt das Ergebnis/)).toBeVisible()
  },
}
