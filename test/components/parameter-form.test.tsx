// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ParameterForm } from '../../src/components/parameter-form/parameter-form'
import { LtxError } from '../../src/models/ltx-error'
import { apixoLtx219bModel } from '../../src/models/apixo-ltx-2-19b'
import { MAX_IMAGE_BYTES } from '../../src/models/image-limits'
import { ltx2FastModel } from '../../src/models/ltx-2-fast'

afterEach(cleanup)

function advanced() {
  // Advanced fields sit in a <details>; open it as a user would.
  return screen.getByText('Advanced settings')
}

describe('ParameterForm: widgets and defaults per model', () => {
  it('ltx-2-19b-t2v: prompt textarea, sliders with number inputs, seed, advanced section', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-19b-t2v" onSubmit={() => undefined} />)
    expect(screen.getByRole('textbox', { name: 'Prompt' }).tagName).toBe('TEXTAREA')
    const width = screen.getByRole('slider', { name: 'Width' })
    expect(width).toHaveValue('1024')
    expect(width).toHaveAttribute('min', '256')
    expect(width).toHaveAttribute('max', '1280')
    expect(width).toHaveAttribute('step', '16')
    // In words, as a screen reader should say it.
    expect(width).toHaveAttribute('aria-valuetext', '1024 pixels')
    // The number input beside it has a name of its own.
    expect(screen.getByRole('spinbutton', { name: 'Width, exact' })).toHaveValue(1024)
    expect(screen.queryByRole('spinbutton', { name: 'Width' })).not.toBeInTheDocument()
    expect(screen.getByRole('slider', { name: 'Height' })).toHaveValue('768')
    expect(screen.getByRole('slider', { name: 'Frames' })).toHaveValue('161')
    expect(screen.getByRole('slider', { name: 'Frames per second' })).toHaveValue('24')
    // Advanced: negative prompt, seed and guidance live in a closed <details>.
    const details = advanced().closest('details')
    expect(details).not.toHaveAttribute('open')
    await user.click(advanced())
    expect(details).toHaveAttribute('open')
    expect(within(details as HTMLElement).getByRole('textbox', { name: 'Negative prompt' })).toHaveValue('')
    expect(within(details as HTMLElement).getByRole('slider', { name: 'Guidance scale' })).toHaveValue('4')
    expect(within(details as HTMLElement).getByRole('spinbutton', { name: 'Seed' })).toHaveValue(null)
  })

  it('keeps a slider and its number input in sync both ways', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-19b-t2v" onSubmit={() => undefined} />)
    const number = screen.getByRole('spinbutton', { name: 'Frames per second, exact' })
    await user.clear(number)
    await user.type(number, '12')
    expect(screen.getByRole('slider', { name: 'Frames per second' })).toHaveValue('12')
    expect(screen.getByRole('slider', { name: 'Frames per second' })).toHaveAttribute('aria-valuetext', '12 frames per second')
    // Out of range: the slider shows (and says) where it stands, not the number typed beside it.
    await user.clear(number)
    await user.type(number, '99')
    expect(screen.getByRole('slider', { name: 'Frames per second' })).toHaveValue('30')
    expect(screen.getByRole('slider', { name: 'Frames per second' })).toHaveAttribute('aria-valuetext', '30 frames per second')
    // jsdom does not move range inputs by keyboard or pointer; a change event is what a browser fires.
    fireEvent.change(screen.getByRole('slider', { name: 'Frames per second' }), { target: { value: '20' } })
    expect(number).toHaveValue(20)
  })

  it('ltx-video: integer enums as a segmented radio group and a select, string enum select', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<ParameterForm model="ltx-video" onSubmit={onSubmit} />)
    const length = screen.getByRole('radiogroup', { name: 'Length' })
    expect(within(length).getAllByRole('radio')).toHaveLength(6)
    expect(within(length).getByRole('radio', { name: '97 frames' })).toBeChecked()
    await user.click(within(length).getByRole('radio', { name: '161 frames' }))
    expect(within(length).getByRole('radio', { name: '161 frames' })).toBeChecked()
    const size = screen.getByRole('combobox', { name: 'Target size' })
    expect(size).toHaveValue('640')
    await user.selectOptions(size, '768')
    const ratio = screen.getByRole('combobox', { name: 'Aspect ratio' })
    expect(ratio).toHaveValue('3:2')
    expect(within(ratio).getAllByRole('option')).toHaveLength(13)
    await user.selectOptions(ratio, '16:9')
    await user.click(advanced())
    expect(screen.getByRole('textbox', { name: 'Negative prompt' })).toHaveValue('low quality, worst quality, deformed, distorted')
    expect(screen.getByRole('slider', { name: 'CFG' })).toHaveValue('3')
    expect(screen.getByRole('slider', { name: 'Steps' })).toHaveValue('30')
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a harbour at dawn')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    // Typed, parsed values: integers stay numbers, defaults are filled in.
    expect(onSubmit).toHaveBeenCalledWith({
      prompt: 'a harbour at dawn',
      negative_prompt: 'low quality, worst quality, deformed, distorted',
      aspect_ratio: '16:9',
      cfg: 3,
      length: 161,
      steps: 30,
      target_size: 768,
    })
  })

  it('ltx-2-fast: segmented duration, radios for resolution, a switch for audio, onSubmit gets typed values', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<ParameterForm model="ltx-2-fast" onSubmit={onSubmit} />)
    expect(screen.getByRole('radio', { name: '8 s' })).toBeChecked()
    const resolution = screen.getByRole('radiogroup', { name: 'Resolution' })
    expect(within(resolution).getByRole('radio', { name: '2K' })).toBeChecked()
    const audio = screen.getByRole('switch', { name: 'Generate audio' })
    expect(audio).toBeChecked()
    expect(audio).toHaveAttribute('data-state', 'checked')
    await user.click(audio)
    expect(audio).not.toBeChecked()
    expect(audio).toHaveAttribute('data-state', 'unchecked')
    await user.click(screen.getByRole('radio', { name: '10 s' }))
    await user.click(within(resolution).getByRole('radio', { name: '4K' }))
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'waves')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit).toHaveBeenCalledWith({ prompt: 'waves', duration: 10, generate_audio: false, resolution: '4k' })
  })

  it('takes a model definition as well as an id, and renders the same form', async () => {
    const user = userEvent.setup()
    const byId = render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} id="f" />)
    const html = byId.container.innerHTML
    byId.unmount()
    const onSubmit = vi.fn()
    const byDefinition = render(<ParameterForm model={ltx2FastModel} onSubmit={onSubmit} id="f" />)
    expect(byDefinition.container.innerHTML).toBe(html)
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'waves')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit).toHaveBeenCalledWith({ prompt: 'waves', duration: 8, generate_audio: true, resolution: '2k' })
    byDefinition.unmount()
    // A definition with modes gets its mode switch, and its rules are checked on submit.
    render(<ParameterForm model={apixoLtx219bModel} defaultValues={{ mode: 'image-to-video' }} onSubmit={onSubmit} />)
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a cat')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit).toHaveBeenCalledTimes(1)
    expect(screen.getByRole('radio', { name: 'Image to video' })).toBeChecked()
  })

  it('ltx-retake-video: video URL, number inputs with units, radios with option labels', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<ParameterForm model="ltx-retake-video" onSubmit={onSubmit} />)
    const start = screen.getByRole('spinbutton', { name: 'Start time' })
    expect(start).toHaveAttribute('step', '0.1')
    expect(screen.getByRole('radio', { name: 'Audio and video' })).toBeChecked()
    await user.type(screen.getByRole('textbox', { name: 'Source video' }), 'https://cdn.example.com/v.mp4')
    await user.type(start, '1.5')
    await user.type(screen.getByRole('spinbutton', { name: 'Segment length' }), '4')
    await user.click(screen.getByRole('radio', { name: 'Video only' }))
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit).toHaveBeenCalledWith({
      video_uri: 'https://cdn.example.com/v.mp4',
      start_time: 1.5,
      duration: 4,
      mode: 'replace_video',
    })
  })

  it('applies defaultValues over the schema defaults', () => {
    render(<ParameterForm model="ltx-2-fast" defaultValues={{ prompt: 'city', duration: 6 }} onSubmit={() => undefined} />)
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('city')
    expect(screen.getByRole('radio', { name: '6 s' })).toBeChecked()
  })
})

