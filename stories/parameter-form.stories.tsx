import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { ParameterForm } from '../src/index'
import { themedCanvas } from './story-fakes'

const meta = {
  title: 'Components/ParameterForm',
  component: ParameterForm,
  decorators: [themedCanvas],
  args: { model: 'ltx-2-19b-t2v', onSubmit: fn() },
  parameters: {
    docs: {
      description: {
        component:
          'A form generated from a model’s schema: the prompt with a character count, sliders with number inputs, segmented controls, selects, radios, switches, image inputs (URL or picked file), seed with randomize and lock, a LoRA list, and for APIXO a mode switch that shows only the fields its mode allows. Validation on blur and on submit; `onSubmit` gets typed, parsed values.',
      },
    },
  },
} satisfies Meta<typeof ParameterForm>

export default meta
type Story = StoryObj<typeof meta>

const submit = (canvasElement: HTMLElement) => within(canvasElement).getByRole('button', { name: 'Generate video' })
const form = (canvasElement: HTMLElement) => canvasElement.querySelector('form')

/** Open the collapsible "Advanced settings" section, as a user would. */
async function openAdvanced(canvasElement: HTMLElement) {
  const summary = within(canvasElement).getByText('Advanced settings')
  await userEvent.click(summary)
  await expect(summary.closest('details')).toHaveAttribute('open')
}

/** A small PNG drawn on a canvas: a real image for the file picker and its preview. */
async function samplePng(name: string): Promise<File> {
  const canvas = document.createElement('canvas')
  canvas.width = 64
  canvas.height = 36
  const context = canvas.getContext('2d')
  if (context === null) throw new Error('No 2D canvas')
  const gradient = context.createLinearGradient(0, 0, 64, 36)
  gradient.addColorStop(0, '#f6b73c')
  gradient.addColorStop(1, '#4346d8')
  context.fillStyle = gradient
  context.fillRect(0, 0, 64, 36)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (blob === null) throw new Error('Could not encode the PNG')
  return new File([blob], name, { type: 'image/png' })
}

export const Ltx219bT2v: Story = {
  name: 'ltx-2-19b-t2v (Segmind)',
  args: { model: 'ltx-2-19b-t2v' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const prompt = canvas.getByRole('textbox', { name: 'Prompt' })
    await expect(prompt.tagName).toBe('TEXTAREA')
    const width = canvas.getByRole('slider', { name: 'Width' })
    await expect(width).toHaveValue('1024')
    await expect(width).toHaveAttribute('aria-valuetext', '1024 pixels')
    await expect(canvas.getByRole('spinbutton', { name: 'Width, exact' })).toHaveValue(1024)
    await expect(canvas.getByRole('slider', { name: 'Frames' })).toHaveValue('161')
    // The number input and the slider are one value: a typed width moves the slider.
    const widthNumber = canvas.getByRole('spinbutton', { name: 'Width, exact' })
    await userEvent.clear(widthNumber)
    await userEvent.type(widthNumber, '1056')
    await expect(width).toHaveValue('1056')
    await expect(width).toHaveAttribute('aria-valuetext', '1056 pixels')

    await userEvent.type(prompt, 'A red fox trotting through fresh snow')
    const fps = canvas.getByRole('spinbutton', { name: 'Frames per second, exact' })
    await userEvent.clear(fps)
    await userEvent.type(fps, '30')
    await expect(canvas.getByRole('slider', { name: 'Frames per second' })).toHaveValue('30')

    await openAdvanced(canvasElement)
    await expect(canvas.getByRole('textbox', { name: 'Negative prompt' })).toHaveValue('')
    await expect(canvas.getByRole('slider', { name: 'Guidance scale' })).toHaveValue('4')
    await expect(canvas.getByRole('spinbutton', { name: 'Seed' })).toHaveAttribute('placeholder', 'Random')

    await userEvent.click(submit(canvasElement))
    await expect(args.onSubmit).toHaveBeenCalledTimes(1)
    await expect(args.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ prompt: 'A red fox trotting through fresh snow', width: 1056, height: 768, num_frames: 161, fps: 30 }),
    )
  },
}

