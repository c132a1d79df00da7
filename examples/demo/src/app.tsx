import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import {
  createApixoTransport,
  createSegmindTransport,
  formatClock,
  getModel,
  JobProgress,
  LtxProvider,
  ParameterForm,
  RETAKE_MAX_SEC,
  SegmentPicker,
  segmentToRetake,
  useJobHistory,
  useJobStatus,
  useRetake,
  useVideoJob,
  VideoResult,
  type JobRef,
  type JobSnapshot,
  type LtxRetakeVideoInput,
  type ModelId,
  type ModelInput,
  type ModelParams,
  type PollingOptions,
  type RetakeHandoff,
  type SegmentValue,
} from 'ltx-react'
import type { DemoConfig } from './demo-config'
import { loadInput, loadModel, loadRetake, saveInput, saveModel, saveRetake, type SavedRetake } from './saved'

// The browser only ever talks to this app's own proxy under /api/ltx; the keys stay on the server.
const transports = {
  segmind: createSegmindTransport({ baseUrl: '/api/ltx/segmind' }),
  apixo: createApixoTransport({ baseUrl: '/api/ltx/apixo' }),
}

/** The job of the main form is kept under this key, so a reload resumes it. */
const PERSIST_KEY = 'ltx-demo'

const MODELS = [
  { id: 'ltx-2-fast', blurb: 'Fast text or image to video, 6–10 s, up to 4K.' },
  { id: 'ltx-video', blurb: 'LTX-Video 0.9: many aspect ratios, seeds and steps.' },
  { id: 'ltx-2-19b-t2v', blurb: 'Text to video with synchronized audio.' },
  { id: 'ltx-2-19b', blurb: 'Four modes, LoRA styles, up to 20 s.' },
] as const satisfies readonly { id: ModelId; blurb: string }[]

type DemoModelId = (typeof MODELS)[number]['id']

function isDemoModel(value: unknown): value is DemoModelId {
  return MODELS.some((model) => model.id === value)
}

// Against the simulator, jobs run 20× faster than the providers document, so the documented
// pacing (APIXO: first look after 75% of the generation time) would keep a finished job waiting.
/** The simulator runs 20x faster than the documented times: poll the simulated providers sooner. */
function pollingFor(config: DemoConfig): PollingOptions {
  return {
    ...(config.upstreams.segmind === 'simulator' ? { segmindIntervalMs: 1000 } : {}),
    ...(config.upstreams.apixo === 'simulator' ? { apixoIntervalMs: 1500, apixoFirstCheckShare: 0.02 } : {}),
  }
}

type RetakeMode = NonNullable<LtxRetakeVideoInput['mode']>
const RETAKE_MODES: readonly { value: RetakeMode; label: string }[] = [
  { value: 'replace_audio_and_video', label: 'Audio and video' },
  { value: 'replace_video', label: 'Video only' },
  { value: 'replace_audio', label: 'Audio only' },
]

/** The whole demo: the provider with both transports around the page. */
export function App({ config }: { config: DemoConfig }) {
  const polling = useMemo(() => pollingFor(config), [config])
  return (
    <LtxProvider transports={transports} polling={polling}>
      <Demo config={config} />
    </LtxProvider>
  )
}

function upstreamText(kind: DemoConfig['upstreams']['segmind']): string {
  return kind === 'simulator' ? 'simulator' : 'live API'
}

function Demo({ config }: { config: DemoConfig }) {
  const history = useJobHistory(PERSIST_KEY)
  // After a reload, show the model of the job being resumed (useVideoJob shows only its own model's job).
  const [model, setModel] = useState<DemoModelId>(() => {
    const active = history.active?.model
    if (isDemoModel(active)) return active
    const saved = loadModel()
    return isDemoModel(saved) ? saved : 'ltx-2-fast'
  })
  const choose = (next: DemoModelId) => {
    setModel(next)
    saveModel(next)
  }

  return (
    <div className="demo">
      <header className="demo-header">
        <div>
          <h1>ltx-react demo</h1>
          <p className="demo-lede">Generate a video, watch it render, then retake a segment of it.</p>
        </div>
        <dl className="demo-upstreams" aria-label="Upstreams">
          <div>
            <dt>Segmind</dt>
            <dd data-kind={config.upstreams.segmind}>{upstreamText(config.upstreams.segmind)}</dd>
          </div>
          <div>
            <dt>APIXO</dt>
            <dd data-kind={config.upstreams.apixo}>{upstreamText(config.upstreams.apixo)}</dd>
          </div>
        </dl>
      </header>
      <main className="demo-body">
        <ModelPicker value={model} onChange={choose} />
        <Generator key={model} model={model} />
      </main>
      <footer className="demo-footer">
        This page holds no API key: it talks only to <code>/api/ltx</code> on its own server, which adds the key
        upstream.
      </footer>
    </div>
  )
}

