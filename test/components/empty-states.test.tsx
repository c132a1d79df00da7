// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { QueryClient } from '@tanstack/react-query'
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import { LtxProvider, createSegmindTransport } from 'ltx-react'
import { Studio } from '../../examples/studio'

afterEach(() => {
  cleanup()
  localStorage.clear()
})

// The README's Studio renders <JobProgress job={job.job} /> and <VideoResult snapshot={job.snapshot} />
// from the start: before any job, neither may show a card of its own.
it('shows the form and no "No video" cards before any job', () => {
  const transports = { segmind: createSegmindTransport({ baseUrl: '/api/ltx/segmind' }) }
  const { container } = render(
    <LtxProvider transports={transports} queryClient={new QueryClient()} persist={false}>
      <Studio />
    </LtxProvider>,
  )
  expect(screen.getByRole('button', { name: 'Generate video' })).toBeInTheDocument()
  expect(screen.queryByText(/No video/)).not.toBeInTheDocument()
  expect(container.querySelector('.ltx-video-result')).toBeNull()
  expect(container.querySelector('.ltx-job-progress')).toBeNull()
  // What is left of JobProgress is its named, empty status region, ready for the first phase.
  expect(screen.getByRole('status', { name: 'Job progress' })).toBeEmptyDOMElement()
})
