import type { Meta, StoryObj } from '@storybook/react-vite'
import { Playground } from './playground'
import { contentViolation, fullFlow, outOfCredits, playgroundArgTypes, rateLimitedThenRetried, typePrompt } from './playground-play'

const meta = {
  title: 'Playground/LTX-2 19B text to video (Segmind)',
  component: Playground,
  args: { model: 'ltx-2-19b-t2v', speed: 20, failure: 'none' },
  argTypes: playgroundArgTypes,
  // The playground is a page with its own gutter.
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Playground>

export default meta
type Story = StoryObj<typeof meta>

const fill = typePrompt('A lighthouse in a storm, waves crashing, thunder rumbling')

/** The whole flow: fill the form, generate, watch, play the video, retake a segment. */
export const Playground_: Story = fullFlow(fill)

/** The provider refuses the content: the job ends as failed, with its reason. */
export const ContentViolation: Story = contentViolation(fill)

/** Out of credits: the submit is refused with a typed error, and nothing is watched. */
export const OutOfCredits: Story = outOfCredits(fill)

/** Rate-limited once: the refusal may pass, so "Try again" is offered, and it goes through. */
export const RateLimited: Story = rateLimitedThenRetried(fill)
