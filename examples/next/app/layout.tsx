import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import 'ltx-react/styles.css'
import { Providers } from './providers'

export const metadata: Metadata = { title: 'ltx-react on Next.js' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 760, margin: '2rem auto', padding: '0 1rem' }}>
        <Providers>{children}</Providers>
      </body>
    </html>
  )
}