describe('ParameterForm: prompt character count', () => {
  it('counts characters against the limit and links the count to the textarea', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-19b" onSubmit={() => undefined} />)
    const prompt = screen.getByRole('textbox', { name: 'Prompt' })
    expect(screen.getByText('0 / 5000 characters')).toBeInTheDocument()
    await user.type(prompt, 'hello')
    const count = screen.getByText('5 / 5000 characters')
    expect(prompt.getAttribute('aria-describedby')?.split(' ')).toContain(count.id)
  })

  it('shows no count when the prompt has no limit', () => {
    render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} />)
    expect(screen.queryByText(/characters/)).not.toBeInTheDocument()
  })
})

describe('ParameterForm: validation', () => {
  it('shows no message while merely tabbing through an untouched form', async () => {
    const user = userEvent.setup()
    const { container } = render(<ParameterForm model="ltx-2-19b-t2v" onSubmit={() => undefined} />)
    // Through every control, Prompt (required and empty) first, back to the top.
    for (let step = 0; step < 12; step++) await user.tab()
    expect(container.querySelector('[aria-invalid="true"]')).toBeNull()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.queryByText('Prompt is required.')).not.toBeInTheDocument()
  })

  it('checks a required field that was changed when it is left, and announces the message', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-19b-t2v" onSubmit={() => undefined} />)
    const prompt = screen.getByRole('textbox', { name: 'Prompt' })
    await user.type(prompt, 'a')
    await user.clear(prompt)
    await user.tab()
    expect(prompt).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByRole('alert')).toHaveTextContent('Prompt is required.')
    expect(prompt).toHaveAccessibleDescription(expect.stringContaining('Prompt is required.'))
  })

  it('validates a field on blur: message under it, aria-invalid, aria-describedby', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-19b-t2v" onSubmit={() => undefined} />)
    const fps = screen.getByRole('spinbutton', { name: 'Frames per second, exact' })
    await user.clear(fps)
    await user.type(fps, '99')
    // Not yet: validation waits for blur.
    expect(fps).toHaveAttribute('aria-invalid', 'false')
    await user.tab()
    expect(fps).toHaveAttribute('aria-invalid', 'true')
    const message = screen.getByText('Frames per second must be a whole number between 1 and 30 fps.')
    expect(fps.getAttribute('aria-describedby')?.split(' ')).toContain(message.id)
    expect(message.closest('[data-field]')).toHaveAttribute('data-invalid')
    // Other fields are not validated by this blur.
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveAttribute('aria-invalid', 'false')
    // Fixing it clears the message as the user types.
    await user.clear(fps)
    await user.type(fps, '25')
    expect(fps).toHaveAttribute('aria-invalid', 'false')
    expect(screen.queryByText(/Frames per second must be/)).not.toBeInTheDocument()
  })

  it('validates everything on submit and focuses the first invalid field, opening Advanced if needed', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<ParameterForm model="ltx-2-19b-t2v" onSubmit={onSubmit} />)
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit).not.toHaveBeenCalled()
    const prompt = screen.getByRole('textbox', { name: 'Prompt' })
    expect(prompt).toHaveAttribute('aria-invalid', 'true')
    expect(prompt).toHaveFocus()
    expect(prompt).toHaveAccessibleDescription(expect.stringContaining('Prompt is required.'))
    expect(prompt.closest('form')).toHaveAttribute('data-state', 'invalid')

    await user.type(prompt, 'ok')
    const details = advanced().closest('details') as HTMLElement
    // An invalid advanced field: the section opens so it can take focus.
    await user.click(advanced())
    const guidance = screen.getByRole('spinbutton', { name: 'Guidance scale, exact' })
    await user.clear(guidance)
    await user.type(guidance, '50')
    await user.click(advanced())
    expect(details).not.toHaveAttribute('open')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(details).toHaveAttribute('open')
    expect(screen.getByRole('slider', { name: 'Guidance scale' })).toHaveFocus()
    expect(onSubmit).not.toHaveBeenCalled()
    // Focus brings the first message to the user; nothing else is shouted as an alert.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('focuses the checked radio of an invalid radio group and the first invalid in document order', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-19b" defaultValues={{ mode: 'image-to-video', prompt: 'x' }} onSubmit={() => undefined} />)
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    const image = screen.getByRole('textbox', { name: 'Image' })
    expect(image).toHaveFocus()
    expect(screen.getByText('Image is required.')).toBeInTheDocument()
  })
})

