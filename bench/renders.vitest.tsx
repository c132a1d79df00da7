// Renders: React Profiler onRender counts of hook consumers over a job (the library's
// useJobStatus / useVideoJob against the naive poller), of JobProgress and VideoResult over a
// job, and of the other ParameterForm fields while 500 characters are typed into the prompt
// (target 0). Figures only; written to .tmp/bench/renders.json.
// Run: npx vitest run --config bench/vitest.bench.config.ts bench/renders.vitest.tsx
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { createElement, Profiler, useEffect, type ProfilerOnRenderCallback, type ReactNode } from 'react'
import { afterAll, afterEach, beforeAll, it, vi } from 'vitest'
import { JobProgress } from '../src/components/job-progress'
import { ParameterForm } from '../src/components/parameter-form/parameter-form'
import type { ParameterFormComponents } from '../src/components/parameter-form/parameter-form-components'
import { VideoResult } from '../src/components/video-result'
import type { JobRef } from '../src/core/job'
import { useJobStatus } from '../src/hooks/use-job-status'
import { useSubmitVideo } from '../src/hooks/use-submit-video'
import { useVideoJob } from '../src/hooks/use-video-job'
import type { ModelId } from '../src/models/registry'
import { NaiveWatcher } from './lib/naive-watcher'
import {
  APIXO_90S,
  FAKE_TIMERS,
  PhaseBoard,
  SEGMIND_60S,
  advance,
  advanceUntil,
  server,
  settle,
  setup,
  submitDirectly,
  type JobScenario,
} from './lib/harness'
import { writeResult } from './lib/results'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

/** Fake ms watched after the end, to catch clocks or pollers that keep rendering. */
const AFTER_END_MS = 30_000

/** Counts Profiler commits per id, split at a moment (the end of the job). */
class RenderCounter {
  readonly counts = new Map<string, number>()
  readonly onRender: ProfilerOnRenderCallback = (id) => {
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1)
  }
  total(prefix = ''): number {
    let sum = 0
    for (const [id, n] of this.counts) if (id.startsWith(prefix)) sum += n
    return sum
  }
  max(prefix = ''): number {
    let max = 0
    for (const [id, n] of this.counts) if (id.startsWith(prefix)) max = Math.max(max, n)
    return max
  }
  snapshot(): Map<string, number> {
    return new Map(this.counts)
  }
}

function Profiled({ id, counter, children }: { id: string; counter: RenderCounter; children: ReactNode }) {
  return (
    <Profiler id={id} onRender={counter.onRender}>
      {children}
    </Profiler>
  )
}

function Watcher({ job, board, index }: { job: JobRef; board: PhaseBoard; index: number }) {
  const status = useJobStatus(job)
  board.phases[index] = status.phase
  return <p>{status.phase ?? 'checking'}</p>
}

function LibraryApp({ model, input, count, board, counter }: { model: ModelId; input: unknown; count: number; board: PhaseBoard; counter: RenderCounter }) {
  const { submit, job } = useSubmitVideo({ model })
  useEffect(() => {
    submit(input as never)
  }, [submit, input])
  if (job === null) return null
  return (
    <>
      {Array.from({ length: count }, (_, i) => (
        <Profiled key={i} id={`w${i}`} counter={counter}>
          <Watcher job={job} board={board} index={i} />
        </Profiled>
      ))}
    </>
  )
}

/** Submit and follow in one component, as most apps would. */
function VideoJobApp({ model, input, board }: { model: ModelId; input: unknown; board: PhaseBoard }) {
  const { submit, phase, video } = useVideoJob({ model })
  useEffect(() => {
    submit(input as never)
  }, [submit, input])
  board.phases[0] = phase
  return <p>{video ?? phase ?? 'idle'}</p>
}

export interface ConsumerRenders {
  readonly consumer: string
  readonly watchers: number
  /** Renders of one consumer from mount to the end of the job (max over consumers). */
  readonly perConsumer: number
  readonly total: number
  /** Renders in the AFTER_END_MS after every consumer showed the end (target 0). */
  readonly afterEnd: number
}

