// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { setupServer } from 'msw/node'
import { createSimulator } from 'ltx-react/testing'
import { simulatorHandlers } from 'ltx-react/testing/msw'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { App } from '../../examples/quick-start'

// The simulator stands in for your /api/ltx proxy: no key, no network.
const sim = createSimulator({ speed: 50 })
const server = setupServer(...simulatorHandlers(sim))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  localStorage.clear()
  vi.useRealTimers()
})
afterAll(() => server.close())

it('generates a video from a click', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  render(<App />)
  fireEvent.click(screen.getByRole('button', { name: 'Generate' }))
  // Ten seconds of simulated time, in steps so each reply arrives before the next poll.
  for (let step = 0; step < 100; step++) await act(() => vi.advanceTimersByTimeAsync(100))
  expect(screen.getByRole('status', { name: 'Video job' })).toHaveTextContent('succeeded')
  expect(document.querySelector('video')?.getAttribute('src')).toMatch(/\/sim\/videos\/.+\.mp4$/)
  expect(sim.count('segmind.submit')).toBe(1)
})

it('shows why a submit was refused', async () => {
  sim.inject({ fault: 'insufficient-credits', route: 'segmind.submit' })
  render(<App />)
  await userEvent.click(screen.getByRole('button', { name: 'Generate' }))
  expect(await screen.findByRole('alert')).toHaveTextContent(/credits/i)
})
