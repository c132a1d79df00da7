// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { createSegmindTransport, LtxProvider } from 'ltx-react'
import { createSimulator } from 'ltx-react/testing'
import { simulatorHandlers } from 'ltx-react/testing/msw'
import { Studio } from '../../examples/studio'

// The README's component example, end to end against the simulator (msw at /api/ltx).
const sim = createSimulator({ speed: 50 })
const server = setupServer(...simulatorHandlers(sim))
const transports = { segmind: createSegmindTransport({ baseUrl: '/api/ltx/segmind' }) }

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  localStorage.clear()
  vi.useRealTimers()
})
afterAll(() => server.close())

it('goes from the form to a playable video', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  render(
    <LtxProvider transports={transports}>
      <Studio />
    </LtxProvider>,
  )
  fireEvent.change(screen.getByRole('textbox', { name: /^Prompt/ }), { target: { value: 'Waves at dusk' } })
  fireEvent.click(screen.getByRole('button', { name: 'Generate video' }))
  for (let step = 0; step < 100 && screen.queryByLabelText('Generated video') === null; step++) {
    await act(() => vi.advanceTimersByTimeAsync(100))
  }
  expect(screen.getByText('Video ready')).toBeInTheDocument()
  expect(screen.getByLabelText('Generated video')).toHaveAttribute('src', expect.stringMatching(/\/sim\/videos\/.+\.mp4$/))
  expect(screen.getByRole('button', { name: 'Retake a segment' })).toBeInTheDocument()
  expect(sim.count('segmind.submit')).toBe(1)
})
