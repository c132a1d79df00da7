import type { Meta, StoryObj } from '@storybook/react-vite'
import { userEvent, within } from 'storybook/test'
import { Playground } from './playground'
import { generate, playgroundArgTypes } from './playground-play'

const meta = {
  title: 'Playground/LTX Retake (Segmind)',
  component: Playground,
  args: { model: 'ltx-retake-video', speed: 20, failure: 'none' },
  argTypes: playgroundArgTypes,
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'Regenerate a segment of an existing video. Paste a video URL (the simulator serves its sample clips at /api/ltx/sim/videos/with-audio.mp4), choose the segment and what to replace. In the other playgrounds, "Retake a segment" on a finished video does the same from a picker.',
      },
    },
  },
} satisfies Meta<typeof Playground>

export default meta
type Story = StoryObj<typeof meta>

/** Retake seconds 1–3 of the simulator's sample clip. */
export const Playground_: Story = {
  name: 'Playground',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await generate(canvas, async (c) => {
      const uri = c.getByRole('textbox', { name: /^Source video/ })
      await userEvent.type(uri, `${window.location.origin}/api/ltx/sim/videos/with-audio.mp4`)
      await userEvent.clear(c.getByRole('spinbutton', { name: /^Start time/ }))
      await userEvent.type(c.getByRole('spinbutton', { name: /^Start time/ }), '1')
      await userEvent.clear(c.getByRole('spinbutton', { name: /^Segment length/ }))
      await userEvent.type(c.getByRole('spinbutton', { name: /^Segment length/ }), '2')
    })
  },
}
