import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Playground } from './playground'
import { generate, playgroundArgTypes, retakeASegment, typePrompt } from './playground-play'

const meta = {
  title: 'Playground/LTX-Video (Segmind)',
  component: Playground,
  args: { model: 'ltx-video', speed: 20, failure: 'none' },
  argTypes: playgroundArgTypes,
} satisfies Meta<typeof Playground>

export default meta
type Story = StoryObj<typeof meta>

/** The whole flow: fill the form, generate, watch, play the video, retake a segment. */
export const Playground_: Story = {
  name: 'Playground',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await generate(canvas, typePrompt('A quiet harbour at dawn, fishing boats rocking gently, mist over the water, soft golden light'))
    await retakeASegment(canvas)
  },
}

/** The provider refuses the content: the job ends as failed, with its reason. */
export const ContentViolation: Story = {
  args: { failure: 'content-violation' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await typePrompt('A quiet harbour at dawn, fishing boats rocking gently, mist over the water, soft golden light')(canvas)
    await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }))
    await waitFor(() => expect(canvas.getByText('Generation failed')).toBeVisible(), { timeout: 20_000 })
  },
}

/** Out of credits: the submit is refused with a typed error, and nothing is watched. */
export const OutOfCredits: Story = {
  args: { failure: 'insufficient-credits' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await typePrompt('A quiet harbour at dawn, fishing boats rocking gently, mist over the water, soft golden light')(canvas)
    await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }))
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(/credit/i), { timeout: 10_000 })
  },
}