function ModelPicker({ value, onChange }: { value: DemoModelId; onChange: (model: DemoModelId) => void }) {
  const name = useId()
  return (
    <fieldset className="demo-models">
      <legend>Model</legend>
      <div className="demo-model-list">
        {MODELS.map((entry) => {
          const model = getModel(entry.id)
          const id = `${name}-${entry.id}`
          return (
            <label key={entry.id} htmlFor={id} className="demo-model" data-checked={value === entry.id ? '' : undefined}>
              <input
                id={id}
                type="radio"
                name={name}
                value={entry.id}
                checked={value === entry.id}
                onChange={() => onChange(entry.id)}
              />
              <span className="demo-model-title">{model.title}</span>
              <span className="demo-model-meta">
                {model.provider === 'apixo' ? 'APIXO' : 'Segmind'} · <code>{entry.id}</code>
              </span>
              <span className="demo-model-blurb">{entry.blurb}</span>
            </label>
          )
        })}
      </div>
    </fieldset>
  )
}

function Generator<Id extends DemoModelId>({ model }: { model: Id }) {
  const video = useVideoJob({ model, persistKey: PERSIST_KEY })
  const [sent, setSent] = useState<{ id: string; input: unknown } | null>(null)
  const job = video.job
  const input = job === null ? undefined : sent?.id === job.id ? sent.input : loadInput(job.id)

  const onSubmit = async (values: ModelParams<Id>) => {
    try {
      // The parsed values are a valid input of the same model (defaults filled in).
      const submitted = await video.submitAsync(values as unknown as ModelInput<Id>)
      saveInput(submitted.id, values)
      setSent({ id: submitted.id, input: values })
    } catch {
      // Shown below from video.submitError.
    }
  }

  return (
    <div className="demo-main">
      <section className="demo-card demo-form" aria-labelledby="demo-form-heading">
        <h2 id="demo-form-heading">{getModel(model).title}</h2>
        <p className="demo-muted">{getModel(model).description}</p>
        <ParameterForm model={model} onSubmit={onSubmit} isSubmitting={video.isSubmitting} />
        {video.submitError === null ? null : (
          <p role="alert" className="demo-error">
            {video.submitError.message}
          </p>
        )}
      </section>
      <div className="demo-output">
        {job === null ? (
          <section className="demo-card demo-empty" aria-label="Your video">
            <p>Your video appears here. Fill in the form and press “Generate video”.</p>
          </section>
        ) : (
          <JobView key={job.id} job={job} snapshot={video.snapshot} input={input} onNew={video.reset} />
        )}
      </div>
    </div>
  )
}

interface JobViewProps {
  job: JobRef
  snapshot: JobSnapshot | undefined
  input: unknown
  onNew: () => void
}

function JobView({ job, snapshot, input, onNew }: JobViewProps) {
  const [saved] = useState(() => loadRetake(job.id))
  const [source, setSource] = useState<RetakeHandoff | null>(saved?.source ?? null)
  // Focus moves to the retake panel when the user opens it, not when a reload restores it.
  const [opened, setOpened] = useState(false)
  const startRetake = (handoff: RetakeHandoff) => {
    setSource(handoff)
    setOpened(true)
    saveRetake({ sourceJobId: job.id, source: handoff, job: null, input: undefined })
  }
  const closeRetake = () => {
    setSource(null)
    saveRetake(undefined)
  }
  const done = snapshot?.phase === 'succeeded'
  return (
    <>
      <section className="demo-card" aria-labelledby="demo-job-heading">
        <div className="demo-card-head">
          <h2 id="demo-job-heading">Your video</h2>
          <button type="button" className="demo-button" onClick={onNew}>
            New video
          </button>
        </div>
        <p className="demo-muted demo-job-id">
          {getModel(job.model).title} · job <code>{job.id}</code>
        </p>
        <JobProgress job={job} input={input} />
        {done ? <VideoResult snapshot={snapshot} input={input} onRetake={startRetake} /> : null}
      </section>
      {source === null ? null : (
        <RetakePanel
          key={source.url}
          sourceJob={job}
          source={source}
          saved={saved?.source.url === source.url ? saved : undefined}
          focusOnMount={opened}
          onClose={closeRetake}
        />
      )}
    </>
  )
}

interface RetakePanelProps {
  sourceJob: JobRef
  source: RetakeHandoff
  saved: SavedRetake | undefined
  focusOnMount: boolean
  onClose: () => void
}

