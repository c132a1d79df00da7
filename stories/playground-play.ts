import type { ArgTypes } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { playgroundFailures, type PlaygroundProps } from './playground'

/** Controls shared by every Playground story: simulator speed and a scripted failure. */
export const playgroundArgTypes: Partial<ArgTypes<PlaygroundProps>> = {
  model: { control: false },
  speed: {
    control: { type: 'range', min: 1, max: 100, step: 1 },
    description: 'Simulator speed-up over the documented generation times (changing it starts a fresh simulator).',
  },
  failure: {
    control: { type: 'select', labels: playgroundFailures },
    options: Object.keys(playgroundFailures),
    description: 'Something to go wrong, scripted on the simulator.',
  },
}

const LONG = { timeout: 20_000 }

type Canvas = ReturnType<typeof within>

/** The video URL a playground's own simulator serves (each playground has its own base path). */
export const PLAYGROUND_VIDEO = /^https?:\/\/[^/]+\/api\/playground\/p\d+\/sim\/videos\/.+\.mp4$/

/** Submit the form as a user would and wait for the job to end with a video. */
export async function generate(canvas: Canvas, fill: (canvas: Canvas) => Promise<void>): Promise<void> {
  await fill(canvas)
  await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }))
  await waitFor(() => expect(canvas.getAllByText('Video ready')[0]).toBeVisible(), LONG)
  const video = canvas.getByLabelText('Generated video')
  await expect(video.getAttribute('src')).toMatch(PLAYGROUND_VIDEO)
}

/** Type a prompt into the form's Prompt field. */
export function typePrompt(prompt: string) {
  return async (canvas: Canvas) => {
    await userEvent.type(canvas.getByRole('textbox', { name: 'Prompt' }), prompt)
  }
}

/** Focus is on something, never dropped to <body>. */
async function expectFocusKept(canvasElement: HTMLElement) {
  await expect(canvasElement.ownerDocument.activeElement).not.toBe(canvasElement.ownerDocument.body)
}

/**
 * From a finished video, by keyboard only: open the retake panel (focus lands on its heading),
 * widen the segment, retake it (focus stays on the button), see the result.
 */
export async function retakeASegment(canvas: Canvas, canvasElement: HTMLElement): Promise<void> {
  const retake = canvas.getByRole('button', { name: 'Retake a segment' })
  await waitFor(() => expect(retake).toBeEnabled(), LONG)
  await expect(retake).toHaveAttribute('aria-expanded', 'false')
  const panelId = retake.getAttribute('aria-controls')
  await expect(panelId).toBeTruthy()
  retake.focus()
  await userEvent.keyboard('{Enter}')
  await expect(retake).toHaveAttribute('aria-expanded', 'true')
  const panel = canvasElement.ownerDocument.getElementById(panelId ?? '')
  await expect(panel).toHaveAccessibleName('Retake a segment')
  await expect(canvas.getByRole('heading', { name: 'Retake a segment' })).toHaveFocus()
  // Tab on into the panel: the preview, then the start and end thumbs.
  const end = canvas.getByRole('slider', { name: 'End' })
  for (let step = 0; step < 6 && canvasElement.ownerDocument.activeElement !== end; step++) await userEvent.tab()
  await expect(end).toHaveFocus()
  await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}')
  await expect(end).toHaveAttribute('aria-valuenow', '3')
  await userEvent.tab()
  await userEvent.tab()
  await userEvent.keyboard('make it night')
  await expect(canvas.getByRole('textbox', { name: 'What should change' })).toHaveValue('make it night')
  await expect(canvas.getByRole('combobox', { name: 'Replace' })).toHaveValue('replace_audio_and_video')
  const submit = canvas.getByRole('button', { name: 'Retake this segment' })
  submit.focus()
  await userEvent.keyboard('{Enter}')
  // The button stays (aria-disabled while submitting), and so does focus.
  await expect(submit).toHaveFocus()
  await expectFocusKept(canvasElement)
  await waitFor(() => expect(canvas.getByText(/^Retake of 0\.0–3\.0 s/)).toBeVisible(), LONG)
  await expectFocusKept(canvasElement)
  await waitFor(() => expect(canvas.getAllByText('Video ready')).toHaveLength(2), LONG)
  await expectFocusKept(canvasElement)
}

type Fill = (canvas: Canvas) => Promise<void>
type PlayContext = { canvasElement: HTMLElement }

/** The whole flow: fill the form, generate, watch, play the video, retake a segment. */
export function fullFlow(fill: Fill) {
  return {
    name: 'Playground',
    play: async ({ canvasElement }: PlayContext) => {
      const canvas = within(canvasElement)
      // Nothing but the frame the video will fill before any job: no "No video" cards.
      await expect(canvas.queryByText(/No video/)).not.toBeInTheDocument()
      await expect(canvas.getByText('Your video appears here.')).toBeVisible()
      await generate(canvas, fill)
      await retakeASegment(canvas, canvasElement)
    },
  }
}

/**
 * The provider refuses the content: the job ends as failed, with its reason, once (no second
 * "No video" card), and "Edit and retry" takes the user back to the form with the same values.
 */
export function contentViolation(fill: Fill) {
  return {
    args: { failure: 'content-violation' as const },
    play: async ({ canvasElement }: PlayContext) => {
      const canvas = within(canvasElement)
      await fill(canvas)
      const prompt = canvas.getByRole('textbox', { name: 'Prompt' })
      const typed = (prompt as HTMLTextAreaElement).value
      await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }))
      await waitFor(() => expect(canvas.getByText('Generation failed')).toBeVisible(), LONG)
      await expect(canvas.queryByText(/^No video/)).not.toBeInTheDocument()
      // A refused prompt would be refused again: no "Try again", only a way back to edit it.
      await expect(canvas.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument()
      await userEvent.click(canvas.getByRole('button', { name: 'Edit and retry' }))
      await expect(prompt).toHaveFocus()
      await expect(prompt).toHaveValue(typed)
    },
  }
}

/**
 * Out of credits: the submit is refused with a typed error on an alert surface, the provider's
 * own text behind a toggle, and nothing is watched.
 */
export function outOfCredits(fill: Fill) {
  return {
    args: { failure: 'insufficient-credits' as const },
    play: async ({ canvasElement }: PlayContext) => {
      const canvas = within(canvasElement)
      await fill(canvas)
      await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }))
      await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(/credit/i), { timeout: 10_000 })
      const toggle = canvas.getByText('The provider’s reply')
      await expect(toggle.closest('details')).not.toHaveAttribute('open')
      await userEvent.click(toggle)
      await expect(toggle.closest('details')).toHaveAttribute('open')
      await expect(canvas.queryByRole('status', { name: 'Job progress' })).toBeEmptyDOMElement()
      await expect(canvas.getByRole('button', { name: 'Edit and retry' })).toBeVisible()
    },
  }
}

/** Rate-limited once: a retryable refusal offers "Try again", which then goes through. */
export function rateLimitedThenRetried(fill: Fill) {
  return {
    args: { failure: 'rate-limited' as const },
    play: async ({ canvasElement }: PlayContext) => {
      const canvas = within(canvasElement)
      await fill(canvas)
      await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }))
      await waitFor(() => expect(canvas.getByRole('alert')).toBeVisible(), { timeout: 10_000 })
      await userEvent.click(canvas.getByRole('button', { name: 'Try again' }))
      await waitFor(() => expect(canvas.getByText('Video ready')).toBeVisible(), LONG)
      await expect(canvas.queryByRole('alert')).not.toBeInTheDocument()
    },
  }
}