describe('ParameterForm: APIXO modes', () => {
  it('shows only the fields a mode allows and carries shared values over', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<ParameterForm model="ltx-2-19b" onSubmit={onSubmit} />)
    const modes = screen.getByRole('radiogroup', { name: 'Mode' })
    expect(within(modes).getByRole('radio', { name: 'Text to video' })).toBeChecked()
    expect(screen.getByRole('radiogroup', { name: 'Aspect ratio' })).toBeInTheDocument()
    expect(screen.queryByRole('textbox', { name: 'Image' })).not.toBeInTheDocument()
    expect(screen.queryByRole('group', { name: 'LoRAs' })).not.toBeInTheDocument()
    expect(screen.getByRole('radio', { name: '720p' })).toBeChecked()
    expect(screen.getByRole('slider', { name: 'Duration' })).toHaveAttribute('aria-valuetext', '10 seconds')

    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a fox')
    await user.click(screen.getByRole('radio', { name: '1080p' }))
    await user.click(within(modes).getByRole('radio', { name: 'Image to video' }))
    expect(screen.queryByRole('radiogroup', { name: 'Aspect ratio' })).not.toBeInTheDocument()
    // APIXO image URLs take no data URI, so there is no file picker.
    expect(screen.queryByLabelText(/Choose file/)).not.toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a fox')
    expect(screen.getByRole('radio', { name: '1080p' })).toBeChecked()
    await user.type(screen.getByRole('textbox', { name: 'Image' }), 'https://img.example.com/a.png')
    // A typed URL is previewed once settled (blur here).
    await user.tab()
    expect(screen.getByRole('img', { name: 'Preview of Image' })).toHaveAttribute('src', 'https://img.example.com/a.png')

    await user.click(within(modes).getByRole('radio', { name: 'Image to video with LoRA' }))
    expect(screen.getByRole('group', { name: 'LoRAs' })).toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Image' })).toHaveValue('https://img.example.com/a.png')
    await user.type(screen.getByRole('textbox', { name: 'LoRA 1 URL' }), 'https://hf.example.com/l.safetensors')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    // The image URL is wrapped in a one-element array, as APIXO wants.
    expect(onSubmit).toHaveBeenCalledWith({
      mode: 'image-to-video-LoRA',
      prompt: 'a fox',
      resolution: '1080p',
      duration: 10,
      image_urls: ['https://img.example.com/a.png'],
      loras: [{ path: 'https://hf.example.com/l.safetensors', scale: 1 }],
    })
    expect(screen.getByRole('radiogroup', { name: 'Mode' }).closest('form')).toHaveAttribute('data-mode', 'image-to-video-LoRA')
  })

  it('does not send fields of another mode', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<ParameterForm model="ltx-2-19b" defaultValues={{ prompt: 'p' }} onSubmit={onSubmit} />)
    await user.click(screen.getByRole('radio', { name: '9:16' }))
    await user.click(screen.getByRole('radio', { name: 'Image to video' }))
    await user.type(screen.getByRole('textbox', { name: 'Image' }), 'https://img.example.com/a.png')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit.mock.calls[0]?.[0]).not.toHaveProperty('aspect_ratio')
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ mode: 'image-to-video' })
  })
})

