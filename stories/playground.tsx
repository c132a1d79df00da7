import { QueryClient } from '@tanstack/react-query'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { mountPlaygroundSimulator } from '../.storybook/simulator'
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
  type LtxError,
  type ModelId,
  type ModelInput,
  type ModelParams,
  type RetakeHandoff,
  type SegmentValue,
} from '../src/index'
import { createSimulator, type SimFaultRule, type SimulatorScript } from '../src/testing'
import './playground.css'
import { SUBMIT_FAILURE_TITLES } from './submit-failure-titles'

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
 *
 * Each Playground has a simulator of its own (a Docs page shows several stories at once, and
 * one story's scripted failure must never reach another's Generate).
 */
export function Playground({ model, speed, failure }: PlaygroundProps) {
  const [client] = useState(() => new QueryClient())
  // A fresh simulator (and a fresh flow) whenever the story's controls change.
  const env = useMemo(() => {
    const mounted = mountPlaygroundSimulator(createSimulator({ speed, script: scriptFor(failure) }))
    const transports = {
      segmind: createSegmindTransport({ baseUrl: `${mounted.basePath}/segmind` }),
      apixo: createApixoTransport({ baseUrl: `${mounted.basePath}/apixo` }),
    }
    return { ...mounted, transports }
  }, [speed, failure])
  useEffect(() => env.unmount, [env])
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
    <LtxProvider transports={env.transports} queryClient={client} persist={false} polling={polling}>
      <Flow key={env.basePath} model={model} />
    </LtxProvider>
  )
}

/** The provider's own reply behind an error, as text for the details toggle. */
function rawReply(error: LtxError): string | undefined {
  const { detail } = error
  if (detail === undefined || detail === null || detail === '') return undefined
  return typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2)
}

/** A refused submit: the message on an alert surface, the provider's raw text behind a toggle. */
function SubmitError({ error, onRetry, onEdit }: { error: LtxError; onRetry: () => void; onEdit: () => void }) {
  const raw = rawReply(error)
  return (
    <div className="ltx-playground-alert" data-kind={error.kind}>
      <div role="alert">
        <p className="ltx-playground-alert-title">{SUBMIT_FAILURE_TITLES[error.kind]}</p>
        <p className="ltx-playground-alert-message">{error.message}</p>
      </div>
      {raw === undefined ? null : (
        <details className="ltx-playground-raw">
          <summary>The provider’s reply</summary>
          <pre>{raw}</pre>
        </details>
      )}
      <div className="ltx-playground-actions">
        {error.retryable ? (
          <button type="button" className="ltx-playground-button" onClick={onRetry}>
            Try again
          </button>
        ) : null}
        <button type="button" className="ltx-playground-button ltx-playground-button-secondary" onClick={onEdit}>
          Edit and retry
        </button>
      </div>
    </div>
  )
}