function RetakePanel({ sourceJob, source, saved, focusOnMount, onClose }: RetakePanelProps) {
  const ids = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focusOnMount) heading.current?.focus()
  }, [focusOnMount])
  const [segment, setSegment] = useState<SegmentValue>(() => ({ start: 0, end: Math.min(RETAKE_MAX_SEC, source.durationSec) }))
  const [mode, setMode] = useState<RetakeMode>('replace_audio_and_video')
  const [prompt, setPrompt] = useState('')
  const [retakeJob, setRetakeJob] = useState<JobRef | null>(saved?.job ?? null)
  const [retakeInput, setRetakeInput] = useState<unknown>(saved?.input)
  const retake = useRetake({ source: { url: source.url, durationSec: source.durationSec, job: sourceJob } })
  const status = useJobStatus(retakeJob)

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const text = prompt.trim()
    const request = { ...segmentToRetake(segment), mode, ...(text === '' ? {} : { prompt: text }) }
    try {
      const job = await retake.submitAsync(request)
      const input = { video_uri: source.url, start_time: request.start, duration: request.duration, mode, ...(text === '' ? {} : { prompt: text }) }
      setRetakeJob(job)
      setRetakeInput(input)
      saveRetake({ sourceJobId: sourceJob.id, source, job, input })
    } catch {
      // Shown below from retake.error.
    }
  }
  const again = () => {
    retake.reset()
    setRetakeJob(null)
    setRetakeInput(undefined)
    saveRetake({ sourceJobId: sourceJob.id, source, job: null, input: undefined })
  }

  return (
    <section className="demo-card demo-retake" aria-labelledby={`${ids}-heading`}>
      <div className="demo-card-head">
        <h2 id={`${ids}-heading`} ref={heading} tabIndex={-1}>
          Retake a segment
        </h2>
        <button type="button" className="demo-button" onClick={onClose}>
          Close
        </button>
      </div>
      {retakeJob === null ? (
        <form className="demo-retake-form" onSubmit={submit}>
          <p className="demo-muted">Choose the 2–20 s to regenerate: drag the handles or use the arrow keys.</p>
          <SegmentPicker durationSec={source.durationSec} src={source.url} value={segment} onChange={setSegment} />
          <fieldset className="demo-radios">
            <legend>What to replace</legend>
            {RETAKE_MODES.map((option) => (
              <label key={option.value}>
                <input
                  type="radio"
                  name={`${ids}-mode`}
                  value={option.value}
                  checked={mode === option.value}
                  onChange={() => setMode(option.value)}
                />
                {option.label}
              </label>
            ))}
          </fieldset>
          <label className="demo-field">
            <span>What should change (optional)</span>
            <textarea value={prompt} rows={2} onChange={(event) => setPrompt(event.target.value)} />
          </label>
          {retake.error === null ? null : (
            <p role="alert" className="demo-error">
              {retake.error.message}
            </p>
          )}
          <div className="demo-actions">
            <button type="submit" className="demo-button demo-button-primary" disabled={retake.isSubmitting}>
              {retake.isSubmitting ? 'Submitting…' : 'Retake this segment'}
            </button>
          </div>
        </form>
      ) : (
        <div className="demo-retake-job">
          <Lineage job={retakeJob} />
          <JobProgress job={retakeJob} input={retakeInput} />
          {status.snapshot?.phase === 'succeeded' ? <VideoResult snapshot={status.snapshot} input={retakeInput} /> : null}
          <div className="demo-actions">
            <button type="button" className="demo-button" onClick={again}>
              Retake another segment
            </button>
          </div>
        </div>
      )}
    </section>
  )
}

/** Where a retake came from: the source job, the segment, and the new job. */
function Lineage({ job }: { job: JobRef }) {
  const parent = job.parent
  if (parent === undefined) return null
  const sourceTitle = parent.job === undefined ? 'a video' : getModel(parent.job.model).title
  return (
    <ol className="demo-lineage" aria-label="Lineage">
      <li>
        <span className="demo-lineage-label">Source</span>
        {sourceTitle}
        {parent.job === undefined ? null : (
          <>
            {' '}
            · job <code>{parent.job.id}</code>
          </>
        )}
      </li>
      <li>
        <span className="demo-lineage-label">Segment</span>
        {formatClock(parent.start)} to {formatClock(parent.start + parent.duration)} ({Number(parent.duration.toFixed(1))} s)
      </li>
      <li>
        <span className="demo-lineage-label">Retake</span>
        {getModel(job.model).title} · job <code>{job.id}</code>
      </li>
    </ol>
  )
}
