// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, render, renderHook, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { memo, type InputHTMLAttributes } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FieldDescriptor } from '../../src/core/read-fields'
import type { ParameterFormControl } from '../../src/components/parameter-form/create-form-control'
import { ParameterForm } from '../../src/components/parameter-form/parameter-form'
import { defaultParameterFormLabels, type ParameterFormLabels } from '../../src/components/parameter-form/parameter-form-labels'
import { useParameterField } from '../../src/components/parameter-form/use-parameter-field'
import { useParameterForm } from '../../src/components/parameter-form/use-parameter-form'

afterEach(cleanup)

function fieldOrder(container: HTMLElement): string[] {
  return [...container.querySelectorAll('form > [data-field]')].map((el) => el.getAttribute('data-field') ?? '')
}

describe('ParameterForm: fields option', () => {
  it('orders, hides and overrides fields', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    const { container } = render(
      <ParameterForm
        model="ltx-2-fast"
        defaultValues={{ prompt: 'p' }}
        fields={{
          order: ['resolution', 'duration'],
          hide: ['generate_audio'],
          override: {
            duration: { label: 'Clip length', description: 'Seconds of video.', widget: 'select' },
            resolution: { optionLabels: { '1080p': 'Full HD', '2k': 'QHD', '4k': 'Ultra HD' } },
          },
        }}
        onSubmit={onSubmit}
      />,
    )
    expect(fieldOrder(container)).toEqual(['resolution', 'duration', 'prompt', 'image'])
    expect(screen.queryByRole('switch')).not.toBeInTheDocument()
    const length = screen.getByRole('combobox', { name: 'Clip length' })
    expect(length).toHaveAccessibleDescription('Seconds of video.')
    expect(length).toHaveValue('8')
    expect(screen.getByRole('radio', { name: 'Ultra HD' })).toBeInTheDocument()
    await user.selectOptions(length, '6')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    // A hidden field still sends its default.
    expect(onSubmit).toHaveBeenCalledWith({ prompt: 'p', duration: 6, generate_audio: true, resolution: '2k' })
  })

  it('reports messages of hidden fields in a summary', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-fast" fields={{ hide: ['prompt'] }} onSubmit={() => undefined} />)
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Prompt is required.')
  })
})

