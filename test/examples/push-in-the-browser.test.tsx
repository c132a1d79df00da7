// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { setupServer } from 'msw/node'
import { createSimulator } from 'ltx-react/testing'
import { simulatorHandlers } from 'ltx-react/testing/msw'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { App } from '../../examples/push-in-the-browser'

// The README's "In the browser" snippet: the simulator stands in for the proxy's reads, a fake
// EventSource for its /events route (jsdom has none), so the job's end arrives by push.
const sim = createSimulator({ speed: 50 })
const server = setupServer(...simulatorHandlers(sim))
const opened: FakeEventSource[] = []

class FakeEventSource {
  onopen: ((event: Event) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  listeners: ((event: MessageEvent<string>) => void)[] = []
  constructor(readonly url: string) {
    opened.push(this)
  }
  addEventListener(_type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.push(listener)
  }
  close() {}
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  localStorage.clear()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})
afterAll(() => server.close())

it('submits with an Idempotency-Key, watches the job over one EventSource and shows the pushed end', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.stubGlobal('EventSource', FakeEventSource)
  const keys: (string | null)[] = []
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'POST') keys.push(request.headers.get('idempotency-key'))
  })
  render(<App />)
  fireEvent.click(screen.getByRole('button', { name: 'Generate' }))
  for (let step = 0; step < 5; step++) await act(() => vi.advanceTimersByTimeAsync(100))
  expect(keys).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{22}$/)])
  const [source] = opened
  const job = sim.jobs()[0]
  expect(opened).toHaveLength(1)
  expect(new URL(source?.url ?? '', 'http://localhost').searchParams.getAll('job')).toEqual([`segmind:ltx-2-fast:${job?.id}`])
  act(() => source?.onopen?.(new Event('open')))

  // Let the simulated job finish upstream, then push its end: the result is read once, as a poll's would be.
  await act(() => vi.advanceTimersByTimeAsync(60_000))
  const data = JSON.stringify({ job: `segmind:ltx-2-fast:${job?.id}`, status: 200, body: { status: 'COMPLETED' } })
  act(() => source?.listeners.forEach((listener) => listener(new MessageEvent('job', { data }))))
  for (let step = 0; step < 5; step++) await act(() => vi.advanceTimersByTimeAsync(10))
  expect(screen.getByRole('status', { name: 'Video job' })).toHaveTextContent('succeeded')
  expect(sim.count('segmind.result')).toBe(1)
})
