import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import { ModelReference } from './model-reference'

const meta = {
  title: 'Models/Reference',
  component: ModelReference,
  parameters: {
    docs: {
      description: {
        component:
          'Generated from each model schema: every parameter with its label, type, range or allowed values, default, and whether it is required.',
      },
    },
  },
} satisfies Meta<typeof ModelReference>

export default meta
type Story = StoryObj<typeof meta>

export const Ltx219bT2v: Story = {
  name: 'ltx-2-19b-t2v (Segmind)',
  args: { model: 'ltx-2-19b-t2v' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const fps = canvas.getByRole('row', { name: /fps/ })
    await expect(fps).toHaveTextContent('1 – 30 fps')
    await expect(fps).toHaveTextContent('24')
  },
}

export const LtxVideo: Story = {
  name: 'ltx-video (Segmind)',
  args: { model: 'ltx-video' },
  play: async ({ canvasElement }) => {
    const length = within(canvasElement).getByRole('row', { name: /length/ })
    await expect(length).toHaveTextContent('97, 129, 161, 193, 225, 257')
  },
}

export const Ltx2Fast: Story = {
  name: 'ltx-2-fast (Segmind)',
  args: { model: 'ltx-2-fast' },
}

export const LtxRetakeVideo: Story = {
  name: 'ltx-retake-video (Segmind)',
  args: { model: 'ltx-retake-video' },
  play: async ({ canvasElement }) => {
    const uri = within(canvasElement).getByRole('row', { name: /video_uri/ })
    await expect(uri).toHaveTextContent('required')
  },
}

export const ApixoLtx219b: Story = {
  name: 'ltx-2-19b (APIXO, four modes)',
  args: { model: 'ltx-2-19b' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getAllByRole('table')).toHaveLength(4)
    await expect(canvas.getByRole('heading', { name: /Image to video with LoRA/ })).toBeVisible()
  },
}
