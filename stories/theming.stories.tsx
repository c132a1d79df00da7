import type { Meta, StoryObj } from '@storybook/react-vite'
import type { CSSProperties } from 'react'
import { expect, fn, userEvent, within } from 'storybook/test'
import { ParameterForm, type ModelParams } from '../src/index'
import { pageOnlyRules } from '../.storybook/a11y'
import { ThemeShowcase } from './theme-showcase'

const meta = {
  title: 'Theming',
  component: ThemeShowcase,
  args: { design: 'ltx', onSubmit: fn() },
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          '`ltx-react/styles.css` themes every component with CSS custom properties (`--ltx-color-*`, `--ltx-radius`, `--ltx-space`, `--ltx-font`, `--ltx-focus-ring`): light by default, dark under `prefers-color-scheme: dark` or inside `data-ltx-theme="dark"`, and any of them can be set on a wrapper. With `unstyled`, the `ltx-` classes go and a design system styles the parts it passes through `components`, using the roles and `data-*` attributes that stay.',
      },
    },
  },
} satisfies Meta<typeof ThemeShowcase>

export default meta
type Story = StoryObj<typeof meta>

const colour = (element: Element, property: string) => getComputedStyle(element).getPropertyValue(property).trim()

export const Light: Story = {
  name: 'Light (default tokens)',
  render: (args) => (
    <div data-ltx-theme="light">
      <ThemeShowcase {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const submit = canvas.getByRole('button', { name: 'Generate video' })
    await expect(colour(submit, 'background-color')).toBe('rgb(67, 70, 216)') // --ltx-color-accent #4346d8
    const progress = canvasElement.querySelector('.ltx-job-progress')
    if (progress === null) throw new Error('no JobProgress')
    await expect(colour(progress, 'background-color')).toBe('rgb(244, 245, 248)') // --ltx-color-surface
  },
}

export const Dark: Story = {
  name: 'Dark (data-ltx-theme="dark")',
  render: (args) => (
    <div data-ltx-theme="dark">
      <ThemeShowcase {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const wrapper = canvasElement.querySelector('[data-ltx-theme="dark"]')
    if (wrapper === null) throw new Error('no dark wrapper')
    await expect(colour(wrapper, 'color-scheme')).toBe('dark')
    const submit = canvas.getByRole('button', { name: 'Generate video' })
    await expect(colour(submit, 'background-color')).toBe('rgb(143, 146, 255)') // dark --ltx-color-accent #8f92ff
    await expect(colour(submit, 'color')).toBe('rgb(13, 14, 18)')
    const progress = canvasElement.querySelector('.ltx-job-progress')
    if (progress === null) throw new Error('no JobProgress')
    await expect(colour(progress, 'background-color')).toBe('rgb(31, 33, 39)') // dark --ltx-color-surface
    await expect(colour(progress, 'color')).toBe('rgb(232, 233, 238)')
    // The failed job's phase uses the dark danger colour.
    const failed = await canvas.findByText('Generation failed')
    await expect(colour(failed, 'color')).toBe('rgb(255, 138, 128)')
  },
}

// A whole light palette: set only some colours and the OS dark scheme fills in the rest
// (a light surface under dark-theme text). The scheme token tells native controls which it is.
const custom = {
  '--ltx-color-scheme': 'light',
  '--ltx-color-accent': '#0b6e4f',
  '--ltx-color-accent-fg': '#ffffff',
  '--ltx-color-bg': '#fffdf8',
  '--ltx-color-surface': '#fbf7ef',
  '--ltx-color-border': '#d9cfb8',
  '--ltx-color-control': '#857a62',
  '--ltx-color-fg': '#2a2418',
  '--ltx-color-muted': '#5c5240',
  '--ltx-color-danger': '#a3261b',
  '--ltx-color-success': '#1e6b3a',
  '--ltx-radius': '0px',
  '--ltx-space': '10px',
  '--ltx-font': "Georgia, 'Times New Roman', serif",
} as CSSProperties

export const CustomProperties: Story = {
  name: 'Custom properties (accent, radius, space, font)',
  render: (args) => (
    <div style={custom}>
      <ThemeShowcase {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const submit = canvas.getByRole('button', { name: 'Generate video' })
    await expect(colour(submit, 'background-color')).toBe('rgb(11, 110, 79)')
    await expect(colour(submit, 'border-top-left-radius')).toBe('0px')
    const form = submit.closest('form')
    if (form === null) throw new Error('no form')
    await expect(colour(form, 'font-family')).toContain('Georgia')
    const range = canvasElement.querySelector('[data-part="range"]')
    if (range === null) throw new Error('no SegmentPicker range')
    await expect(colour(range, 'background-color')).toBe('rgb(11, 110, 79)')
    const result = canvasElement.querySelector('.ltx-video-result')
    if (result === null) throw new Error('no VideoResult')
    await expect(colour(result, 'background-color')).toBe('rgb(251, 247, 239)')
    await expect(colour(result, 'border-top-left-radius')).toBe('0px')
    // The same light page whatever the OS scheme: its own background under its own text.
    await expect(colour(form, 'background-color')).toBe('rgb(255, 253, 248)')
    await expect(colour(form, 'color-scheme')).toBe('light')
  },
}

export const DarkWithCustomAccent: Story = {
  name: 'Dark with a custom accent',
  render: (args) => (
    <div data-ltx-theme="dark" style={{ '--ltx-color-accent': '#7ee0b5', '--ltx-radius': '16px' } as CSSProperties}>
      <ThemeShowcase {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const submit = within(canvasElement).getByRole('button', { name: 'Generate video' })
    await expect(colour(submit, 'background-color')).toBe('rgb(126, 224, 181)')
    await expect(colour(submit, 'border-top-left-radius')).toBe('16px')
  },
}

export const UnstyledWithDesignSystem: Story = {
  name: 'unstyled + a design system’s parts (components)',
  args: { design: 'moss', deadline: 1500 },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    // No library class is left; the design system's own classes and parts are there instead.
    await expect(canvasElement.querySelector('[class*="ltx-"]')).toBeNull()
    await expect(canvas.getByRole('textbox', { name: 'Prompt' })).toHaveAttribute('data-sds', 'textarea')
    await expect(canvas.getByRole('switch', { name: 'Generate audio' })).toHaveAttribute('data-sds', 'switch')
    for (const radio of canvas.getAllByRole('radio')) await expect(radio).toHaveAttribute('data-sds', 'radio')
    await expect(canvas.getByRole('textbox', { name: 'Image' })).toHaveAttribute('data-sds', 'input')
    await expect(canvas.getByLabelText('Generated video')).toHaveAttribute('data-sds', 'video')
    await expect(canvas.getByLabelText('Source video')).toHaveAttribute('data-sds', 'video')
    await expect(canvas.getByRole('link', { name: 'Download' })).toHaveAttribute('data-sds', 'link')
    await expect(canvas.getByRole('button', { name: 'Copy link' })).toHaveAttribute('data-sds', 'button')
    await expect(canvas.getByRole('button', { name: 'Play segment' })).toHaveAttribute('data-sds', 'button')
    // State still comes through data-* attributes, which the design system's CSS reads.
    await expect(canvasElement.querySelector('.moss-result')).toHaveAttribute('data-state', 'ready')
    await expect(canvasElement.querySelector('.moss-form')).toHaveAttribute('data-model', 'ltx-2-fast')

    // The parts behave as the native ones: validation, typing, switching, submitting.
    const submit = canvas.getByRole('button', { name: 'Generate video' })
    await expect(submit).toHaveAttribute('data-sds', 'button')
    await userEvent.click(submit)
    const prompt = canvas.getByRole('textbox', { name: 'Prompt' })
    await expect(prompt).toHaveAttribute('aria-invalid', 'true')
    await userEvent.type(prompt, 'Moss growing over an old stone bridge')
    await userEvent.click(canvas.getByRole('switch', { name: 'Generate audio' }))
    await userEvent.click(canvas.getByRole('radio', { name: '6 s' }))
    await userEvent.click(submit)
    await expect(args.onSubmit).toHaveBeenCalledWith({
      prompt: 'Moss growing over an old stone bridge',
      duration: 6,
      generate_audio: false,
      resolution: '2k',
    })

    // After the 1.5 s watch deadline, "Keep watching" is the design system's button too.
    const keepWatching = await canvas.findByRole('button', { name: 'Keep watching' }, { timeout: 6000 })
    await expect(keepWatching).toHaveAttribute('data-sds', 'button')
    await expect(keepWatching).toHaveClass('moss-button')
  },
}

export const UnstyledBare: Story = {
  name: 'unstyled, native parts, no CSS (structure only)',
  // Target sizes (WCAG 2.2, 2.5.8) are the design system's to set: with no CSS at all, native
  // inputs are the browser's 21 px. Every styled story keeps the rule.
  parameters: { a11y: { config: { rules: [...pageOnlyRules, { id: 'target-size', enabled: false }] } } },
  render: (args) => (
    <div style={{ padding: 20 }}>
      <p style={{ marginTop: 0 }}>
        What a design system starts from: roles, labels and <code>data-*</code> state, no <code>ltx-</code> class.
      </p>
      <UnstyledForm onSubmit={args.onSubmit ?? (() => undefined)} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const form = canvasElement.querySelector('form')
    await expect(form).not.toHaveAttribute('class')
    await expect(form).toHaveAttribute('data-state', 'idle')
    await expect(canvasElement.querySelector('[class*="ltx-"]')).toBeNull()
    await expect(within(canvasElement).getByRole('radiogroup', { name: 'Resolution' })).toBeInTheDocument()
  },
}

function UnstyledForm({ onSubmit }: { onSubmit: (values: ModelParams<'ltx-2-fast'>) => void }) {
  return <ParameterForm model="ltx-2-fast" unstyled onSubmit={onSubmit} />
}
