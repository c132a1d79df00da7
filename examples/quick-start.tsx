import { createSegmindTransport, LtxProvider, useVideoJob } from 'ltx-react'

// Transports point at your own proxy (ltx-react/server), never at the provider with a key.
const transports = { segmind: createSegmindTransport({ baseUrl: '/api/ltx/segmind' }) }

function Generate() {
  const job = useVideoJob({ model: 'ltx-2-fast', persistKey: 'generate' })
  return (
    <section>
      <button
        disabled={job.isSubmitting || job.isWatching}
        onClick={() => job.submit({ prompt: 'Waves at dusk, slow dolly in', duration: 6 })}
      >
        Generate
      </button>
      {job.submitError && <p role="alert">{job.submitError.message}</p>}
      {job.phase && <p role="status">{job.phase}</p>}
      {job.error && job.phase && <p role="alert">{job.error.message}</p>}
      {job.video && <video src={job.video} controls />}
    </section>
  )
}

export function App() {
  return (
    <LtxProvider transports={transports}>
      <Generate />
    </LtxProvider>
  )
}