describe('ParameterForm: labels', () => {
  const custom: ParameterFormLabels = {
    submit: 'L-submit',
    submitting: 'L-submitting',
    mode: 'L-mode',
    advanced: 'L-advanced',
    characterCount: (count, max) => `L-count ${count}/${max}`,
    randomizeSeed: 'L-randomize',
    lockSeed: 'L-lock',
    seedPlaceholder: 'L-seed-placeholder',
    listItem: (label, index) => `L-item ${label} ${index}`,
    addItem: (label) => `L-add ${label}`,
    removeItem: (label, index) => `L-remove ${label} ${index}`,
    chooseFile: 'L-choose',
    removeFile: 'L-remove-file',
    fileChosen: (name) => `L-chosen ${name}`,
    imagePreview: (label) => `L-preview ${label}`,
    urlPlaceholder: 'L-url',
    notSet: 'L-not-set',
    otherErrors: 'L-other-errors',
    fileType: (label) => `L-type ${label}`,
    fileSize: (label) => `L-size ${label}`,
    fileRead: (label) => `L-read ${label}`,
    exactValue: (label) => `L-exact ${label}`,
    valueText: (value, unit) => `L-value ${value} ${unit ?? ''}`,
  }

  function defaultsShown(html: string): string[] {
    const samples = Object.values({
      ...defaultParameterFormLabels,
      characterCount: defaultParameterFormLabels.characterCount(0, 5000),
      // "LoRA 1" is also inside "L-item LoRA 1" and the schema's messages; checked by name below.
      listItem: undefined,
      addItem: defaultParameterFormLabels.addItem('LoRA'),
      removeItem: defaultParameterFormLabels.removeItem('LoRA', 1),
      fileChosen: defaultParameterFormLabels.fileChosen('a.png'),
      imagePreview: defaultParameterFormLabels.imagePreview('Image'),
      fileType: defaultParameterFormLabels.fileType('Image'),
      fileSize: defaultParameterFormLabels.fileSize('Image'),
      fileRead: defaultParameterFormLabels.fileRead('Image'),
      exactValue: defaultParameterFormLabels.exactValue('Scale'),
    })
    return samples.filter((text): text is string => typeof text === 'string' && html.includes(text.replace('…', '')))
  }

  it('replaces every visible string of the APIXO form (modes, LoRAs, seed, count, select, summary)', async () => {
    const user = userEvent.setup()
    const { container } = render(
      <ParameterForm
        model="ltx-2-19b"
        defaultValues={{ mode: 'image-to-video-LoRA', prompt: 'p' }}
        fields={{ hide: ['image_urls'], override: { resolution: { widget: 'select' } } }}
        labels={custom}
        onSubmit={() => undefined}
      />,
    )
    await user.click(screen.getByRole('button', { name: 'L-submit' }))
    for (const text of ['L-mode', 'L-advanced', 'L-count 1/5000', 'L-randomize', 'L-lock', 'L-item LoRA 1', 'L-add LoRA', 'L-remove LoRA 1', 'L-other-errors']) {
      expect(container).toHaveTextContent(text)
    }
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toHaveAttribute('placeholder', 'L-seed-placeholder')
    expect(screen.getByRole('textbox', { name: 'L-item LoRA 1 URL' })).toBeInTheDocument()
    // The spoken value and the exact input's name come from the labels too.
    expect(screen.getByRole('slider', { name: 'L-item LoRA 1 Scale' })).toHaveAttribute('aria-valuetext', 'L-value 1 ')
    expect(screen.getByRole('spinbutton', { name: 'L-exact L-item LoRA 1 Scale' })).toHaveValue(1)
    expect(defaultsShown(container.innerHTML)).toEqual([])
  })

  it('replaces the strings of a chosen file, the empty option and the file messages', async () => {
    const user = userEvent.setup({ applyAccept: false })
    const { container, rerender } = render(
      <ParameterForm model="ltx-2-19b" fields={{ override: { aspect_ratio: { widget: 'select' } } }} labels={custom} onSubmit={() => undefined} />,
    )
    expect(screen.getByRole('option', { name: 'L-not-set' })).toBeInTheDocument()
    rerender(<ParameterForm model="ltx-2-fast" labels={custom} onSubmit={() => undefined} />)
    const picker = screen.getByLabelText(/L-choose/)
    await user.upload(picker, new File(['x'], 'a.gif', { type: 'image/gif' }))
    expect(await screen.findByText('L-type Image')).toBeInTheDocument()
    const big = new File(['x'], 'a.png', { type: 'image/png' })
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 })
    await user.upload(picker, big)
    expect(await screen.findByText('L-size Image')).toBeInTheDocument()
    await user.upload(picker, new File(['x'], 'a.png', { type: 'image/png' }))
    expect(await screen.findByRole('img', { name: 'L-preview Image' })).toBeInTheDocument()
    expect(container).toHaveTextContent('L-chosen a.png')
    expect(screen.getByRole('textbox', { name: 'Image' })).toHaveAttribute('placeholder', 'L-url')
    expect(screen.getByRole('button', { name: 'L-remove-file' })).toBeInTheDocument()
    rerender(<ParameterForm model="ltx-2-fast" labels={custom} isSubmitting onSubmit={() => undefined} />)
    expect(screen.getByRole('button', { name: 'L-submitting' })).toHaveAttribute('aria-disabled', 'true')
    expect(defaultsShown(container.innerHTML)).toEqual([])
  })
})

