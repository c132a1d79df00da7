'use client'
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import { useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { PollingOptions } from '../core/polling-policy'
import type { Provider } from '../models/provider'
import type { VideoTransport } from '../transport/video-transport'
import { LtxContext } from './ltx-context'
import type { PushSource } from './push-stream'
import { createJobStore, defaultJobStorage, type JobStorage, type JobStore } from '../core/job-store'

/** Where and for whom `<LtxProvider persist>` keeps submitted jobs. */
export interface JobPersistOptions {
  /** Where jobs are kept; default `localStorage`, `null` for memory only. */
  storage?: JobStorage | null
  /**
   * Whose jobs these are, e.g. the signed-in user's id: each scope sees only its own, and jobs
   * stored without a scope stay with the unscoped store. Changing it switches what every hook
   * below shows. Leave it unset (e.g. while signed out) for the unscoped store.
   */
  scope?: string | undefined
}

/** Props of {@link LtxProvider}. */
export interface LtxProviderProps {
  /** One transport per provider you use, each pointing at your own proxy. */
  transports: Partial<Record<Provider, VideoTransport>>
  /** A QueryClient to use; by default the one of an enclosing `QueryClientProvider`, else a new one. */
  queryClient?: QueryClient
  /**
   * Where submitted jobs are kept for `persistKey` (default `localStorage`); `false` keeps nothing.
   * `{ scope: userId }` (optionally with `storage`) keeps each user's jobs apart on a shared
   * browser. The storage is chosen once, when the provider mounts; the scope may change.
   */
  persist?: JobStorage | false | JobPersistOptions
  /**
   * Polling defaults for every job watched below: intervals, APIXO's first-check share,
   * backoff, deadline. Keep the object stable (module scope or useMemo).
   */
  polling?: PollingOptions
  /**
   * Push job changes from the proxy's `/events` route (a proxy with a job ledger) instead of
   * polling, e.g. `push={pushFromEvents({ url: '/api/ltx/events' })}`: one `EventSource` for every job watched
   * on the page, and polling again whenever the stream is down (or the proxy has no such route).
   * Chosen once, when the provider mounts. Nothing opens while rendering on the server.
   */
  push?: PushSource | undefined
  children?: ReactNode
}

/** Supplies transports (and a QueryClient, if the app has none) to every ltx-react hook below it. */
export function LtxProvider({ transports, queryClient, persist, polling, push, children }: LtxProviderProps) {
  const ambient = useContext(QueryClientContext)
  // Made once per provider, and only ever mounted when the app brings no client of its own.
  const [ownClient] = useState(() => new QueryClient())
  const options: JobPersistOptions = persist === false ? { storage: null } : persist && 'getItem' in persist ? { storage: persist } : (persist ?? {})
  const { scope } = options
  const [storage] = useState(() => (options.storage === undefined ? defaultJobStorage() : options.storage))
  // One store per scope, kept: switching back finds the jobs a scope held in memory (storage off or full).
  const [stores] = useState(() => new Map<string | undefined, JobStore>())
  let store = stores.get(scope)
  if (store === undefined) stores.set(scope, (store = createJobStore(storage, scope)))
  const client = queryClient ?? ambient ?? ownClient
  const latest = useRef({ client, transports })
  latest.current = { client, transports }
  // Made once; it opens nothing until a job is watched (in an effect, so never on the server).
  const [stream] = useState(() => push?.(() => latest.current))
  useEffect(() => (stream ? () => stream.close() : undefined), [stream])
  const value = useMemo(() => ({ transports, store, polling, push: stream }), [transports, store, polling, stream])
  // Providing the ambient client again is harmless (TanStack counts mounts), so always provide one.
  return (
    <QueryClientProvider client={client}>
      <LtxContext.Provider value={value}>{children}</LtxContext.Provider>
    </QueryClientProvider>
  )
}