describe('ParameterForm: LoRA list', () => {
  it('adds and removes LoRAs, up to three, each with URL and scale', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<ParameterForm model="ltx-2-19b" defaultValues={{ mode: 'text-to-video-LoRA', prompt: 'p' }} onSubmit={onSubmit} />)
    const list = screen.getByRole('group', { name: 'LoRAs' })
    expect(within(list).getAllByRole('group')).toHaveLength(1)
    expect(within(list).getByRole('slider', { name: 'LoRA 1 Scale' })).toHaveValue('1')
    const add = screen.getByRole('button', { name: 'Add LoRA' })
    await user.click(add)
    await user.click(add)
    expect(within(list).getAllByRole('group')).toHaveLength(3)
    // Full: aria-disabled rather than disabled, so the button keeps focus (see parameter-form-focus).
    expect(add).toHaveAttribute('aria-disabled', 'true')
    await user.type(screen.getByRole('textbox', { name: 'LoRA 1 URL' }), 'https://a.example/1')
    await user.type(screen.getByRole('textbox', { name: 'LoRA 2 URL' }), 'https://a.example/2')
    await user.type(screen.getByRole('textbox', { name: 'LoRA 3 URL' }), 'https://a.example/3')
    const scale2 = screen.getByRole('spinbutton', { name: 'LoRA 2 Scale, exact' })
    await user.clear(scale2)
    await user.type(scale2, '1.5')
    await user.click(screen.getByRole('button', { name: 'Remove LoRA 1' }))
    expect(within(list).getAllByRole('group')).toHaveLength(2)
    expect(add).not.toHaveAttribute('aria-disabled')
    expect(screen.getByRole('textbox', { name: 'LoRA 1 URL' })).toHaveValue('https://a.example/2')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        loras: [
          { path: 'https://a.example/2', scale: 1.5 },
          { path: 'https://a.example/3', scale: 1 },
        ],
      }),
    )
  })

  it('labels item messages with the item and says when the list is empty', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-19b" defaultValues={{ mode: 'text-to-video-LoRA', prompt: 'p' }} onSubmit={() => undefined} />)
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    const url = screen.getByRole('textbox', { name: 'LoRA 1 URL' })
    expect(url).toHaveAttribute('aria-invalid', 'true')
    expect(url).toHaveFocus()
    expect(url).toHaveAccessibleDescription(expect.stringContaining('LoRA 1 URL is required.'))
    await user.click(screen.getByRole('button', { name: 'Remove LoRA 1' }))
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(screen.getByText('LoRA modes need at least one LoRA.')).toBeInTheDocument()
  })
})