describe('ParameterForm: components, unstyled, data attributes', () => {
  it('renders the overrides with the same props', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    const tag = (kind: string) => (props: InputHTMLAttributes<HTMLInputElement>) => <input {...props} data-ds={kind} />
    render(
      <ParameterForm
        model="ltx-2-19b"
        defaultValues={{ mode: 'text-to-video-LoRA' }}
        components={{
          Input: tag('input'),
          Slider: tag('slider'),
          Radio: tag('radio'),
          Switch: tag('switch'),
          Textarea: (props) => <textarea {...props} data-ds="textarea" />,
          Select: (props) => <select {...props} data-ds="select" />,
          Button: (props) => <button {...props} data-ds="button" />,
        }}
        onSubmit={onSubmit}
      />,
    )
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveAttribute('data-ds', 'textarea')
    expect(screen.getByRole('slider', { name: 'Duration' })).toHaveAttribute('data-ds', 'slider')
    expect(screen.getByRole('spinbutton', { name: 'Duration, exact' })).toHaveAttribute('data-ds', 'input')
    expect(screen.getByRole('radio', { name: '720p' })).toHaveAttribute('data-ds', 'radio')
    expect(screen.getByRole('radio', { name: 'Text to video' })).toHaveAttribute('data-ds', 'radio')
    expect(screen.getByRole('textbox', { name: 'LoRA 1 URL' })).toHaveAttribute('data-ds', 'input')
    for (const button of screen.getAllByRole('button')) expect(button).toHaveAttribute('data-ds', 'button')
    // The overrides are wired: typing and submitting work through them.
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'p')
    await user.type(screen.getByRole('textbox', { name: 'LoRA 1 URL' }), 'https://x.example/l')
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ prompt: 'p', loras: [{ path: 'https://x.example/l', scale: 1 }] }))
  })

  it('renders Switch and Select overrides', () => {
    render(
      <ParameterForm
        model="ltx-video"
        components={{ Select: (props) => <select {...props} data-ds="select" /> }}
        onSubmit={() => undefined}
      />,
    )
    expect(screen.getByRole('combobox', { name: 'Target size' })).toHaveAttribute('data-ds', 'select')
    cleanup()
    render(<ParameterForm model="ltx-2-fast" components={{ Switch: (props) => <input {...props} data-ds="switch" /> }} onSubmit={() => undefined} />)
    expect(screen.getByRole('switch', { name: 'Generate audio' })).toHaveAttribute('data-ds', 'switch')
  })

  it('unstyled leaves out every ltx- class but keeps className and data attributes', () => {
    const { container } = render(<ParameterForm model="ltx-2-19b" unstyled className="mine" onSubmit={() => undefined} />)
    const form = container.querySelector('form') as HTMLFormElement
    expect(form).toHaveClass('mine')
    expect(container.querySelectorAll('[class*="ltx-"]')).toHaveLength(0)
    expect(form).toHaveAttribute('data-state', 'idle')
    expect(form).toHaveAttribute('data-mode', 'text-to-video')
    expect(form).toHaveAttribute('data-model', 'ltx-2-19b')
    expect(container.querySelector('[data-field="prompt"]')).toHaveAttribute('data-widget', 'textarea')
  })

  it('styled has ltx- classes plus className', () => {
    const { container } = render(<ParameterForm model="ltx-2-fast" className="mine" onSubmit={() => undefined} />)
    expect(container.querySelector('form')).toHaveClass('ltx-root', 'ltx-parameter-form', 'mine')
  })
})

