import type { Meta, StoryObj } from '@storybook/react-vite'
import { Playground } from './playground'
import { contentViolation, fullFlow, outOfCredits, playgroundArgTypes, typePrompt } from './playground-play'

const meta = {
  title: 'Playground/LTX-Video (Segmind)',
  component: Playground,
  args: { model: 'ltx-video', speed: 20, failure: 'none' },
  argTypes: playgroundArgTypes,
  // The playground is a page with its own gutter.
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Playground>

export default meta
type Story = StoryObj<typeof meta>

const fill = typePrompt('A quiet harbour at dawn, fishing boats rocking gently, mist over the water, soft golden light')

/** The whole flow: fill the form, generate, watch, play the video, retake a segment. */
export const Playground_: Story = fullFlow(fill)

/** The provider refuses the content: the job ends as failed, with its reason. */
export const ContentViolation: Story = contentViolation(fill)

/** Out of credits: the submit is refused with a typed error, and nothing is watched. */
export const OutOfCredits: Story = outOfCredits(fill)
