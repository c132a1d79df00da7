// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { createSegmindTransport, LtxProvider } from 'ltx-react'
import { createSimulator } from 'ltx-react/testing'
import { simulatorHandlers } from 'ltx-react/testing/msw'
import { MyJobProgress } from '../../examples/headless-progress'

// The README's headless example: the design system's markup, the library's semantics.
const sim = createSimulator({ speed: 50 })
const server = setupServer(...simulatorHandlers(sim))
const transport = createSegmindTransport({ baseUrl: '/api/ltx/segmind' })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})
afterAll(() => server.close())

it('renders the design system’s markup with the library’s roles, live region and states', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  const job = await transport.submit('ltx-2-fast', { prompt: 'Waves' })
  const { container } = render(
    <LtxProvider transports={{ segmind: transport }} persist={false}>
      <MyJobProgress job={job} />
    </LtxProvider>,
  )
  const status = screen.getByRole('status', { name: 'Job progress' })
  expect(status).toHaveClass('my-title')
  expect(status).toHaveAttribute('aria-live', 'polite')
  expect(container.firstElementChild).toHaveClass('my-card')
  for (let step = 0; step < 100 && container.firstElementChild?.getAttribute('data-state') !== 'succeeded'; step++) {
    await act(() => vi.advanceTimersByTimeAsync(100))
  }
  expect(container.firstElementChild).toHaveAttribute('data-state', 'succeeded')
  expect(status).toHaveTextContent('Video ready')
  expect(screen.getByRole('progressbar')).toHaveClass('my-bar')
})