export const LtxVideo: Story = {
  name: 'ltx-video (Segmind)',
  args: { model: 'ltx-video' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const length = canvas.getByRole('radiogroup', { name: 'Length' })
    await expect(within(length).getAllByRole('radio')).toHaveLength(6)
    await expect(within(length).getByRole('radio', { name: '97 frames' })).toBeChecked()
    await userEvent.click(within(length).getByRole('radio', { name: '161 frames' }))
    await expect(within(length).getByRole('radio', { name: '161 frames' })).toBeChecked()
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Target size' }), '768')
    const ratio = canvas.getByRole('combobox', { name: 'Aspect ratio' })
    await expect(ratio).toHaveValue('3:2')
    await userEvent.selectOptions(ratio, '16:9')
    await userEvent.type(canvas.getByRole('textbox', { name: 'Prompt' }), 'Paper boats drifting down a gutter after rain')
    await userEvent.click(submit(canvasElement))
    await expect(args.onSubmit).toHaveBeenCalledWith({
      prompt: 'Paper boats drifting down a gutter after rain',
      negative_prompt: 'low quality, worst quality, deformed, distorted',
      aspect_ratio: '16:9',
      cfg: 3,
      length: 161,
      steps: 30,
      target_size: 768,
    })
  },
}

export const Ltx2Fast: Story = {
  name: 'ltx-2-fast (Segmind)',
  args: { model: 'ltx-2-fast' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('radio', { name: '8 s' })).toBeChecked()
    const audio = canvas.getByRole('switch', { name: 'Generate audio' })
    await expect(audio).toBeChecked()
    await userEvent.click(audio)
    await expect(audio).not.toBeChecked()
    await expect(audio).toHaveAttribute('data-state', 'unchecked')
    await userEvent.click(canvas.getByRole('radio', { name: '10 s' }))
    const resolution = canvas.getByRole('radiogroup', { name: 'Resolution' })
    await expect(within(resolution).getByRole('radio', { name: '2K' })).toBeChecked()
    await userEvent.click(within(resolution).getByRole('radio', { name: '4K' }))
    await userEvent.type(canvas.getByRole('textbox', { name: 'Prompt' }), 'Waves rolling onto a black-sand beach')
    await userEvent.click(submit(canvasElement))
    await expect(args.onSubmit).toHaveBeenCalledWith({
      prompt: 'Waves rolling onto a black-sand beach',
      duration: 10,
      generate_audio: false,
      resolution: '4k',
    })
  },
}

export const LtxRetakeVideo: Story = {
  name: 'ltx-retake-video (Segmind)',
  args: { model: 'ltx-retake-video' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('radio', { name: 'Audio and video' })).toBeChecked()
    await userEvent.type(canvas.getByRole('textbox', { name: 'Source video' }), 'https://cdn.example.com/source.mp4')
    await userEvent.type(canvas.getByRole('spinbutton', { name: 'Start time' }), '1.5')
    await userEvent.type(canvas.getByRole('spinbutton', { name: 'Segment length' }), '4')
    await userEvent.click(canvas.getByRole('radio', { name: 'Video only' }))
    await userEvent.click(submit(canvasElement))
    await expect(args.onSubmit).toHaveBeenCalledWith({
      video_uri: 'https://cdn.example.com/source.mp4',
      start_time: 1.5,
      duration: 4,
      mode: 'replace_video',
    })
  },
}

export const ApixoTextToVideo: Story = {
  name: 'ltx-2-19b (APIXO): text to video',
  args: { model: 'ltx-2-19b' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const modes = canvas.getByRole('radiogroup', { name: 'Mode' })
    await expect(within(modes).getAllByRole('radio')).toHaveLength(4)
    await expect(within(modes).getByRole('radio', { name: 'Text to video' })).toBeChecked()
    await expect(form(canvasElement)).toHaveAttribute('data-mode', 'text-to-video')
    await expect(canvas.getByRole('radiogroup', { name: 'Aspect ratio' })).toBeVisible()
    await expect(canvas.queryByRole('textbox', { name: 'Image' })).not.toBeInTheDocument()
    await expect(canvas.queryByRole('group', { name: 'LoRAs' })).not.toBeInTheDocument()
    await expect(canvas.getByRole('radio', { name: '720p' })).toBeChecked()
    await expect(canvas.getByText('0 / 5000 characters')).toBeVisible()
    await userEvent.type(canvas.getByRole('textbox', { name: 'Prompt' }), 'A lighthouse at dusk')
    await expect(canvas.getByText('20 / 5000 characters')).toBeVisible()
    await userEvent.click(canvas.getByRole('radio', { name: '9:16' }))
    await userEvent.click(submit(canvasElement))
    await expect(args.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ mode: 'text-to-video', prompt: 'A lighthouse at dusk', aspect_ratio: '9:16', resolution: '720p' }),
    )
  },
}

