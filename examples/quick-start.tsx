import { createSegmindTransport, ltx2FastModel, LtxProvider, useVideoJob } from 'ltx-react'

// Transports point at your own proxy (ltx-react/server), never at the provider with a key.
const transports = { segmind: createSegmindTransport({ baseUrl: '/api/ltx/segmind' }) }

function Generate() {
  // The model's definition checks the input here, before anything is sent. Its id ('ltx-2-fast')
  // works too: then the proxy alone checks it, and no schema is bundled.
  const job = useVideoJob({ model: ltx2FastModel, persistKey: 'generate' })
  return (
    <section>
      <button
        disabled={job.isSubmitting || job.isWatching}
        onClick={() => job.submit({ prompt: 'Waves at dusk, slow dolly in', duration: 6 })}
      >
        Generate
      </button>
      {job.submitError && <p role="alert">{job.submitError.message}</p>}
      {job.phase && <p role="status" aria-label="Video job">{job.phase}</p>}
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
