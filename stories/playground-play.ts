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

/** Submit the form as a user would and wait for the job to end with a video. */
export async function generate(canvas: Canvas, fill: (canvas: Canvas) => Promise<void>): Promise<void> {
  await fill(canvas)
  await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }))
  await waitFor(() => expect(canvas.getAllByText('Video ready')[0]).toBeVisible(), LONG)
  const video = canvas.getByLabelText('Generated video')
  await expect(video.getAttribute('src')).toMatch(/^https?:\/\/[^/]+\/api\/playground\/sim\/videos\/.+\.mp4$/)
}

/** Type a prompt into the form's Prompt field. */
export function typePrompt(prompt: string) {
  return async (canvas: Canvas) => {
    await userEvent.type(canvas.getByRole('textbox', { name: /^Prompt/ }), prompt)
  }
}

/** From a finished video: open the retake panel, widen the segment by keyboard, retake it, see the result. */
export async function retakeASegment(canvas: Canvas): Promise<void> {
  const retake = canvas.getByRole('button', { name: 'Retake a segment' })
  await waitFor(() => expect(retake).toBeEnabled(), LONG)
  await userEvent.click(retake)
  const end = await canvas.findByRole('slider', { name: /End/ })
  end.focus()
  await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}')
  await expect(end).toHaveAttribute('aria-valuenow', '3')
  await userEvent.type(canvas.getByRole('textbox', { name: 'What should change' }), 'make it night')
  await userEvent.click(canvas.getByRole('button', { name: 'Retake this segment' }))
  await waitFor(() => expect(canvas.getByText(/^Retake of 0\.0–3\.0 s/)).toBeVisible(), LONG)
  await waitFor(() => expect(canvas.getAllByText('Video ready')).toHaveLength(2), LONG)
}

type Fill = (canvas: Canvas) => Promise<void>
type PlayContext = { canvasElement: HTMLElement }

/** The whole flow: fill the form, generate, watch, play the video, retake a segment. */
export function fullFlow(fill: Fill) {
  return {
    name: 'Playground',
    play: async ({ canvasElement }: PlayContext) => {
      const canvas = within(canvasElement)
      await generate(canvas, fill)
      await retakeASegment(canvas)
    },
  }
}

/** The provider refuses the content: the job ends as failed, with its reason. */
export function contentViolation(fill: Fill) {
  return {
    args: { failure: 'content-violation' as const },
    play: async ({ canvasElement }: PlayContext) => {
      const canvas = within(canvasElement)
      await fill(canvas)
      await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }))
      await waitFor(() => expect(canvas.getByText('Generation failed')).toBeVisible(), LONG)
    },
  }
}

/** Out of credits: the submit is refused with a typed error, and nothing is watched. */
export function outOfCredits(fill: Fill) {
  return {
    args: { failure: 'insufficient-credits' as const },
    play: async ({ canvasElement }: PlayContext) => {
      const canvas = within(canvasElement)
      await fill(canvas)
      await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }))
      await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(/credit/i), { timeout: 10_000 })
    },
  }
}
