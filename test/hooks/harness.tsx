import { QueryClient } from '@tanstack/react-query'
import { act, cleanup } from '@testing-library/react'
import { setupServer } from 'msw/node'
import type { ReactNode } from 'react'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { createApixoTransport, createSegmindTransport, LtxProvider, type JobStorage } from '../../src/index'
import { createSimulator } from '../../src/testing'
import { simulatorHandlers } from '../../src/testing-msw'
import type { SimulatorOptions } from '../../src/testing/simulator-types'

// The network edge only: the simulator answers through msw, everything above it is real
// (transports, poller, TanStack Query, hooks). Time is driven with fake timers.

export const server = setupServer()

/**
 * The life of every hook test file: msw listening (unknown requests fail the test), fake
 * timers driving polling and the simulator, and a clean DOM after each test.
 */
export function withSimulatedNetwork(after?: () => void): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  })
  afterEach(() => {
    cleanup()
    after?.()
    vi.useRealTimers()
  })
}

export function memoryStorage(): JobStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  }
}

export function newClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
}

/** A simulator on msw, real transports pointed at the app's proxy path, a fresh QueryClient. */
export function setup(options: SimulatorOptions & { storage?: JobStorage } = {}) {
  const sim = createSimulator({ speed: 1, ...options })
  server.resetHandlers(...simulatorHandlers(sim))
  const transports = {
    segmind: createSegmindTransport({ baseUrl: 'http://localhost/api/ltx/segmind' }),
    apixo: createApixoTransport({ baseUrl: 'http://localhost/api/ltx/apixo' }),
  }
  const storage = options.storage ?? memoryStorage()
  let client = newClient()
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <LtxProvider queryClient={client} transports={transports} persist={storage}>
      {children}
    </LtxProvider>
  )
  return {
    sim,
    transports,
    storage,
    wrapper,
    get client() {
      return client
    },
    /** A page reload: a new QueryClient (and new transports' memory), the same storage. */
    reload() {
      client.clear()
      client = newClient()
    },
  }
}

/** Let `ms` of fake time pass, running timers, fetches and React updates in between. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })
}

/** Settle pending promises (msw replies, React updates) without moving time much. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await advance(0)
}

/** Status requests the simulator answered for one provider. */
export function statusCount(sim: ReturnType<typeof createSimulator>, provider: 'segmind' | 'apixo'): number {
  return sim.count(provider === 'segmind' ? 'segmind.status' : 'apixo.status')
}