function Flow<Id extends ModelId>({ model }: { model: Id }) {
  const job = useVideoJob({ model })
  const [input, setInput] = useState<ModelParams<Id> | undefined>(undefined)
  const [retakeSource, setRetakeSource] = useState<RetakeHandoff | null>(null)
  const definition = getModel(model)
  const ids = useId()
  const formCard = useRef<HTMLElement>(null)
  const canRetake = model !== 'ltx-retake-video'

  // Parsed values are valid input; a generic Id hides that from the compiler.
  const submit = (values: ModelParams<Id>) => job.submitAsync(values as ModelInput<Id>).catch(() => undefined)
  const retry = () => {
    if (input !== undefined) void submit(input)
  }
  // Back to the form, which still holds the values that were sent: its first field takes focus.
  const edit = () => {
    const card = formCard.current
    card?.scrollIntoView({ block: 'nearest' })
    // The prompt if there is one (what a user edits after a refusal), else the first field.
    ;(card?.querySelector<HTMLElement>('textarea') ?? card?.querySelector<HTMLElement>('input:not([type="hidden"]), select'))?.focus()
  }

  return (
    <div className="ltx-playground">
      <header className="ltx-playground-header">
        <h2 id={`${ids}-title`}>{definition.title}</h2>
        <p className="ltx-playground-note">{definition.description}</p>
      </header>
      <div className="ltx-playground-grid">
        <section ref={formCard} aria-labelledby={`${ids}-form`} className="ltx-playground-card">
          <h3 id={`${ids}-form`} className="ltx-playground-card-title">
            Parameters
          </h3>
          <ParameterForm
            model={model}
            isSubmitting={job.isSubmitting}
            onSubmit={(values) => {
              setInput(values)
              setRetakeSource(null)
              return submit(values)
            }}
          />
          {job.submitError === null ? null : <SubmitError error={job.submitError} onRetry={retry} onEdit={edit} />}
        </section>
        <section aria-labelledby={`${ids}-result`} className="ltx-playground-card ltx-playground-output">
          <h3 id={`${ids}-result`} className="ltx-playground-card-title">
            Result
          </h3>
          {job.job === null ? (
            <div className="ltx-playground-frame">
              <p>Your video appears here.</p>
            </div>
          ) : null}
          <JobProgress job={job.job} input={input} onRetry={retry} onEdit={edit} />
          <VideoResult
            snapshot={job.snapshot}
            input={input}
            {...(canRetake && { onRetake: setRetakeSource, retakePanel: { id: `${ids}-retake`, open: retakeSource !== null } })}
          />
        </section>
      </div>
      {retakeSource === null || !canRetake ? null : <RetakePanel key={retakeSource.url} id={`${ids}-retake`} source={retakeSource} />}
    </div>
  )
}

const RETAKE_MODES = {
  replace_audio_and_video: 'Audio and video',
  replace_video: 'Video only',
  replace_audio: 'Audio only',
} as const

function RetakePanel({ id, source }: { id: string; source: RetakeHandoff }) {
  const [segment, setSegment] = useState<SegmentValue>({ start: 0, end: Math.min(source.durationSec, 2) })
  const [prompt, setPrompt] = useState('')
  const [mode, setMode] = useState<keyof typeof RETAKE_MODES>('replace_audio_and_video')
  const retake = useRetake({ source })
  const status = useJobStatus(retake.job)
  const request = { ...segmentToRetake(segment), mode, ...(prompt === '' ? {} : { prompt }) }
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="ltx-playground-card ltx-playground-retake">
      {/* Focus lands here when "Retake a segment" opens the panel. */}
      <h3 id={`${id}-heading`} tabIndex={-1} className="ltx-playground-card-title">
        Retake a segment
      </h3>
      <SegmentPicker durationSec={source.durationSec} src={source.url} value={segment} onChange={setSegment} />
      <div className="ltx-playground-fields">
        <div className="ltx-playground-field">
          <label htmlFor={`${id}-prompt`}>What should change</label>
          <input id={`${id}-prompt`} value={prompt} onChange={(event) => setPrompt(event.target.value)} placeholder="e.g. make it night" />
        </div>
        <div className="ltx-playground-field">
          <label htmlFor={`${id}-mode`}>Replace</label>
          <select id={`${id}-mode`} value={mode} onChange={(event) => setMode(event.target.value as keyof typeof RETAKE_MODES)}>
            {Object.entries(RETAKE_MODES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {/* aria-disabled, not disabled, while submitting: a disabled button drops focus to <body>. */}
      <button
        type="button"
        className="ltx-playground-button"
        aria-disabled={retake.isSubmitting || undefined}
        onClick={() => {
          if (!retake.isSubmitting) retake.submit(request)
        }}
      >
        {retake.isSubmitting ? 'Submitting…' : 'Retake this segment'}
      </button>
      {retake.error === null ? null : (
        <div className="ltx-playground-alert" role="alert">
          <p className="ltx-playground-alert-message">{retake.error.message}</p>
        </div>
      )}
      {retake.job?.parent === undefined ? null : (
        <p className="ltx-playground-note">
          Retake of {retake.job.parent.start.toFixed(1)}–{(retake.job.parent.start + retake.job.parent.duration).toFixed(1)} s of the video above.
        </p>
      )}
      <JobProgress job={retake.job} />
      <VideoResult snapshot={status.snapshot} />
    </section>
  )
}
