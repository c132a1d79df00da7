// Renders: React Profiler onRender counts of hook consumers over a job (the library's
// useJobStatus / useVideoJob against the naive poller), of JobProgress and VideoResult over a
// job, and of the other ParameterForm fields while 500 characters are typed into the prompt
// (target 0). JobProgress is counted three ways, so the figure holds whatever its inside looks
// like: Profiler commits of its subtree, renders of the component itself (called inline by a
// counting wrapper), and text changes of its clock element in the DOM (MutationObserver).
// Figures only; written to .tmp/bench/renders.json.
// Run: npx vitest run --config bench/vitest.bench.config.ts bench/renders.vitest.tsx
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { createElement, Profiler, useEffect, type ProfilerOnRenderCallback, type ReactNode } from 'react'
import { afterAll, afterEach, beforeAll, it, vi } from 'vitest'
import { ParameterForm } from '../src/components/parameter-form/parameter-form'
import type { ParameterFormComponents } from '../src/components/parameter-form/parameter-form-components'
import { JobProgress, useJobStatus, useSubmitVideo, useVideoJob, VideoResult, type JobRef, type ModelId } from '../src/index'
import { NaiveWatcher } from './lib/naive-watcher'
import { clockMutations, countOwnRenders, MutationCounter } from './lib/render-probes'
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
  /** Profiler commits of the component's subtree from mount to the end of the job (its clock child's included). */
  readonly overJob: number
  /** Profiler commits in the AFTER_END_MS after the end (target 0). */
  readonly afterEnd: number
}

/** JobProgress over one job: its own renders apart from its subtree's commits and from the clock's text. */
export interface JobProgressRenders {
  readonly scenario: string
  /** Profiler commits of JobProgress's subtree (itself and any child such as a clock), mount to end. */
  readonly subtreeCommits: number
  /** Renders of the JobProgress function itself, mount to end (target: once per phase change plus once at the end). */
  readonly ownRenders: number
  /** Commits of the rest of the subtree (the clock child): subtree commits less JobProgress's own. */
  readonly clockCommits: number
  /** Text changes of the elapsed clock's element in the DOM, mount to end (about one a second is expected). */
  readonly clockTextChanges: number
  /** Which element was taken as the clock (class names). */
  readonly clockElement: string | undefined
  /** Every DOM change under JobProgress by element and kind (text, children, @attribute), mount to end. */
  readonly domChanges: Record<string, number>
  /** Phases the job went through as useJobStatus reported them, in order. */
  readonly phases: readonly string[]
  /** Job length in seconds of fake time. */
  readonly jobSeconds: number
  /** Own renders and subtree commits in the AFTER_END_MS after the end (target 0). */
  readonly ownRendersAfterEnd: number
  readonly subtreeCommitsAfterEnd: number
}

/** JobProgress and VideoResult side by side under one app, each in its own Profiler. */
async function componentRenders(scenario: JobScenario): Promise<{ components: ComponentRenders[]; jobProgress: JobProgressRenders }> {
  vi.useFakeTimers(FAKE_TIMERS)
  const ctx = setup(scenario)
  const counter = new RenderCounter()
  const board = new PhaseBoard(1)
  const phases: string[] = []
  let ownRenders = 0
  const CountedJobProgress = countOwnRenders(JobProgress, () => ownRenders++)
  function Result({ job }: { job: JobRef }) {
    const status = useJobStatus(job)
    board.phases[0] = status.phase
    const phase = status.phase ?? 'checking'
    if (phases[phases.length - 1] !== phase) phases.push(phase)
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
        <div data-bench="job-progress">
          <Profiled id="JobProgress" counter={counter}>
            <CountedJobProgress job={job} input={scenario.input} />
          </Profiled>
        </div>
        <Result job={job} />
      </>
    )
  }
  const view = render(<App />, { wrapper: ctx.wrapper })
  await settle()
  const host = view.container.querySelector('[data-bench="job-progress"]')
  if (host === null) throw new Error('JobProgress did not mount')
  const mutations = new MutationCounter(host)
  const tookMs = await advanceUntil(() => board.allTerminal(), scenario.queueMs + scenario.runMs + 60_000)
  const atEnd = counter.snapshot()
  const ownAtEnd = ownRenders
  const domAtEnd = mutations.snapshot()
  await advance(AFTER_END_MS)
  mutations.disconnect()
  view.unmount()
  ctx.sim.dispose()
  ctx.client.clear()
  const clock = clockMutations(domAtEnd)
  const components = ['JobProgress', 'VideoResult'].map((component) => ({
    component,
    scenario: scenario.name,
    overJob: atEnd.get(component) ?? 0,
    afterEnd: (counter.counts.get(component) ?? 0) - (atEnd.get(component) ?? 0),
  }))
  return {
    components,
    jobProgress: {
      scenario: scenario.name,
      subtreeCommits: atEnd.get('JobProgress') ?? 0,
      ownRenders: ownAtEnd,
      clockCommits: (atEnd.get('JobProgress') ?? 0) - ownAtEnd,
      clockTextChanges: clock.count,
      clockElement: clock.element,
      domChanges: Object.fromEntries([...domAtEnd].sort((a, b) => b[1] - a[1])),
      phases,
      jobSeconds: Math.round(tookMs / 1000),
      ownRendersAfterEnd: ownRenders - ownAtEnd,
      subtreeCommitsAfterEnd: (counter.counts.get('JobProgress') ?? 0) - (atEnd.get('JobProgress') ?? 0),
    },
  }
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
  readonly jobProgress: readonly JobProgressRenders[]
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
  const jobProgress: JobProgressRenders[] = []
  for (const scenario of [SEGMIND_60S, APIXO_90S]) {
    const measured = await componentRenders(scenario)
    components.push(...measured.components)
    jobProgress.push(measured.jobProgress)
  }
  const typing = await typingRenders(500)
  const result: RendersResult = { afterEndWindowMs: AFTER_END_MS, consumers, components, jobProgress, typing }
  writeResult('renders', result)

  for (const { scenario, rows } of consumers) {
    console.log(`\n${scenario}: renders per consumer over the job (total; after the end)`)
    for (const row of rows) {
      console.log(`  ${row.consumer.padEnd(12)} ×${String(row.watchers).padStart(2)}: ${row.perConsumer} each (${row.total} total; ${row.afterEnd} after the end)`)
    }
  }
  for (const row of components) console.log(`${row.component} over ${row.scenario}: ${row.overJob} subtree commits (${row.afterEnd} after the end)`)
  for (const row of jobProgress) {
    console.log(
      `JobProgress over ${row.scenario} (${row.jobSeconds} s, phases ${row.phases.join(' → ')}): ${row.ownRenders} renders of JobProgress itself, ${row.clockCommits} of its clock alone, ${row.subtreeCommits} subtree commits, ${row.clockTextChanges} clock text changes (${row.clockElement ?? 'no clock found'}); after the end ${row.ownRendersAfterEnd} / ${row.subtreeCommitsAfterEnd}`,
    )
    console.log(`  DOM changes under JobProgress: ${JSON.stringify(row.domChanges)}`)
  }
  {
    console.log(
      `ParameterForm (${typing.model}), ${typing.characters} characters typed into the prompt: prompt ${typing.prompt} renders, other fields ${typing.otherFields}, submit button ${typing.submitButton}, form commits ${typing.formCommits}`,
    )
    if (typing.otherFields > 0) console.log(`  other fields that rendered: ${JSON.stringify(typing.otherFieldsByControl)}`)
  }
})
