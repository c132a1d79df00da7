// Server rendering: no DOM, no window, no localStorage. The hooks must render and touch neither.
import { QueryClient } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { createSegmindTransport, LtxProvider, useJobHistory, useVideoJob } from '../../src/index'

function Page() {
  const job = useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' })
  const history = useJobHistory('studio')
  return (
    <p>
      {job.phase ?? 'idle'} / {history.jobs.length} stored
    </p>
  )
}

describe('server rendering', () => {
  it('renders the hooks without window or localStorage', () => {
    expect(typeof window).toBe('undefined')
    const html = renderToString(
      <LtxProvider queryClient={new QueryClient()} transports={{ segmind: createSegmindTransport({ baseUrl: '/api/ltx/segmind' }) }}>
        <Page />
      </LtxProvider>,
    )
    expect(html).toBe('<p>idle<!-- --> / <!-- -->0<!-- --> stored</p>')
  })
})
