'use client'
// The app's own client boundary: LtxProvider and its transports are made here, in a 'use client'
// file, because a Server Component (app/layout.tsx) can neither create them nor pass them as props.
import { createSegmindTransport, LtxProvider } from 'ltx-react'
import type { ReactNode } from 'react'

// Same origin, so the browser sends the session cookie by itself: no header needed.
const transports = { segmind: createSegmindTransport({ baseUrl: '/api/ltx/segmind' }) }

export function Providers({ children }: { children: ReactNode }) {
  return <LtxProvider transports={transports}>{children}</LtxProvider>
}