describe('ParameterForm: typing in one field does not re-render the others', () => {
  it('counts renders of other fields through component overrides', async () => {
    const user = userEvent.setup()
    const renders = new Map<string, number>()
    const count = (name: unknown) => renders.set(String(name), (renders.get(String(name)) ?? 0) + 1)
    render(
      <ParameterForm
        model="ltx-2-19b-t2v"
        components={{
          Slider: (props) => {
            count(props.name)
            return <input {...props} />
          },
          Textarea: (props) => {
            count(props.name)
            return <textarea {...props} />
          },
        }}
        onSubmit={() => undefined}
      />,
    )
    const before = new Map(renders)
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'hello')
    expect(renders.get('prompt')).toBe((before.get('prompt') ?? 0) + 5)
    for (const name of ['width', 'height', 'num_frames', 'fps', 'guidance_scale', 'negative_prompt']) {
      expect(renders.get(name), name).toBe(before.get(name))
    }
  })

  it('with the headless hook, a field component re-renders only for its own value', async () => {
    const user = userEvent.setup()
    const renders: Record<string, number> = {}
    const Field = memo(function Field({ control, field }: { control: ParameterFormControl; field: FieldDescriptor }) {
      renders[field.name] = (renders[field.name] ?? 0) + 1
      const api = useParameterField(control, field)
      return (
        <div>
          <label {...api.getLabelProps()}>{field.label}</label>
          <input {...api.getInputProps(field.widget === 'slider' ? 'number' : undefined)} aria-labelledby={api.ids.label} />
          {api.error === undefined ? null : <p {...api.getErrorProps()}>{api.error}</p>}
        </div>
      )
    })
    const onSubmit = vi.fn()
    function HeadlessForm() {
      const form = useParameterForm({ model: 'ltx-2-fast', onSubmit })
      renders.form = (renders.form ?? 0) + 1
      return (
        <form {...form.getFormProps()} aria-label="Headless">
          {form.fields
            .filter((f) => f.name === 'prompt' || f.name === 'image')
            .map((f) => (
              <Field key={f.name} control={form.control} field={f} />
            ))}
          <button {...form.getSubmitProps()}>Go</button>
        </form>
      )
    }
    render(<HeadlessForm />)
    const start = { ...renders }
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'abc')
    expect(renders.prompt).toBe((start.prompt ?? 0) + 3)
    expect(renders.image).toBe(start.image)
    expect(renders.form).toBe(start.form)
    await user.click(screen.getByRole('button', { name: 'Go' }))
    expect(onSubmit).toHaveBeenCalledWith({ prompt: 'abc', duration: 8, generate_audio: true, resolution: '2k' })
    expect(screen.getByRole('form', { name: 'Headless' })).toHaveAttribute('data-state', 'idle')
  })
})

describe('useParameterForm: the control as a store', () => {
  it('gives the same messages object while they do not change, so it can be a useSyncExternalStore snapshot', async () => {
    const { result } = renderHook(() => useParameterForm({ model: 'ltx-2-fast', onSubmit: () => undefined }))
    await act(() => result.current.submit())
    const { control } = result.current
    const first = control.errorsOf('prompt')
    expect(first).toEqual({ prompt: expect.any(String) })
    expect(control.errorsOf('prompt')).toBe(first)
    expect(control.fieldsFor(undefined)).toBe(control.fieldsFor(undefined))
    act(() => result.current.setValue('prompt', 'waves'))
    act(() => control.validate(['prompt']))
    expect(control.errorsOf('prompt')).toBeUndefined()
  })

  it('replaces a hand-set value that is not a list when a list item is edited', () => {
    const { result } = renderHook(() => useParameterForm({ model: 'ltx-2-19b', defaultValues: { mode: 'text-to-video-LoRA' }, onSubmit: () => undefined }))
    act(() => result.current.setValue('loras', {}))
    act(() => result.current.control.setValue(['loras', 0, 'path'], 'https://h.example/l'))
    expect(result.current.getValue('loras')).toEqual([{ path: 'https://h.example/l' }])
  })
})

describe('useParameterForm: prop getters', () => {
  it('wires label, input, error and submit props for a design system to render', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    function Plain() {
      const form = useParameterForm({ model: 'ltx-retake-video', onSubmit })
      const error = form.errors.video_uri
      return (
        <form {...form.getFormProps()} aria-label="Retake">
          <label {...form.getLabelProps('video_uri')}>Video</label>
          <input {...form.getInputProps('video_uri')} />
          {error === undefined ? null : <p {...form.getErrorProps('video_uri')}>{error}</p>}
          <button {...form.getSubmitProps()}>Send</button>
        </form>
      )
    }
    render(<Plain />)
    await user.click(screen.getByRole('button', { name: 'Send' }))
    const input = screen.getByRole('textbox', { name: 'Video' })
    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(input).toHaveAccessibleDescription('Source video is required.')
    expect(input).toHaveFocus()
    expect(within(screen.getByRole('form', { name: 'Retake' })).getByText('Source video is required.')).toBeInTheDocument()
    expect(onSubmit).not.toHaveBeenCalled()
  })
})
