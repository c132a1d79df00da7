// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FieldDescriptor } from '../../src/core/read-fields'
import type { ParameterFormControl } from '../../src/components/parameter-form/create-form-control'
import { ParameterForm } from '../../src/components/parameter-form/parameter-form'
import { useParameterField } from '../../src/components/parameter-form/use-parameter-field'
import { useParameterForm } from '../../src/components/parameter-form/use-parameter-form'

afterEach(cleanup)

// Buttons that remove or disable themselves must not drop keyboard focus to <body>.
describe('ParameterForm: focus after a button removes or disables itself', () => {
  const loraForm = () => render(<ParameterForm model="ltx-2-19b" defaultValues={{ mode: 'text-to-video-LoRA', prompt: 'p' }} onSubmit={() => undefined} />)

  it('Remove LoRA n: focus goes to the next item’s Remove, else the previous one’s, else Add LoRA', async () => {
    const user = userEvent.setup()
    loraForm()
    const list = screen.getByRole('group', { name: 'LoRAs' })
    const add = screen.getByRole('button', { name: 'Add LoRA' })
    await user.click(add)
    await user.click(add)
    await user.type(screen.getByRole('textbox', { name: 'LoRA 2 URL' }), 'https://a.example/2')
    await user.type(screen.getByRole('textbox', { name: 'LoRA 3 URL' }), 'https://a.example/3')

    // The middle one, by keyboard: the next item (LoRA 3) moves up and its Remove takes focus.
    screen.getByRole('button', { name: 'Remove LoRA 2' }).focus()
    await user.keyboard('{Enter}')
    expect(within(list).getAllByRole('group')).toHaveLength(2)
    expect(screen.getByRole('textbox', { name: 'LoRA 2 URL' })).toHaveValue('https://a.example/3')
    expect(screen.getByRole('button', { name: 'Remove LoRA 2' })).toHaveFocus()

    // The last one: no next item, so the previous item's Remove.
    await user.keyboard('{Enter}')
    expect(within(list).getAllByRole('group')).toHaveLength(1)
    expect(screen.getByRole('button', { name: 'Remove LoRA 1' })).toHaveFocus()

    // The only one: "Add LoRA".
    await user.keyboard(' ')
    expect(within(list).queryAllByRole('group')).toHaveLength(0)
    expect(add).toHaveFocus()
    expect(document.body).not.toHaveFocus()
  })

  it('Add LoRA stays focused (aria-disabled, not disabled) once the list is full, and does nothing then', async () => {
    const user = userEvent.setup()
    loraForm()
    const list = screen.getByRole('group', { name: 'LoRAs' })
    const add = screen.getByRole('button', { name: 'Add LoRA' })
    add.focus()
    await user.keyboard('{Enter}')
    await user.keyboard('{Enter}')
    expect(within(list).getAllByRole('group')).toHaveLength(3)
    expect(add).toHaveAttribute('aria-disabled', 'true')
    expect(add).not.toBeDisabled()
    expect(add).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(within(list).getAllByRole('group')).toHaveLength(3)
    await user.click(screen.getByRole('button', { name: 'Remove LoRA 3' }))
    expect(add).not.toHaveAttribute('aria-disabled')
  })

  it('Remove file: focus goes to the URL input of that field', async () => {
    const user = userEvent.setup()
    render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} />)
    await user.upload(screen.getByLabelText(/Choose file/), new File(['x'], 'a.png', { type: 'image/png' }))
    const remove = await screen.findByRole('button', { name: 'Remove file' })
    remove.focus()
    await user.keyboard('{Enter}')
    expect(screen.queryByRole('button', { name: 'Remove file' })).not.toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Image' })).toHaveFocus()
  })

  it('submit while submitting: aria-disabled (not disabled), keeps focus, and a second press does not submit again', async () => {
    const user = userEvent.setup()
    let resolve: () => void = () => undefined
    const onSubmit = vi.fn(() => new Promise<void>((r) => (resolve = r)))
    render(<ParameterForm model="ltx-2-fast" defaultValues={{ prompt: 'p' }} onSubmit={onSubmit} />)
    const button = screen.getByRole('button', { name: 'Generate video' })
    button.focus()
    await user.keyboard('{Enter}')
    expect(onSubmit).toHaveBeenCalledTimes(1)
    expect(button).toHaveAccessibleName('Submitting…')
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button).toHaveAttribute('data-state', 'submitting')
    expect(button).not.toBeDisabled()
    expect(button).toHaveFocus()
    // Pressed again, by keyboard and by pointer, and Enter in a field: still one submit.
    await user.keyboard('{Enter}')
    await user.click(button)
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), '{Enter}')
    expect(onSubmit).toHaveBeenCalledTimes(1)
    await act(async () => resolve())
    await waitFor(() => expect(button).toHaveAccessibleName('Generate video'))
    expect(button).not.toHaveAttribute('aria-disabled')
    expect(button).toHaveAttribute('data-state', 'idle')
  })

  it('isSubmitting from the app: a click does not call onSubmit and the button keeps focus', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    const { rerender } = render(<ParameterForm model="ltx-2-fast" defaultValues={{ prompt: 'p' }} onSubmit={onSubmit} />)
    const button = screen.getByRole('button', { name: 'Generate video' })
    await user.click(button)
    expect(onSubmit).toHaveBeenCalledTimes(1)
    rerender(<ParameterForm model="ltx-2-fast" defaultValues={{ prompt: 'p' }} isSubmitting onSubmit={onSubmit} />)
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button).toHaveFocus()
    await user.click(button)
    expect(onSubmit).toHaveBeenCalledTimes(1)
  })
})

describe('useParameterForm: focusing an invalid group', () => {
  it('focuses the checked control of a group, not its first one', async () => {
    const user = userEvent.setup()
    function Headless() {
      const form = useParameterForm({ model: 'ltx-2-fast', onSubmit: () => undefined })
      const field = form.fields.find((f) => f.name === 'prompt')
      if (field === undefined) throw new Error('no prompt field')
      return (
        <form {...form.getFormProps()} aria-label="Headless">
          <PromptAsChoices control={form.control} field={field} />
          <button {...form.getSubmitProps()}>Go</button>
        </form>
      )
    }
    // A design system's own group for a field: the element with the field's id holds the choices.
    function PromptAsChoices({ control, field }: { control: ParameterFormControl; field: FieldDescriptor }) {
      const api = useParameterField(control, field)
      return (
        <div {...api.getGroupProps()}>
          <span id={api.ids.label}>Prompt</span>
          {['first', 'second', 'third'].map((choice) => (
            <label key={choice}>
              <input type="radio" name="choices" value={choice} defaultChecked={choice === 'second'} />
              {choice}
            </label>
          ))}
        </div>
      )
    }
    render(<Headless />)
    // The prompt is required and empty: submit focuses its group, which holds a checked radio.
    await user.click(screen.getByRole('button', { name: 'Go' }))
    expect(screen.getByRole('radio', { name: 'second' })).toHaveFocus()
  })
})