describe('ParameterForm: seed', () => {
  it('randomizes within range; unlocked it is cleared after submit, locked it is kept', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<ParameterForm model="ltx-2-19b" defaultValues={{ prompt: 'p' }} onSubmit={onSubmit} />)
    await user.click(advanced())
    const seed = screen.getByRole('spinbutton', { name: 'Seed' })
    expect(seed).toHaveValue(null)
    expect(seed).toHaveAttribute('placeholder', 'Random')
    await user.click(screen.getByRole('button', { name: 'Randomize' }))
    const first = Number((seed as HTMLInputElement).value)
    expect(Number.isInteger(first)).toBe(true)
    expect(first).toBeGreaterThanOrEqual(1)
    expect(first).toBeLessThanOrEqual(2147483647)

    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ seed: first }))
    // Unlocked: the next video gets a fresh random seed from the provider.
    expect(seed).toHaveValue(null)
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit.mock.lastCall?.[0]).not.toHaveProperty('seed')

    const lock = screen.getByRole('button', { name: 'Lock seed' })
    expect(lock).toHaveAttribute('aria-pressed', 'false')
    await user.type(seed, '42')
    await user.click(lock)
    expect(lock).toHaveAttribute('aria-pressed', 'true')
    expect(lock).toHaveAttribute('data-state', 'locked')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit.mock.calls.slice(-2).map((call) => (call[0] as { seed?: number }).seed)).toEqual([42, 42])
    expect(seed).toHaveValue(42)
  })

  it('refuses APIXO seed 0 with the schema message', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-19b" defaultValues={{ prompt: 'p' }} onSubmit={() => undefined} />)
    await user.click(advanced())
    const seed = screen.getByRole('spinbutton', { name: 'Seed' })
    await user.type(seed, '0')
    await user.tab()
    expect(seed).toHaveAccessibleDescription(expect.stringContaining('Seed cannot be 0'))
  })
})