export const ApixoImageToVideo: Story = {
  name: 'ltx-2-19b (APIXO): image to video',
  args: { model: 'ltx-2-19b', defaultValues: { mode: 'image-to-video' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('radio', { name: 'Image to video' })).toBeChecked()
    await expect(canvas.queryByRole('radiogroup', { name: 'Aspect ratio' })).not.toBeInTheDocument()
    // APIXO takes image URLs only (no data URIs), so there is no file picker.
    await expect(canvas.queryByLabelText(/Choose file/)).not.toBeInTheDocument()
    await userEvent.type(canvas.getByRole('textbox', { name: 'Prompt' }), 'The lighthouse beam sweeps across the waves')
    await userEvent.type(canvas.getByRole('textbox', { name: 'Image' }), 'https://images.example.com/lighthouse.png')
    // No preview (no fetch) of a URL still being typed: it shows once the URL is settled.
    await expect(canvas.queryByRole('img', { name: 'Preview of Image' })).not.toBeInTheDocument()
    await userEvent.tab()
    const preview = canvas.getByRole('img', { name: 'Preview of Image' })
    await expect(preview).toHaveAttribute('src', 'https://images.example.com/lighthouse.png')
    await expect(preview).toHaveAttribute('referrerpolicy', 'no-referrer')
    await userEvent.click(submit(canvasElement))
    // The one image URL goes out as the one-element array APIXO wants.
    await expect(args.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ mode: 'image-to-video', image_urls: ['https://images.example.com/lighthouse.png'] }),
    )
  },
}

export const ApixoTextToVideoLoRA: Story = {
  name: 'ltx-2-19b (APIXO): text to video with LoRA',
  args: { model: 'ltx-2-19b', defaultValues: { mode: 'text-to-video-LoRA' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('radio', { name: 'Text to video with LoRA' })).toBeChecked()
    const list = canvas.getByRole('group', { name: 'LoRAs' })
    await expect(within(list).getAllByRole('group')).toHaveLength(1)
    await expect(within(list).getByRole('slider', { name: 'LoRA 1 Scale' })).toHaveValue('1')
    await userEvent.type(canvas.getByRole('textbox', { name: 'Prompt' }), 'A city street in claymation style')
    await userEvent.type(canvas.getByRole('textbox', { name: 'LoRA 1 URL' }), 'https://hf.example.com/claymation.safetensors')
    await userEvent.click(submit(canvasElement))
    await expect(args.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ mode: 'text-to-video-LoRA', loras: [{ path: 'https://hf.example.com/claymation.safetensors', scale: 1 }] }),
    )
  },
}

export const ApixoImageToVideoLoRA: Story = {
  name: 'ltx-2-19b (APIXO): image to video with LoRA',
  args: { model: 'ltx-2-19b', defaultValues: { mode: 'image-to-video-LoRA' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('radio', { name: 'Image to video with LoRA' })).toBeChecked()
    await expect(canvas.getByRole('textbox', { name: 'Image' })).toBeVisible()
    await expect(canvas.getByRole('group', { name: 'LoRAs' })).toBeVisible()
    await expect(canvas.queryByRole('radiogroup', { name: 'Aspect ratio' })).not.toBeInTheDocument()
  },
}