async function consumerRenders(scenario: JobScenario, kind: 'useJobStatus' | 'useVideoJob' | 'naive', watchers: number): Promise<ConsumerRenders> {
  vi.useFakeTimers(FAKE_TIMERS)
  const ctx = setup(scenario)
  const counter = new RenderCounter()
  const board = new PhaseBoard(watchers)
  let view
  if (kind === 'useJobStatus') {
    view = render(<LibraryApp model={scenario.model} input={scenario.input} count={watchers} board={board} counter={counter} />, { wrapper: ctx.wrapper })
  } else if (kind === 'useVideoJob') {
    view = render(
      <Profiled id="w0" counter={counter}>
        <VideoJobApp model={scenario.model} input={scenario.input} board={board} />
      </Profiled>,
      { wrapper: ctx.wrapper },
    )
  } else {
    const transport = ctx.transports[scenario.provider]
    const job = await submitDirectly(transport, scenario)
    view = render(
      <>
        {Array.from({ length: watchers }, (_, i) => (
          <Profiled key={i} id={`w${i}`} counter={counter}>
            <NaiveWatcher transport={transport} job={job} board={board} index={i} />
          </Profiled>
        ))}
      </>,
    )
  }
  await settle()
  await advanceUntil(() => board.allTerminal(), scenario.queueMs + scenario.runMs + 60_000)
  const atEnd = counter.total()
  const perConsumer = counter.max()
  await advance(AFTER_END_MS)
  const afterEnd = counter.total() - atEnd
  view.unmount()
  ctx.sim.dispose()
  ctx.client.clear()
  return { consumer: kind, watchers, perConsumer, total: atEnd, afterEnd }
}

// ---- Components ----

export interface ComponentRenders {
  readonly component: string
  readonly scenario: string
  /** Renders of the component from mount to the end of the job. */
  readonly overJob: number
  /** Renders in the AFTER_END_MS after the end (target 0). */
  readonly afterEnd: number
}

/** JobProgress and VideoResult side by side under one app, each in its own Profiler. */
async function componentRenders(scenario: JobScenario): Promise<ComponentRenders[]> {
  vi.useFakeTimers(FAKE_TIMERS)
  const ctx = setup(scenario)
  const counter = new RenderCounter()
  const board = new PhaseBoard(1)
  function Result({ job }: { job: JobRef }) {
    const status = useJobStatus(job)
    board.phases[0] = status.phase
    return (
      <Profiled id="VideoResult" counter={counter}>
        <VideoResult snapshot={status.snapshot} input={scenario.input} />
      </Profiled>
    )
  }
  function App() {
    const { submit, job } = useSubmitVideo({ model: scenario.model })
    useEffect(() => {
      submit(scenario.input as never)
    }, [submit])
    if (job === null) return null
    return (
      <>
        <Profiled id="JobProgress" counter={counter}>
          <JobProgress job={job} input={scenario.input} />
        </Profiled>
        <Result job={job} />
      </>
    )
  }
  const view = render(<App />, { wrapper: ctx.wrapper })
  await settle()
  await advanceUntil(() => board.allTerminal(), scenario.queueMs + scenario.runMs + 60_000)
  const atEnd = counter.snapshot()
  await advance(AFTER_END_MS)
  view.unmount()
  ctx.sim.dispose()
  ctx.client.clear()
  return ['JobProgress', 'VideoResult'].map((component) => ({
    component,
    scenario: scenario.name,
    overJob: atEnd.get(component) ?? 0,
    afterEnd: (counter.counts.get(component) ?? 0) - (atEnd.get(component) ?? 0),
  }))
}

export interface TypingRenders {
  readonly model: string
  readonly characters: number
  /** Renders of the prompt's own control while typing. */
  readonly prompt: number
  /** Renders of every other field's controls (inputs, sliders, selects, switches, radios); target 0. */
  readonly otherFields: number
  readonly otherFieldsByControl: Record<string, number>
  /** Renders of the submit button (not a field). */
  readonly submitButton: number
  /** Profiler commits of the whole form. */
  readonly formCommits: number
}