describe('ParameterForm: image file picking', () => {
  const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'a.png', { type: 'image/png' })

  it('turns a picked PNG into a data URI with a preview, sent as the image', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<ParameterForm model="ltx-2-fast" defaultValues={{ prompt: 'p' }} onSubmit={onSubmit} />)
    const picker = screen.getByLabelText(/Choose file/)
    expect(picker).toHaveAttribute('accept', 'image/png,image/jpeg,image/webp')
    await user.upload(picker, png())
    const preview = await screen.findByRole('img', { name: 'Preview of Image' })
    expect(preview.getAttribute('src')).toMatch(/^blob:/)
    expect(screen.getByText('Using a.png')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ image: expect.stringMatching(/^data:image\/png;base64,/) }))
    await user.click(screen.getByRole('button', { name: 'Remove file' }))
    expect(screen.queryByRole('img')).not.toBeInTheDocument()
  })

  it('refuses a file of another type', async () => {
    const user = userEvent.setup({ applyAccept: false })
    render(<ParameterForm model="ltx-video" onSubmit={() => undefined} />)
    await user.upload(screen.getByLabelText(/Choose file/), new File(['GIF89a'], 'a.gif', { type: 'image/gif' }))
    expect(await screen.findByText('Start image must be a PNG, JPEG or WebP image.')).toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Start image' })).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByRole('img')).not.toBeInTheDocument()
  })

  it('refuses a file over 10 MB without reading it', async () => {
    const user = userEvent.setup()
    const read = vi.spyOn(FileReader.prototype, 'readAsDataURL')
    render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} />)
    const big = png()
    Object.defineProperty(big, 'size', { value: MAX_IMAGE_BYTES + 1 })
    await user.upload(screen.getByLabelText(/Choose file/), big)
    expect(await screen.findByText('Image is larger than 10 MB; use a smaller image.')).toBeInTheDocument()
    expect(read).not.toHaveBeenCalled()
  })

  it('takes a pasted URL too, and refuses an unsafe one on blur', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} />)
    const url = screen.getByRole('textbox', { name: 'Image' })
    await user.type(url, 'javascript:alert(1)')
    await user.tab()
    expect(url).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByRole('img')).not.toBeInTheDocument()
    await user.clear(url)
    await user.type(url, 'https://img.example.com/a.webp')
    expect(url).toHaveAttribute('aria-invalid', 'false')
    await user.tab()
    expect(screen.getByRole('img', { name: 'Preview of Image' })).toHaveAttribute('src', 'https://img.example.com/a.webp')
  })
})

