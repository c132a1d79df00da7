// @vitest-environment jsdom
// The headless form alone, rendered with markup of its own (as a design system would): focus
// after a button removes itself, and the image preview (settling, object URL lifecycle), come
// from the hooks, not from the styled ParameterForm.
import '@testing-library/jest-dom/vitest'
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FieldDescriptor } from '../../src/core/read-fields'
import type { ParameterFormControl } from '../../src/components/parameter-form/create-form-control'
import { useParameterField } from '../../src/components/parameter-form/use-parameter-field'
import { useParameterForm } from '../../src/components/parameter-form/use-parameter-form'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

function LoraList({ control, field }: { control: ParameterFormControl; field: FieldDescriptor }) {
  const api = useParameterField(control, field)
  return (
    <div {...api.getGroupProps()}>
      {api.items.map((_, index) => (
        <button key={index} {...api.getRemoveItemProps(index)}>{`Drop ${index + 1}`}</button>
      ))}
      <button {...api.getAddItemProps()}>More</button>
    </div>
  )
}

function ImageField({ control, field }: { control: ParameterFormControl; field: FieldDescriptor }) {
  const api = useParameterField(control, field)
  return (
    <div>
      <input {...api.getInputProps()} aria-label="Image URL" />
      <input {...api.getFileInputProps()} aria-label="Image file" />
      {api.fileName === undefined ? null : <button {...api.getClearFileProps()}>Forget file</button>}
      {api.previewUrl === undefined ? null : <img src={api.previewUrl} alt="Shown" />}
    </div>
  )
}

function OwnForm({ model, only, defaultValues }: { model: 'ltx-2-19b' | 'ltx-2-fast'; only: string; defaultValues: Record<string, unknown> }) {
  const form = useParameterForm({ model, defaultValues: defaultValues as never, onSubmit: () => undefined })
  const field = form.fields.find((f) => f.name === only)
  if (field === undefined) throw new Error(`no ${only}`)
  const Field = only === 'loras' ? LoraList : ImageField
  return (
    <form {...form.getFormProps()} aria-label="Own">
      <Field control={form.control} field={field} />
    </form>
  )
}

describe('headless ParameterForm: focus after an action', () => {
  it('a removed item’s button hands focus to the next item’s, else the previous one’s, else Add', async () => {
    const user = userEvent.setup()
    render(<OwnForm model="ltx-2-19b" only="loras" defaultValues={{ mode: 'text-to-video-LoRA', prompt: 'p' }} />)
    await user.click(screen.getByRole('button', { name: 'More' }))
    await user.click(screen.getByRole('button', { name: 'More' }))
    expect(screen.getAllByRole('button', { name: /^Drop/ })).toHaveLength(3)

    screen.getByRole('button', { name: 'Drop 2' }).focus()
    await user.keyboard('{Enter}')
    expect(screen.getAllByRole('button', { name: /^Drop/ })).toHaveLength(2)
    expect(screen.getByRole('button', { name: 'Drop 2' })).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(screen.getByRole('button', { name: 'Drop 1' })).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(screen.getByRole('button', { name: 'More' })).toHaveFocus()
    expect(document.body).not.toHaveFocus()
  })
})

describe('headless ParameterForm: image preview', () => {
  const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'a.png', { type: 'image/png' })

  it('previews a picked file from an object URL, revoked when the file is removed, and focus goes to the URL input', async () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL')
    const user = userEvent.setup()
    render(<OwnForm model="ltx-2-fast" only="image" defaultValues={{ prompt: 'p' }} />)
    await user.upload(screen.getByLabelText('Image file'), png())
    const preview = await screen.findByRole('img', { name: 'Shown' })
    const url = preview.getAttribute('src')
    expect(url).toMatch(/^blob:/)
    expect(revoke).not.toHaveBeenCalled()

    await user.click(screen.getByRole('button', { name: 'Forget file' }))
    expect(screen.queryByRole('img')).not.toBeInTheDocument()
    expect(revoke).toHaveBeenCalledWith(url)
    expect(screen.getByLabelText('Image URL')).toHaveFocus()
  })

  it('revokes the object URL when the field unmounts', async () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL')
    const user = userEvent.setup()
    const { unmount } = render(<OwnForm model="ltx-2-fast" only="image" defaultValues={{ prompt: 'p' }} />)
    await user.upload(screen.getByLabelText('Image file'), png())
    const url = (await screen.findByRole('img', { name: 'Shown' })).getAttribute('src')
    unmount()
    expect(revoke).toHaveBeenCalledWith(url)
  })

  it('previews a typed URL only once it is settled (on blur), never each partial URL', async () => {
    const user = userEvent.setup()
    render(<OwnForm model="ltx-2-fast" only="image" defaultValues={{ prompt: 'p' }} />)
    await user.type(screen.getByLabelText('Image URL'), 'https://cdn.example.com/a.png')
    expect(screen.queryByRole('img')).not.toBeInTheDocument()
    await user.tab()
    expect(screen.getByRole('img', { name: 'Shown' })).toHaveAttribute('src', 'https://cdn.example.com/a.png')
  })
})
