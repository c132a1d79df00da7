'use client'
// The page's interactive part: hooks and styled components run in a client component.
import { JobProgress, ParameterForm, useVideoJob, VideoResult } from 'ltx-react'

export function Studio() {
  // By id: the proxy checks the input before any credit is spent, and no schema is bundled.
  const job = useVideoJob({ model: 'ltx-2-fast', persistKey: 'studio' })
  return (
    <>
      <ParameterForm model="ltx-2-fast" onSubmit={(values) => job.submitAsync(values)} />
      {job.submitError && <p role="alert">{job.submitError.message}</p>}
      <JobProgress job={job.job} />
      <VideoResult snapshot={job.snapshot} />
    </>
  )
}