export const ApixoSwitchingModes: Story = {
  name: 'ltx-2-19b (APIXO): switching modes keeps shared values',
  args: { model: 'ltx-2-19b' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const modes = canvas.getByRole('radiogroup', { name: 'Mode' })
    await userEvent.type(canvas.getByRole('textbox', { name: 'Prompt' }), 'a fox')
    await userEvent.click(canvas.getByRole('radio', { name: '1080p' }))
    await userEvent.click(within(modes).getByRole('radio', { name: 'Image to video' }))
    await expect(form(canvasElement)).toHaveAttribute('data-mode', 'image-to-video')
    await expect(canvas.queryByRole('radiogroup', { name: 'Aspect ratio' })).not.toBeInTheDocument()
    await expect(canvas.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a fox')
    await expect(canvas.getByRole('radio', { name: '1080p' })).toBeChecked()
    await userEvent.click(within(modes).getByRole('radio', { name: 'Text to video with LoRA' }))
    await expect(canvas.getByRole('group', { name: 'LoRAs' })).toBeVisible()
    await expect(canvas.queryByRole('textbox', { name: 'Image' })).not.toBeInTheDocument()
  },
}

export const InvalidAfterSubmit: Story = {
  name: 'Invalid after submit',
  args: { model: 'ltx-2-19b-t2v' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(submit(canvasElement))
    await expect(args.onSubmit).not.toHaveBeenCalled()
    const prompt = canvas.getByRole('textbox', { name: 'Prompt' })
    await expect(prompt).toHaveAttribute('aria-invalid', 'true')
    await expect(prompt).toHaveFocus()
    await expect(prompt).toHaveAccessibleDescription(expect.stringContaining('Prompt is required.'))
    await expect(canvas.getByText('Prompt is required.')).toBeVisible()
    await expect(form(canvasElement)).toHaveAttribute('data-state', 'invalid')
    // Fixing the field clears its message as the user types.
    await userEvent.type(prompt, 'a')
    await expect(prompt).toHaveAttribute('aria-invalid', 'false')
  },
}

export const InvalidOnBlur: Story = {
  name: 'Invalid on blur (a value out of range)',
  args: { model: 'ltx-2-19b-t2v' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const fps = canvas.getByRole('spinbutton', { name: 'Frames per second, exact' })
    await userEvent.clear(fps)
    await userEvent.type(fps, '99')
    await expect(fps).toHaveAttribute('aria-invalid', 'false')
    // The slider beside it shows, and says, where it stands: 30, not the 99 typed.
    const slider = canvas.getByRole('slider', { name: 'Frames per second' })
    await expect(slider).toHaveValue('30')
    await expect(slider).toHaveAttribute('aria-valuetext', '30 frames per second')
    await userEvent.tab()
    await expect(fps).toHaveAttribute('aria-invalid', 'true')
    // Found on leaving the field: announced.
    const message = canvas.getByRole('alert')
    await expect(message).toHaveTextContent('Frames per second must be a whole number between 1 and 30 fps.')
    await expect(fps.getAttribute('aria-describedby')?.split(' ')).toContain(message.id)
    // Only the field that lost focus is checked.
    await expect(canvas.getByRole('textbox', { name: 'Prompt' })).toHaveAttribute('aria-invalid', 'false')
  },
}

export const TabbingThrough: Story = {
  name: 'Tabbing through an untouched form (no messages)',
  args: { model: 'ltx-2-19b-t2v' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    // Every control once, required Prompt first: leaving a field untouched is not an error.
    for (let step = 0; step < 12; step++) {
      await userEvent.tab()
      await expect(canvasElement.ownerDocument.activeElement).not.toBe(canvasElement.ownerDocument.body)
    }
    await expect(canvasElement.querySelector('[aria-invalid="true"]')).toBeNull()
    await expect(canvas.queryByRole('alert')).not.toBeInTheDocument()
    // The required mark is for the eye: the name is "Prompt", aria-required says the rest.
    const prompt = canvas.getByRole('textbox', { name: 'Prompt' })
    await expect(prompt).toHaveAttribute('aria-required', 'true')
  },
}

export const Submitting: Story = {
  name: 'Submitting (isSubmitting)',
  args: { model: 'ltx-2-fast', isSubmitting: true, defaultValues: { prompt: 'Waves rolling onto a black-sand beach' } },
  play: async ({ canvasElement, args }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Submitting…' })
    // aria-disabled rather than disabled, so a focused button keeps focus; a click does nothing.
    await expect(button).toHaveAttribute('aria-disabled', 'true')
    await expect(form(canvasElement)).toHaveAttribute('data-state', 'submitting')
    await userEvent.click(button, { pointerEventsCheck: 0 })
    await expect(args.onSubmit).not.toHaveBeenCalled()
  },
}

export const SubmitOncePerIntent: Story = {
  name: 'Submitting (onSubmit’s promise pending)',
  args: {
    model: 'ltx-2-fast',
    defaultValues: { prompt: 'Waves rolling onto a black-sand beach' },
    // Never settles: the form stays in its submitting state.
    onSubmit: fn(() => new Promise<void>(() => undefined)),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(submit(canvasElement))
    const button = await canvas.findByRole('button', { name: 'Submitting…' })
    await expect(button).toHaveAttribute('aria-disabled', 'true')
    // The pressed button keeps keyboard focus (a disabled one would drop it to <body>).
    await expect(button).toHaveFocus()
    await userEvent.click(button, { pointerEventsCheck: 0 })
    await userEvent.keyboard('{Enter}')
    await expect(args.onSubmit).toHaveBeenCalledTimes(1)
    await expect(button).toHaveFocus()
  },
}

export const WithLoras: Story = {
  name: 'With LoRAs (add and remove, up to three)',
  args: {
    model: 'ltx-2-19b',
    defaultValues: { mode: 'text-to-video-LoRA', prompt: 'A harbour at dawn, painted in watercolour' },
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const list = canvas.getByRole('group', { name: 'LoRAs' })
    const add = canvas.getByRole('button', { name: 'Add LoRA' })
    await userEvent.click(add)
    await userEvent.click(add)
    await expect(within(list).getAllByRole('group')).toHaveLength(3)
    // Full: aria-disabled (not disabled), so "Add LoRA" keeps focus after adding the last one.
    await expect(add).toHaveAttribute('aria-disabled', 'true')
    await expect(add).toHaveFocus()
    await userEvent.type(canvas.getByRole('textbox', { name: 'LoRA 1 URL' }), 'https://hf.example.com/watercolour.safetensors')
    await userEvent.type(canvas.getByRole('textbox', { name: 'LoRA 2 URL' }), 'https://hf.example.com/film-grain.safetensors')
    await userEvent.type(canvas.getByRole('textbox', { name: 'LoRA 3 URL' }), 'https://hf.example.com/golden-hour.safetensors')
    const scale2 = canvas.getByRole('spinbutton', { name: 'LoRA 2 Scale, exact' })
    await userEvent.clear(scale2)
    await userEvent.type(scale2, '0.6')
    await userEvent.click(canvas.getByRole('button', { name: 'Remove LoRA 3' }))
    await expect(within(list).getAllByRole('group')).toHaveLength(2)
    // Focus moves to the previous item's Remove, not to <body>.
    await expect(canvas.getByRole('button', { name: 'Remove LoRA 2' })).toHaveFocus()
    await expect(add).not.toHaveAttribute('aria-disabled')
    await userEvent.click(submit(canvasElement))
    await expect(args.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        loras: [
          { path: 'https://hf.example.com/watercolour.safetensors', scale: 1 },
          { path: 'https://hf.example.com/film-grain.safetensors', scale: 0.6 },
        ],
      }),
    )
  },
}

