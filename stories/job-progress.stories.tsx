import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { createSegmindTransport, JobProgress, LtxError, type JobRef, type VideoTransport } from '../src/index'
import { exampleInputs } from '../src/testing'
import { playgroundSimulator } from '../.storybook/simulator'
import { answersWith, failsWith, FixedJob, neverAnswers, snapshotOf, StoryLtx, type StatusAnswer, themedCanvas } from './story-fakes'

const meta = {
  title: 'Components/JobProgress',
  component: JobProgress,
  decorators: [themedCanvas],
  args: { job: null },
  parameters: {
    docs: {
      description: {
        component:
          'A job’s phase in a polite live region, the elapsed time, a progress bar estimated from the model’s documented generation time, the error’s message, and “Keep watching” after the watch deadline. The fixed states below watch a story-local transport whose status answer never changes; the Live stories watch real jobs on the playground simulator.',
      },
    },
  },
} satisfies Meta<typeof JobProgress>

export default meta
type Story = StoryObj<typeof meta>

const apixoInput = { mode: 'text-to-video', prompt: 'A lighthouse at dusk, waves breaking below', resolution: '720p', duration: 10 } as const

/** Render the story's JobProgress watching a job whose every status check gets `answer`. */
function watching(
  answer: StatusAnswer,
  { model = 'ltx-2-19b-t2v', provider = 'segmind', secondsAgo = 30 }: Partial<Pick<JobRef, 'model' | 'provider'>> & { secondsAgo?: number } = {},
): NonNullable<Story['render']> {
  return (args) => (
    <FixedJob model={model} provider={provider} secondsAgo={secondsAgo} answer={answer}>
      {(job) => <JobProgress {...args} job={job} />}
    </FixedJob>
  )
}

const root = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-state]')

export const Idle: Story = {
  name: 'Idle (no job): nothing shows',
  render: (args) => (
    <StoryLtx transports={{}}>
      <JobProgress {...args} job={null} />
    </StoryLtx>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    // Only the named, empty status region is there, visually hidden, ready for the first phase.
    await expect(canvas.getByRole('status', { name: 'Job progress' })).toBeEmptyDOMElement()
    await expect(canvasElement.textContent).toBe('')
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'idle')
    await expect(root(canvasElement)?.getBoundingClientRect().width).toBeLessThanOrEqual(1)
    await expect(canvas.queryByRole('progressbar')).not.toBeInTheDocument()
  },
}

export const IdlePlaceholder: Story = {
  name: 'Idle, with the placeholder the app opted into',
  args: { placeholder: true },
  render: (args) => (
    <StoryLtx transports={{}}>
      <JobProgress {...args} job={null} />
    </StoryLtx>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status', { name: 'Job progress' })).toHaveTextContent('No video requested')
  },
}

export const Pending: Story = {
  name: 'Pending (first check not answered yet)',
  render: watching(neverAnswers),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('status', { name: 'Job progress' })).toHaveTextContent('Checking the job')
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'pending')
    await expect(root(canvasElement)).not.toHaveAttribute('data-phase')
  },
}

export const Queued: Story = {
  name: 'Queued (Segmind: no time estimate)',
  render: watching(answersWith('queued', { providerStatus: 'QUEUED' })),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Job progress' })).toHaveTextContent('Queued'))
    await expect(root(canvasElement)).toHaveAttribute('data-phase', 'queued')
    // Segmind documents no generation time, so the bar is indeterminate and says why.
    const bar = canvas.getByRole('progressbar', { name: 'Generation progress' })
    await expect(bar).not.toHaveAttribute('aria-valuenow')
    await expect(bar).toHaveAttribute('aria-valuetext', 'No time estimate for this model')
    await expect(canvas.getByText('No time estimate for this model')).toBeVisible()
    await expect(canvas.getByText(/^Elapsed 0:3\d$/)).toBeVisible()
  },
}

export const RunningSegmind: Story = {
  name: 'Running (Segmind)',
  render: watching(answersWith('running', { providerStatus: 'PROCESSING' })),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Job progress' })).toHaveTextContent('Generating the video'))
    await expect(root(canvasElement)).toHaveAttribute('data-phase', 'running')
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('data-indeterminate')
  },
}

export const RunningWithApixoEstimate: Story = {
  name: 'Running with an APIXO estimate (720p, 10 s)',
  args: { input: apixoInput },
  render: watching(answersWith('running', { providerStatus: 'processing' }), { model: 'ltx-2-19b', provider: 'apixo', secondsAgo: 45 }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Job progress' })).toHaveTextContent('Generating the video'))
    // APIXO documents 60–90 s for 720p: 45 s in is about half of the longest time.
    await expect(canvas.getByText('Usually takes 60–90 seconds')).toBeVisible()
    const bar = canvas.getByRole('progressbar', { name: 'Generation progress' })
    const percent = Number(bar.getAttribute('aria-valuenow'))
    await expect(percent).toBeGreaterThanOrEqual(50)
    await expect(percent).toBeLessThan(70)
    await expect(bar).toHaveAttribute('aria-valuetext', `about ${percent}% (estimate)`)
    await expect(canvas.getByText(/^about \d+% \(estimate\)$/)).toBeVisible()
  },
}

