import { QueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { setPlaygroundSimulator } from '../.storybook/simulator'
import {
  createApixoTransport,
  createSegmindTransport,
  getModel,
  JobProgress,
  LtxProvider,
  ParameterForm,
  SegmentPicker,
  segmentToRetake,
  useJobStatus,
  useRetake,
  useVideoJob,
  VideoResult,
  type ModelId,
  type ModelInput,
  type ModelParams,
  type RetakeHandoff,
  type SegmentValue,
} from '../src/index'
import { createSimulator, type SimFaultRule, type SimulatorScript } from '../src/testing'
import './playground.css'

/** What can go wrong in a playground run, scripted on the simulator. */
export const playgroundFailures = {
  none: 'Nothing: the job succeeds',
  'content-violation': 'The provider refuses the content (generation failed)',
  'generation-failed': 'Generation fails',
  'insufficient-credits': 'Submit refused: out of credits (406, plain text)',
  'rate-limited': 'Submit rate-limited (429 with a reset time)',
  'server-error': 'Provider error on submit (500)',
  'status-errors': 'Two status checks fail (502), then recover',
  'model-retired': 'The model is retired (410)',
} as const

/** A key of {@link playgroundFailures}. */
export type PlaygroundFailure = keyof typeof playgroundFailures

function scriptFor(failure: PlaygroundFailure): SimulatorScript {
  const submitFault = (fault: SimFaultRule['fault']): SimulatorScript => ({
    faults: [{ fault, route: 'any', times: 1 }],
  })
  switch (failure) {
    case 'none':
      return {}
    case 'content-violation':
    case 'generation-failed':
      return { job: () => ({ outcome: failure }) }
    case 'insufficient-credits':
    case 'rate-limited':
    case 'server-error':
    case 'model-retired':
      return submitFault(failure)
    case 'status-errors':
      return { job: () => ({ statusFaults: ['bad-gateway', 'bad-gateway'] }) }
    default:
      return failure satisfies never
  }
}

const transports = {
  segmind: createSegmindTransport({ baseUrl: '/api/playground/segmind' }),
  apixo: createApixoTransport({ baseUrl: '/api/playground/apixo' }),
}

/** Props of {@link Playground}. */
export interface PlaygroundProps {
  model: ModelId
  /** How much faster than the documented generation times the simulator runs. */
  speed: number
  failure: PlaygroundFailure
}

/**
 * The whole flow against the simulator: the model's form, the job's progress, the video,
 * then a segment retake with its own progress and result. Polling follows the simulator's
 * speed, so a job that the provider documents as 90 s is watched as if it were.
 */
export function Playground({ model, speed, failure }: PlaygroundProps) {
  const [client] = useState(() => new QueryClient())
  // A fresh simulator (and a fresh flow) whenever the story's controls change.
  const sim = useMemo(() => createSimulator({ speed, script: scriptFor(failure) }), [speed, failure])
  setPlaygroundSimulator(sim)
  useEffect(() => () => client.clear(), [client])
  // Simulated time: a job the provider documents as 90 s is watched as if it took 90 s.
  const polling = useMemo(
    () => ({
      segmindIntervalMs: Math.max(250, 2000 / speed),
      apixoIntervalMs: Math.max(250, 5000 / speed),
      apixoFirstCheckShare: 0.75 / speed,
    }),
    [speed],
  )
  return (
    <LtxProvider transports={transports} queryClient={client} persist={false} polling={polling}>
      <Flow key={`${model}:${speed}:${failure}`} model={model} />
    </LtxProvider>
  )
}

function Flow<Id extends ModelId>({ model }: { model: Id }) {
  const job = useVideoJob({ model })
  const [input, setInput] = useState<ModelParams<Id> | undefined>(undefined)
  const [retakeSource, setRetakeSource] = useState<RetakeHandoff | null>(null)
  const definition = getModel(model)

  return (
    <div className="ltx-playground">
      <section aria-labelledby="playground-form">
        <h2 id="playground-form">{definition.title}</h2>
        <p className="ltx-playground-note">{definition.description}</p>
        <ParameterForm
          model={model}
          isSubmitting={job.isSubmitting}
          onSubmit={(values) => {
            setInput(values)
            setRetakeSource(null)
            // Parsed values are valid input; a generic Id hides that from the compiler.
            return job.submitAsync(values as ModelInput<Id>).catch(() => undefined)
          }}
        />
        {job.submitError === null ? null : (
          <p role="alert" className="ltx-playground-error">
            {job.submitError.message}
          </p>
        )}
      </section>
      {job.job === null ? null : (
        <section aria-label="Job">
          <JobProgress job={job.job} input={input} />
          <VideoResult snapshot={job.snapshot} input={input} onRetake={setRetakeSource} />
        </section>
      )}
      {retakeSource === null || model === 'ltx-retake-video' ? null : (
        <RetakePanel key={retakeSource.url} source={retakeSource} />
      )}
    </div>
  )
}

const RETAKE_MODES = {
  replace_audio_and_video: 'Audio and video',
  replace_video: 'Video only',
  replace_audio: 'Audio only',
} as const

function RetakePanel({ source }: { source: RetakeHandoff }) {
  const [segment, setSegment] = useState<SegmentValue>({ start: 0, end: Math.min(source.durationSec, 2) })
  const [prompt, setPrompt] = useState('')
  const [mode, setMode] = useState<keyof typeof RETAKE_MODES>('replace_audio_and_video')
  const retake = useRetake({ source })
  const status = useJobStatus(retake.job)
  const request = { ...segmentToRetake(segment), mode, ...(prompt === '' ? {} : { prompt }) }
  return (
    <section aria-labelledby="playground-retake" className="ltx-playground-retake">
      <h2 id="playground-retake">Retake a segment</h2>
      <SegmentPicker durationSec={source.durationSec} src={source.url} value={segment} onChange={setSegment} />
      <label className="ltx-playground-field">
        <span>What should change</span>
        <input value={prompt} onChange={(event) => setPrompt(event.target.value)} placeholder="e.g. make it night" />
      </label>
      <label className="ltx-playground-field">
        <span>Replace</span>
        <select value={mode} onChange={(event) => setMode(event.target.value as keyof typeof RETAKE_MODES)}>
          {Object.entries(RETAKE_MODES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="ltx-playground-button" disabled={retake.isSubmitting} onClick={() => retake.submit(request)}>
        Retake this segment
      </button>
      {retake.error === null ? null : (
        <p role="alert" className="ltx-playground-error">
          {retake.error.message}
        </p>
      )}
      {retake.job?.parent === undefined ? null : (
        <p className="ltx-playground-note">
          Retake of {retake.job.parent.start.toFixed(1)}–{(retake.job.parent.start + retake.job.parent.duration).toFixed(1)} s of the video above.
        </p>
      )}
      {retake.job === null ? null : (
        <>
          <JobProgress job={retake.job} labels={{}} />
          <VideoResult snapshot={status.snapshot} />
        </>
      )}
    </section>
  )
}