describe('ParameterForm: image preview of a typed URL', () => {
  it('fetches no partial URL: the preview shows only once the URL is settled (blur), with no referrer', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} />)
    const url = screen.getByRole('textbox', { name: 'Image' })
    // Every prefix from "https://i" on is a safe https URL; none may become an <img src>.
    for (const character of 'https://img.example.com/a.png') {
      await user.type(url, character)
      expect(screen.queryByRole('img')).not.toBeInTheDocument()
    }
    await user.tab()
    const preview = screen.getByRole('img', { name: 'Preview of Image' })
    expect(preview).toHaveAttribute('src', 'https://img.example.com/a.png')
    expect(preview).toHaveAttribute('referrerpolicy', 'no-referrer')
    // Editing it again hides the preview until the new URL settles.
    await user.type(url, '{Backspace}{Backspace}{Backspace}jpg')
    expect(screen.queryByRole('img')).not.toBeInTheDocument()
  })

  it('shows a typed URL after a pause in typing, without blur', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} />)
    const url = screen.getByRole('textbox', { name: 'Image' })
    await user.type(url, 'https://img.example.com/b.webp')
    expect(screen.queryByRole('img')).not.toBeInTheDocument()
    expect(url).toHaveFocus()
    expect(await screen.findByRole('img', { name: 'Preview of Image' })).toHaveAttribute('src', 'https://img.example.com/b.webp')
  })

  it('previews a URL from defaultValues and a picked file at once, both without a referrer', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-fast" defaultValues={{ image: 'https://img.example.com/start.png' }} onSubmit={() => undefined} />)
    expect(screen.getByRole('img', { name: 'Preview of Image' })).toHaveAttribute('src', 'https://img.example.com/start.png')
    await user.upload(screen.getByLabelText(/Choose file/), new File(['x'], 'a.png', { type: 'image/png' }))
    const preview = await screen.findByRole('img', { name: 'Preview of Image' }, { timeout: 300 })
    await waitFor(() => expect(preview.getAttribute('src')).toMatch(/^blob:/), { timeout: 300 })
    expect(preview).toHaveAttribute('referrerpolicy', 'no-referrer')
  })

  it('shows no preview for a URL the schema refuses', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} />)
    await user.type(screen.getByRole('textbox', { name: 'Image' }), 'http://img.example.com/a.png')
    await user.tab()
    expect(screen.getByRole('textbox', { name: 'Image' })).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByRole('img')).not.toBeInTheDocument()
  })
})

describe('ParameterForm: a slow file read does not overwrite a later choice', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  /** Hold every FileReader read until the test lets it finish, in any order. */
  function holdReads() {
    const reads = new Map<string, () => void>()
    vi.spyOn(FileReader.prototype, 'readAsDataURL').mockImplementation(function (this: FileReader, blob: Blob) {
      const name = (blob as File).name
      reads.set(name, () => {
        Object.defineProperty(this, 'result', { value: `data:image/png;base64,${btoa(name)}`, configurable: true })
        this.onload?.(new ProgressEvent('load') as ProgressEvent<FileReader>)
      })
    })
    return async (name: string) => {
      const finish = reads.get(name)
      if (finish === undefined) throw new Error(`${name} was not read`)
      await act(async () => finish())
    }
  }

  const file = (name: string) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' })

  it('a big file, then a small one: the small one wins even when the big one finishes last', async () => {
    const user = userEvent.setup()
    const finish = holdReads()
    const onSubmit = vi.fn()
    render(<ParameterForm model="ltx-2-fast" defaultValues={{ prompt: 'p' }} onSubmit={onSubmit} />)
    const picker = screen.getByLabelText(/Choose file/)
    await user.upload(picker, file('big.png'))
    await user.upload(picker, file('small.png'))
    await finish('small.png')
    expect(screen.getByText('Using small.png')).toBeInTheDocument()
    await finish('big.png')
    expect(screen.getByText('Using small.png')).toBeInTheDocument()
    expect(screen.queryByText('Using big.png')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ image: `data:image/png;base64,${btoa('small.png')}` }))
  })

  it('a file, then a typed URL before the read finishes: the URL stays', async () => {
    const user = userEvent.setup()
    const finish = holdReads()
    render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} />)
    await user.upload(screen.getByLabelText(/Choose file/), file('slow.png'))
    const url = screen.getByRole('textbox', { name: 'Image' })
    await user.type(url, 'https://img.example.com/a.png')
    await finish('slow.png')
    expect(url).toHaveValue('https://img.example.com/a.png')
    expect(screen.queryByText('Using slow.png')).not.toBeInTheDocument()
  })

  it('a file, then a refused one: the refusal stands and the first file is not used', async () => {
    const user = userEvent.setup({ applyAccept: false })
    const finish = holdReads()
    render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} />)
    const picker = screen.getByLabelText(/Choose file/)
    await user.upload(picker, file('slow.png'))
    await user.upload(picker, new File(['GIF89a'], 'a.gif', { type: 'image/gif' }))
    await finish('slow.png')
    expect(screen.getByText('Image must be a PNG, JPEG or WebP image.')).toBeInTheDocument()
    expect(screen.queryByText('Using slow.png')).not.toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Image' })).toHaveAttribute('aria-invalid', 'true')
  })
})