export const RunningOverdue: Story = {
  name: 'Running past the documented time (APIXO)',
  args: { input: apixoInput },
  render: watching(answersWith('running', { providerStatus: 'processing' }), { model: 'ltx-2-19b', provider: 'apixo', secondsAgo: 100 }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Job progress' })).toHaveTextContent('Generating the video'))
    const bar = canvas.getByRole('progressbar')
    // Past 90 s a percentage would be a guess: the bar says so instead.
    await expect(bar).not.toHaveAttribute('aria-valuenow')
    await expect(bar).toHaveAttribute('aria-valuetext', 'Taking longer than usual')
  },
}

export const Succeeded: Story = {
  render: watching(
    answersWith('succeeded', {
      providerStatus: 'COMPLETED',
      output: { videoUrl: 'https://cdn.example.com/outputs/fox.mp4', urls: ['https://cdn.example.com/outputs/fox.mp4'] },
    }),
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Job progress' })).toHaveTextContent('Video ready'))
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'succeeded')
    const bar = canvas.getByRole('progressbar')
    await expect(bar).toHaveAttribute('aria-valuenow', '100')
    await expect(bar).toHaveAttribute('aria-valuetext', 'Complete')
    await expect(canvas.queryByRole('button')).not.toBeInTheDocument()
  },
}

export const FailedGeneration: Story = {
  name: 'Failed (generation failed, with the message)',
  render: watching(
    answersWith('failed', {
      providerStatus: 'failed',
      error: new LtxError('generation-failed', 'Video generation failed, please try again', { failCode: 'GENERATION_FAILED' }),
    }),
    { model: 'ltx-2-19b', provider: 'apixo', secondsAgo: 80 },
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const status = canvas.getByRole('status', { name: 'Job progress' })
    await waitFor(() => expect(status).toHaveTextContent('Generation failed'))
    await expect(status).toHaveTextContent('Video generation failed, please try again')
    await expect(root(canvasElement)).toHaveAttribute('data-phase', 'failed')
    await expect(canvas.queryByRole('progressbar')).not.toBeInTheDocument()
    await expect(canvas.queryByRole('button')).not.toBeInTheDocument()
  },
}

export const FailedWithActions: Story = {
  name: 'Failed, with “Edit and retry” (and “Try again” when it may pass)',
  args: { onEdit: fn(), onRetry: fn() },
  render: watching(
    answersWith('failed', {
      providerStatus: 'failed',
      error: new LtxError('generation-failed', 'The provider had a hiccup; try again.', { retryable: true }),
    }),
    { model: 'ltx-2-19b', provider: 'apixo', secondsAgo: 80 },
  ),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Job progress' })).toHaveTextContent('Generation failed'))
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }))
    await expect(args.onRetry).toHaveBeenCalledTimes(1)
    await userEvent.click(canvas.getByRole('button', { name: 'Edit and retry' }))
    await expect(args.onEdit).toHaveBeenCalledTimes(1)
  },
}

export const Expired: Story = {
  name: 'Expired (provider’s message)',
  render: watching(
    answersWith('expired', { error: new LtxError('expired', 'Segmind keeps results for one hour after they finish; this one is gone.') }),
  ),
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status', { name: 'Job progress' })
    await waitFor(() => expect(status).toHaveTextContent('Expired'))
    await expect(status).toHaveTextContent('Segmind keeps results for one hour')
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'expired')
  },
}

export const ExpiredWithoutMessage: Story = {
  name: 'Expired (default message)',
  render: watching(answersWith('expired'), { model: 'ltx-2-fast', provider: 'segmind' }),
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status', { name: 'Job progress' })
    await waitFor(() => expect(status).toHaveTextContent('Expired'))
    await expect(status).toHaveTextContent('The result is no longer kept by the provider.')
  },
}

const stillRunning = answersWith('running', { providerStatus: 'PROCESSING' })

/** Whether the "Keep watching" story's job has finished; its play function flips it. */
const keepWatchingScript = { ready: false }

/** Wait out the story's 2 s watch deadline and check the timeout state. */
async function expectWatchTimeout(canvasElement: HTMLElement) {
  const canvas = within(canvasElement)
  const keepWatching = await canvas.findByRole('button', { name: 'Keep watching' }, { timeout: 6000 })
  const status = canvas.getByRole('status', { name: 'Job progress' })
  await expect(status).toHaveTextContent('Still not ready')
  await expect(status).toHaveTextContent(/still not ready after 2 seconds/i)
  await expect(root(canvasElement)).toHaveAttribute('data-state', 'timeout')
  // Watching stopped; the job itself is still running upstream, not failed.
  await expect(root(canvasElement)).toHaveAttribute('data-phase', 'running')
  await expect(canvas.queryByRole('progressbar')).not.toBeInTheDocument()
  return keepWatching
}