/** Type 500 characters into the prompt, one change event each, counting each inner part's renders by its id. */
async function typingRenders(characters: number): Promise<TypingRenders> {
  const counts = new Map<string, number>()
  let counting = false
  const counted = (tag: 'input' | 'textarea' | 'select' | 'button', kind: string) =>
    function Counted(props: { id?: string; name?: string; type?: string }) {
      if (counting) {
        const key = `${kind}#${props.id ?? props.name ?? props.type ?? '?'}`
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
      return createElement(tag, props)
    }
  const components = {
    Input: counted('input', 'Input'),
    Textarea: counted('textarea', 'Textarea'),
    Select: counted('select', 'Select'),
    Button: counted('button', 'Button'),
    Switch: counted('input', 'Switch'),
    Slider: counted('input', 'Slider'),
    Radio: counted('input', 'Radio'),
  } as unknown as ParameterFormComponents
  const counter = new RenderCounter()
  const view = render(
    <Profiled id="form" counter={counter}>
      <ParameterForm model="ltx-2-19b-t2v" onSubmit={() => undefined} components={components} />
    </Profiled>,
  )
  const prompt = screen.getByRole('textbox', { name: 'Prompt' })
  const before = counter.total()
  const text = 'A slow dolly shot through a rain-soaked neon street at night, reflections on wet asphalt, '.repeat(8).slice(0, characters)
  counting = true
  for (let i = 1; i <= characters; i++) fireEvent.change(prompt, { target: { value: text.slice(0, i) } })
  counting = false
  const formCommits = counter.total() - before
  view.unmount()
  const promptKey = `Textarea#${prompt.id}`
  const otherFieldsByControl: Record<string, number> = {}
  let submitButton = 0
  for (const [key, n] of counts) {
    if (key === promptKey) continue
    if (key.startsWith('Button#')) submitButton += n
    else otherFieldsByControl[key] = n
  }
  return {
    model: 'ltx-2-19b-t2v',
    characters,
    prompt: counts.get(promptKey) ?? 0,
    otherFields: Object.values(otherFieldsByControl).reduce((a, b) => a + b, 0),
    otherFieldsByControl,
    submitButton,
    formCommits,
  }
}

export interface RendersResult {
  readonly afterEndWindowMs: number
  readonly consumers: readonly { readonly scenario: string; readonly rows: readonly ConsumerRenders[] }[]
  readonly components: readonly ComponentRenders[]
  readonly typing: TypingRenders
}

it('renders', { timeout: 600_000 }, async () => {
  const consumers = []
  for (const scenario of [SEGMIND_60S, APIXO_90S]) {
    const rows: ConsumerRenders[] = []
    for (const watchers of [1, 50]) {
      rows.push(await consumerRenders(scenario, 'useJobStatus', watchers))
      rows.push(await consumerRenders(scenario, 'naive', watchers))
    }
    rows.push(await consumerRenders(scenario, 'useVideoJob', 1))
    consumers.push({ scenario: scenario.name, rows })
  }

  const components: ComponentRenders[] = []
  for (const scenario of [SEGMIND_60S, APIXO_90S]) components.push(...(await componentRenders(scenario)))
  const typing = await typingRenders(500)
  const result: RendersResult = { afterEndWindowMs: AFTER_END_MS, consumers, components, typing }
  writeResult('renders', result)

  for (const { scenario, rows } of consumers) {
    console.log(`\n${scenario}: renders per consumer over the job (total; after the end)`)
    for (const row of rows) {
      console.log(`  ${row.consumer.padEnd(12)} ×${String(row.watchers).padStart(2)}: ${row.perConsumer} each (${row.total} total; ${row.afterEnd} after the end)`)
    }
  }
  for (const row of components) console.log(`${row.component} over ${row.scenario}: ${row.overJob} renders (${row.afterEnd} after the end)`)
  {
    console.log(
      `ParameterForm (${typing.model}), ${typing.characters} characters typed into the prompt: prompt ${typing.prompt} renders, other fields ${typing.otherFields}, submit button ${typing.submitButton}, form commits ${typing.formCommits}`,
    )
    if (typing.otherFields > 0) console.log(`  other fields that rendered: ${JSON.stringify(typing.otherFieldsByControl)}`)
  }
})