export const LoraInvalid: Story = {
  name: 'With LoRAs: a missing URL after submit',
  args: { model: 'ltx-2-19b', defaultValues: { mode: 'text-to-video-LoRA', prompt: 'p' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(submit(canvasElement))
    const url = canvas.getByRole('textbox', { name: 'LoRA 1 URL' })
    await expect(url).toHaveAttribute('aria-invalid', 'true')
    await expect(url).toHaveFocus()
    await expect(url).toHaveAccessibleDescription(expect.stringContaining('LoRA 1 URL is required.'))
  },
}

export const FileChosen: Story = {
  name: 'Image file chosen (preview, sent as a data URI)',
  args: { model: 'ltx-2-fast', defaultValues: { prompt: 'The sunrise spreads across the valley' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.upload(canvas.getByLabelText(/Choose file/), await samplePng('valley.png'))
    const preview = await canvas.findByRole('img', { name: 'Preview of Image' })
    // The preview shows the file itself (an object URL the headless hook revokes); the value sent is the data URI.
    await expect(preview.getAttribute('src')).toMatch(/^blob:/)
    await expect(canvas.getByText('Using valley.png')).toBeVisible()
    await userEvent.click(submit(canvasElement))
    await expect(args.onSubmit).toHaveBeenCalledWith(expect.objectContaining({ image: expect.stringMatching(/^data:image\/png;base64,/) }))
  },
}

export const FileRemoved: Story = {
  name: 'Image file chosen, then removed',
  args: { model: 'ltx-2-fast' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.upload(canvas.getByLabelText(/Choose file/), await samplePng('frame.png'))
    await canvas.findByRole('img', { name: 'Preview of Image' })
    await userEvent.click(canvas.getByRole('button', { name: 'Remove file' }))
    await expect(canvas.queryByRole('img', { name: 'Preview of Image' })).not.toBeInTheDocument()
    await expect(canvas.getByRole('textbox', { name: 'Image' })).toHaveValue('')
    // The button went away with the file; focus is on the URL input, where a new image goes.
    await expect(canvas.getByRole('textbox', { name: 'Image' })).toHaveFocus()
  },
}

export const FileRefused: Story = {
  name: 'Image file refused (not an image)',
  args: { model: 'ltx-2-fast' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const picker = canvas.getByLabelText(/Choose file/)
    // The picker accepts images only; a user could still drop another file on it.
    await userEvent.upload(picker, new File(['not an image'], 'notes.txt', { type: 'text/plain' }), { applyAccept: false })
    await waitFor(() => expect(canvas.getByText('Image must be a PNG, JPEG or WebP image.')).toBeVisible())
    await expect(canvas.queryByRole('img')).not.toBeInTheDocument()
  },
}

export const SeedRandomizeAndLock: Story = {
  name: 'Seed: randomize and lock',
  args: { model: 'ltx-2-19b-t2v', defaultValues: { prompt: 'A red fox trotting through fresh snow' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await openAdvanced(canvasElement)
    const seed = canvas.getByRole('spinbutton', { name: 'Seed' })
    await expect(seed).toHaveValue(null)
    await userEvent.click(canvas.getByRole('button', { name: 'Randomize' }))
    const value = Number((seed as HTMLInputElement).value)
    await expect(Number.isInteger(value) && value >= 0).toBe(true)
    const lock = canvas.getByRole('button', { name: 'Lock seed' })
    await expect(lock).toHaveAttribute('aria-pressed', 'false')
    await userEvent.click(lock)
    await expect(lock).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(submit(canvasElement))
    await expect(args.onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ seed: value }))
    // Locked: the seed stays for the next video.
    await waitFor(() => expect(seed).toHaveValue(value))
  },
}

export const FieldsOrderedHiddenOverridden: Story = {
  name: 'fields: order, hide and override',
  args: {
    model: 'ltx-2-fast',
    fields: {
      order: ['resolution', 'duration'],
      hide: ['image'],
      override: {
        prompt: { label: 'Describe your video', description: 'What happens, where, and how the camera moves.' },
        resolution: { optionLabels: { '1080p': 'Full HD', '2k': '2K', '4k': 'Ultra HD' } },
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const fields = [...canvasElement.querySelectorAll('[data-field]')].map((element) => element.getAttribute('data-field'))
    await expect(fields.slice(0, 2)).toEqual(['resolution', 'duration'])
    await expect(canvas.queryByRole('textbox', { name: 'Image' })).not.toBeInTheDocument()
    await expect(canvas.getByRole('textbox', { name: 'Describe your video' })).toHaveAccessibleDescription(
      expect.stringContaining('What happens, where'),
    )
    await expect(canvas.getByRole('radio', { name: 'Ultra HD' })).toBeInTheDocument()
    await expect(canvas.getByText('Ultra HD')).toBeVisible()
  },
}