export const WatchTimeout: Story = {
  name: 'Watch timeout (deadline 2 s)',
  args: { deadline: 2000 },
  render: watching(stillRunning),
  play: async ({ canvasElement }) => {
    await expectWatchTimeout(canvasElement)
  },
}

export const KeepWatching: Story = {
  name: 'Watch timeout, then “Keep watching”',
  args: { deadline: 2000 },
  beforeEach: () => {
    keepWatchingScript.ready = false
  },
  render: watching((job) =>
    keepWatchingScript.ready
      ? snapshotOf(job, 'succeeded', { output: { videoUrl: 'https://cdn.example.com/outputs/late.mp4', urls: [] } })
      : snapshotOf(job, 'running', { providerStatus: 'PROCESSING' }),
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const keepWatching = await expectWatchTimeout(canvasElement)
    keepWatchingScript.ready = true
    await userEvent.click(keepWatching)
    // The button goes away once watching resumes; focus moves to the status, not to <body>.
    await expect(canvas.getByRole('status', { name: 'Job progress' })).toHaveFocus()
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Job progress' })).toHaveTextContent('Video ready'))
    await expect(canvas.queryByRole('button', { name: 'Keep watching' })).not.toBeInTheDocument()
    await expect(canvas.getByRole('status', { name: 'Job progress' })).toHaveFocus()
  },
}

export const StatusError: Story = {
  name: 'Status error (the proxy refused the check)',
  render: watching(
    failsWith(
      new LtxError('unauthorized', 'The proxy refused the status check (401): check the API key it holds for Segmind.', {
        status: 401,
        retryable: false,
      }),
    ),
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const status = canvas.getByRole('status', { name: 'Job progress' })
    await waitFor(() => expect(status).toHaveTextContent('Status unavailable'))
    await expect(status).toHaveTextContent('check the API key it holds')
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'error')
    // Repeating the same check cannot fix a refused key: no "Keep watching".
    await expect(canvas.queryByRole('button')).not.toBeInTheDocument()
  },
}

export const CustomLabels: Story = {
  name: 'Custom labels (French)',
  args: {
    input: apixoInput,
    labels: {
      running: 'Génération de la vidéo',
      progress: 'Progression',
      elapsed: (time) => `Écoulé ${time}`,
      estimate: (percent) => `environ ${percent} % (estimation)`,
      estimateBasis: (min, max) => `Prend d’habitude ${min} à ${max} secondes`,
    },
  },
  render: watching(answersWith('running'), { model: 'ltx-2-19b', provider: 'apixo', secondsAgo: 45 }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Job progress' })).toHaveTextContent('Génération de la vidéo'))
    await expect(canvas.getByRole('progressbar', { name: 'Progression' })).toHaveAttribute('aria-valuetext', expect.stringMatching(/^environ \d+ % \(estimation\)$/))
    await expect(canvas.getByText('Prend d’habitude 60 à 90 secondes')).toBeVisible()
    await expect(canvas.getByText(/^Écoulé 0:4\d$/)).toBeVisible()
  },
}

// Live: real jobs on the playground simulator (msw at /api/ltx), through the Segmind transport.
const segmind = createSegmindTransport({ baseUrl: '/api/ltx/segmind' })
const liveTransports: Partial<Record<JobRef['provider'], VideoTransport>> = { segmind }

const liveRender: NonNullable<Story['render']> = (args, { loaded }) => (
  <StoryLtx transports={liveTransports}>
    <JobProgress {...args} job={(loaded as { job?: JobRef }).job ?? null} />
  </StoryLtx>
)

export const LiveOnSimulator: Story = {
  name: 'Live: queued → running → succeeded (simulator)',
  loaders: [
    async () => ({
      job: await segmind.submit('ltx-2-19b-t2v', { ...exampleInputs['ltx-2-19b-t2v'], prompt: 'A red fox trotting through fresh snow' }),
    }),
  ],
  render: liveRender,
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    const status = canvas.getByRole('status', { name: 'Job progress' })
    await expect(status).toHaveTextContent('Checking the job')
    // The simulator runs 20× faster than life: the job is generating at the first check (2 s).
    await waitFor(() => expect(status).toHaveTextContent('Generating the video'), { timeout: 6000 })
    await expect(canvas.getByText(/^Elapsed 0:0\d$/)).toBeVisible()
    // Finish it now rather than waiting out the rest of its simulated generation.
    playgroundSimulator.finish((loaded as { job: JobRef }).job.id, 'success')
    await waitFor(() => expect(status).toHaveTextContent('Video ready'), { timeout: 6000 })
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('aria-valuetext', 'Complete')
  },
}

export const LiveContentViolation: Story = {
  name: 'Live: content violation (simulator marker)',
  loaders: [
    async () => ({
      job: await segmind.submit('ltx-2-fast', { ...exampleInputs['ltx-2-fast'], prompt: 'A crowded street market [sim:content-violation]' }),
    }),
  ],
  render: liveRender,
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status', { name: 'Job progress' })
    await waitFor(() => expect(status).toHaveTextContent('Generation failed'), { timeout: 8000 })
    await expect(status).toHaveTextContent(/safety filter/i)
  },
}