describe('ParameterForm: submitting', () => {
  // aria-disabled, not disabled: a button that becomes disabled loses focus (parameter-form-focus).
  it('marks submit aria-disabled while isSubmitting', () => {
    const { rerender } = render(<ParameterForm model="ltx-2-fast" isSubmitting onSubmit={() => undefined} />)
    const button = screen.getByRole('button', { name: 'Submitting…' })
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button.closest('form')).toHaveAttribute('data-state', 'submitting')
    rerender(<ParameterForm model="ltx-2-fast" isSubmitting={false} onSubmit={() => undefined} />)
    expect(screen.getByRole('button', { name: 'Generate video' })).not.toHaveAttribute('aria-disabled')
  })

  it('marks submit aria-disabled while a promise from onSubmit is pending, and submits once', async () => {
    const user = userEvent.setup()
    let resolve: () => void = () => undefined
    const onSubmit = vi.fn(() => new Promise<void>((r) => (resolve = r)))
    render(<ParameterForm model="ltx-2-fast" defaultValues={{ prompt: 'p' }} onSubmit={onSubmit} />)
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(screen.getByRole('button', { name: 'Submitting…' })).toHaveAttribute('aria-disabled', 'true')
    await user.click(screen.getByRole('button', { name: 'Submitting…' }))
    expect(onSubmit).toHaveBeenCalledTimes(1)
    await act(async () => resolve())
    await waitFor(() => expect(screen.getByRole('button', { name: 'Generate video' })).not.toHaveAttribute('aria-disabled'))
  })

  it('shows the field issues of a submit the server refused under their fields, and focuses the first', async () => {
    const user = userEvent.setup()
    const refused = new LtxError('validation', 'Prompt is too long for this account.', {
      issues: [
        { path: ['prompt'], message: 'Prompt is too long for this account.' },
        { path: ['callback_url'], message: 'This server does not accept that callback URL.' },
      ],
    })
    const onSubmit = vi.fn(() => Promise.reject(refused))
    render(<ParameterForm model="ltx-2-fast" defaultValues={{ prompt: 'p' }} onSubmit={onSubmit} />)
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    const prompt = screen.getByRole('textbox', { name: 'Prompt' })
    await waitFor(() => expect(prompt).toHaveAttribute('aria-invalid', 'true'))
    expect(prompt).toHaveAccessibleDescription(expect.stringContaining('Prompt is too long for this account.'))
    expect(prompt).toHaveFocus()
    // An issue with no field of its own is listed in the form's summary.
    expect(screen.getByRole('alert')).toHaveTextContent('This server does not accept that callback URL.')
    // Any other failure is the caller's to show: the form only stops waiting.
    onSubmit.mockImplementationOnce(() => Promise.reject(new LtxError('network', 'Offline.')))
    await user.type(prompt, 'q')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2))
    expect(screen.queryByText('Offline.')).toBeNull()
  })
})
