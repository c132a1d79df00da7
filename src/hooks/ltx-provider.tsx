'use client'
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import { useContext, useMemo, useState, type ReactNode } from 'react'
import type { PollingOptions } from '../core/polling-policy'
import type { Provider } from '../models/define-model'
import type { VideoTransport } from '../transport/video-transport'
import { LtxContext } from './ltx-context'
import { createJobStore, defaultJobStorage, type JobStorage } from './job-store'

/** Props of {@link LtxProvider}. */
export interface LtxProviderProps {
  /** One transport per provider you use, each pointing at your own proxy. */
  transports: Partial<Record<Provider, VideoTransport>>
  /** A QueryClient to use; by default the one of an enclosing `QueryClientProvider`, else a new one. */
  queryClient?: QueryClient
  /** Where submitted jobs are kept for `persistKey` (default `localStorage`); `false` keeps nothing. */
  persist?: JobStorage | false
  /**
   * Polling defaults for every job watched below: intervals, APIXO's first-check share,
   * backoff, deadline. Keep the object stable (module scope or useMemo).
   */
  polling?: PollingOptions
  children?: ReactNode
}

/** Supplies transports (and a QueryClient, if the app has none) to every ltx-react hook below it. */
export function LtxProvider({ transports, queryClient, persist, polling, children }: LtxProviderProps) {
  const ambient = useContext(QueryClientContext)
  // Made once per provider, and only ever mounted when the app brings no client of its own.
  const [ownClient] = useState(() => new QueryClient())
  const [store] = useState(() => createJobStore(persist === false ? null : (persist ?? defaultJobStorage())))
  const value = useMemo(() => ({ transports, store, polling }), [transports, store, polling])
  // Providing the ambient client again is harmless (TanStack counts mounts), so always provide one.
  return (
    <QueryClientProvider client={queryClient ?? ambient ?? ownClient}>
      <LtxContext.Provider value={value}>{children}</LtxContext.Provider>
    </QueryClientProvider>
  )
}
