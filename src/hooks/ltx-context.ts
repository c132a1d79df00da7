'use client'
import { createContext, useContext } from 'react'
import type { PollingOptions } from '../core/polling-policy'
import type { Provider } from '../models/provider'
import type { VideoTransport } from '../transport/video-transport'
import type { JobStore } from '../core/job-store'
import type { PushStream } from './push-stream'

/** What `<LtxProvider>` gives the hooks below it. */
export interface LtxContextValue {
  readonly transports: Readonly<Partial<Record<Provider, VideoTransport>>>
  readonly store: JobStore
  /** Polling defaults for every watch below the provider. */
  readonly polling: PollingOptions | undefined
  /** The page's push stream, when `<LtxProvider push>` is set. */
  readonly push?: PushStream | undefined
}

export const LtxContext = createContext<LtxContextValue | null>(null)

/** The nearest `<LtxProvider>`'s value; throws a message that says how to set one up. */
export function useLtxContext(): LtxContextValue {
  const value = useContext(LtxContext)
  if (value === null) throw new Error('ltx-react hooks need an <LtxProvider transports={…}> above them.')
  return value
}

/** The transport for `provider`; throws a message that shows the missing option. */
export function transportFor(context: LtxContextValue, provider: Provider): VideoTransport {
  const transport = context.transports[provider]
  if (transport === undefined) {
    throw new Error(
      `No transport for ${provider}: pass transports={{ ${provider}: create${provider.charAt(0).toUpperCase()}${provider.slice(1)}Transport({ baseUrl }) }} to <LtxProvider>.`,
    )
  }
  return transport
}
