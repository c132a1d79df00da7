import { act, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createSimulator } from 'ltx-react/testing'
import { simulatorHandlers } from 'ltx-react/testing/msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { Providers } from '../app/providers'
import { Studio } from '../app/studio'

// The simulator stands in for the app's /api/ltx proxy: no key, no network, no sign-in.
const sim = createSimulator({ speed: 50 })
const server = setupServer(...simulatorHandlers(sim))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  localStorage.clear()
  vi.useRealTimers()
})
afterAll(() => server.close())

it('generates the 6 s video the form asked for', async () => {
  const user = userEvent.setup()
  render(<Providers><Studio /></Providers>)
  await user.type(screen.getByRole('textbox', { name: /^Prompt/ }), 'Waves at dusk, slow dolly in')
  await user.click(screen.getByRole('radio', { name: '6 s' }))
  // From the click on, fake the clock: the job's polling then takes no real time.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  fireEvent.click(screen.getByRole('button', { name: 'Generate video' }))
  // Ten simulated seconds, in steps so each reply arrives before the next poll.
  for (let step = 0; step < 100 && !screen.queryByLabelText('Generated video'); step++) {
    await act(() => vi.advanceTimersByTimeAsync(100))
  }
  // Several live regions are on the page: name the one you mean.
  expect(screen.getByRole('status', { name: 'Job progress' })).toHaveTextContent('Video ready')
  expect(screen.getByLabelText('Generated video')).toHaveAttribute('src', expect.stringMatching(/-144f-24fps\.mp4$/))
  expect(sim.jobs()[0]?.input).toMatchObject({ prompt: 'Waves at dusk, slow dolly in', duration: 6 })
  expect(sim.count('segmind.submit')).toBe(1)
})

it('says why a submit was refused', async () => {
  sim.inject({ fault: 'insufficient-credits', route: 'segmind.submit' })
  const user = userEvent.setup()
  render(<Providers><Studio /></Providers>)
  await user.type(screen.getByRole('textbox', { name: /^Prompt/ }), 'Waves')
  await user.click(screen.getByRole('button', { name: 'Generate video' }))
  expect(await screen.findByRole('alert')).toHaveTextContent(/credits/i)
})
