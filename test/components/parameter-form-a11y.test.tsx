// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { afterEach, describe, expect, it } from 'vitest'
import { ParameterForm } from '../../src/components/parameter-form/parameter-form'
import { APIXO_MODES } from '../../src/models/apixo-ltx-2-19b'
import { modelIds } from '../../src/models/registry'

afterEach(cleanup)

async function violations(container: HTMLElement) {
  // jsdom has no layout, so colour contrast cannot be measured here (Storybook's a11y addon does).
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } })
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

describe('ParameterForm: axe', () => {
  it.each(modelIds)('%s: no violations, untouched and with every message shown', async (model) => {
    const user = userEvent.setup()
    const { container } = render(<ParameterForm model={model} onSubmit={() => undefined} />)
    // Open the advanced section (where there is one) so its fields are checked too.
    const summary = screen.queryByText('Advanced settings')
    if (summary !== null) await user.click(summary)
    expect(await violations(container)).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(container.querySelector('[aria-invalid="true"]')).not.toBeNull()
    expect(await violations(container)).toEqual([])
  })

  it.each(APIXO_MODES)('ltx-2-19b in %s mode: no violations', async (mode) => {
    const user = userEvent.setup()
    const { container } = render(<ParameterForm model="ltx-2-19b" defaultValues={{ mode }} onSubmit={() => undefined} />)
    expect(await violations(container)).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Generate video' }))
    expect(await violations(container)).toEqual([])
  })

  it('a picked image with its preview and remove button: no violations', async () => {
    const user = userEvent.setup()
    const { container } = render(<ParameterForm model="ltx-2-fast" onSubmit={() => undefined} />)
    await user.upload(screen.getByLabelText(/Choose file/), new File(['x'], 'a.png', { type: 'image/png' }))
    await screen.findByRole('img', { name: 'Preview of Image' })
    expect(await violations(container)).toEqual([])
  })

  it('unstyled and submitting: no violations', async () => {
    const { container } = render(<ParameterForm model="ltx-2-19b" unstyled isSubmitting onSubmit={() => undefined} />)
    expect(await violations(container)).toEqual([])
  })
})
