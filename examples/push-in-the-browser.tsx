import { createSegmindTransport, LtxProvider, pushFromEvents, useVideoJob } from 'ltx-react'

const transports = { segmind: createSegmindTransport({ baseUrl: '/api/ltx/segmind' }) }
// One EventSource for every job watched on the page, at the proxy's {basePath}/events route.
// While it is down (or the proxy has no store, so no such route) the jobs are polled as before.
const push = pushFromEvents({ url: '/api/ltx/events' })

function Generate() {
  // Each click is one intent with its own Idempotency-Key, stored before the request leaves.
  // Behind a proxy with a job ledger, a submit that timed out is retried with that key: one job.
  const job = useVideoJob({ model: 'ltx-2-fast', persistKey: 'generate' })
  return (
    <section>
      <button disabled={job.isSubmitting || job.isWatching} onClick={() => job.submit({ prompt: 'Waves at dusk' })}>
        Generate
      </button>
      {job.submitError && <p role="alert">{job.submitError.message}</p>}
      {job.phase && <p role="status" aria-label="Video job">{job.phase}</p>}
      {job.video && <video src={job.video} controls />}
    </section>
  )
}

export function App() {
  return (
    <LtxProvider transports={transports} push={push}>
      <Generate />
    </LtxProvider>
  )
}
