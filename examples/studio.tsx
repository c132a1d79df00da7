import { useState } from 'react'
import {
  JobProgress,
  ParameterForm,
  SegmentPicker,
  segmentToRetake,
  useJobStatus,
  useRetake,
  useVideoJob,
  VideoResult,
  type RetakeHandoff,
  type SegmentValue,
} from 'ltx-react'
import 'ltx-react/styles.css'

// Inside <LtxProvider transports={…}>: a form, progress, the video, then a segment retake.
export function Studio() {
  const job = useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' })
  const [source, setSource] = useState<RetakeHandoff | null>(null)
  return (
    <main>
      {/* One job at a time: Generate waits while a job runs (useVideoJob refuses a second one too). */}
      <ParameterForm model="ltx-2-fast" isSubmitting={job.isSubmitting || job.isWatching} onSubmit={(values) => job.submitAsync(values)} />
      {job.submitError && <p role="alert">{job.submitError.message}</p>}
      <JobProgress job={job.job} />
      <VideoResult snapshot={job.snapshot} onRetake={setSource} />
      {source && <Retake source={source} />}
    </main>
  )
}

function Retake({ source }: { source: RetakeHandoff }) {
  const [segment, setSegment] = useState<SegmentValue>({ start: 0, end: 2 })
  const retake = useRetake({ source })
  const result = useJobStatus(retake.job)
  return (
    <section aria-label="Retake">
      <SegmentPicker durationSec={source.durationSec} src={source.url} value={segment} onChange={setSegment} />
      <button onClick={() => retake.submit(segmentToRetake(segment))}>Retake this segment</button>
      <JobProgress job={retake.job} />
      <VideoResult snapshot={result.snapshot} />
    </section>
  )
}
