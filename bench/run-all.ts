// `npm run bench`: builds the package, runs every benchmark (each in its own process, one after
// the other, so they do not compete for the cores), prints their figures and writes
// BENCHMARKS.md with the latest figures and the machine they ran on.
//   npx tsx bench/run-all.ts              everything (build included)
//   npx tsx bench/run-all.ts --no-build   reuse dist/ as it is
//   npx tsx bench/run-all.ts size proxy   only some of: size, proxy, requests, renders, scale
// Figures are compared as ratios within one run; nothing here is a timed assertion.
import { spawn } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { arch, cpus, loadavg, release, totalmem, type as osType } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { ProxyResult } from './proxy'
import type { RendersResult } from './renders.vitest'
import type { RequestsResult } from './requests.vitest'
import type { ScaleResult } from './scale.vitest'
import { kB, type SizeResult } from './size'
import { RESULTS_DIR, ROOT, readResult, round } from './lib/results'

const STEPS = ['size', 'proxy', 'requests', 'renders', 'scale'] as const
type Step = (typeof STEPS)[number]

const args = process.argv.slice(2)
const build = !args.includes('--no-build')
const chosen = args.filter((a): a is Step => (STEPS as readonly string[]).includes(a))
const steps: readonly Step[] = chosen.length > 0 ? chosen : STEPS

/** Run a command in the repository, streaming its output; resolves with its exit code. */
function exec(command: string, commandArgs: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: 'inherit' })
    child.on('error', () => resolve(1))
    child.on('close', (code) => resolve(code ?? 1))
  })
}

const node = process.execPath
const tsx = ['--import', 'tsx']
const vitest = [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'bench/vitest.bench.config.ts']
const commands: Record<Step, readonly string[]> = {
  size: [...tsx, 'bench/size.ts'],
  proxy: [...tsx, 'bench/proxy.ts'],
  requests: [...vitest, 'bench/requests.vitest.tsx'],
  renders: [...vitest, 'bench/renders.vitest.tsx'],
  scale: [...vitest, 'bench/scale.vitest.tsx'],
}

const loadAtStart = loadavg()[0] ?? 0

function machine() {
  const cpu = cpus()
  return {
    os: `${osType()} ${release()} (${arch()})`,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    date: new Date().toISOString(),
    load: `${round(loadAtStart, 2)} at the start, ${round(loadavg()[0] ?? 0, 2)} at the end (1-minute load average)`,
  }
}

const failures: string[] = []
const started = performance.now()
rmSync(RESULTS_DIR, { recursive: true, force: true })
if (build && steps.includes('size')) {
  console.log('\n== npm run build')
  if ((await exec('npm', ['run', 'build', '--silent'])) !== 0) failures.push('build')
}
const seconds: Partial<Record<Step, number>> = {}
for (const step of steps) {
  console.log(`\n== ${step}`)
  const t = performance.now()
  const code = await exec(node, commands[step])
  seconds[step] = round((performance.now() - t) / 1000, 1)
  // The size step exits 1 when a budget is exceeded; its figures are still written.
  if (code !== 0 && !(step === 'size' && readResult(step) !== undefined)) failures.push(step)
}

// ---- BENCHMARKS.md ----

const m = machine()
const size = readResult<SizeResult>('size')
const proxy = readResult<ProxyResult>('proxy')
const requests = readResult<RequestsResult>('requests')
const renders = readResult<RendersResult>('renders')
const scale = readResult<ScaleResult>('scale')
const lines: string[] = []
const out = (...more: string[]) => lines.push(...more)
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]) => {
  out(`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`)
  for (const row of rows) out(`| ${row.join(' | ')} |`)
  out('')
}
const missing = (step: Step) => out(`_Not measured in this run${failures.includes(step) ? ' (it failed; see the console output)' : ''}._`, '')

out(
  '# Benchmarks',
  '',
  'Written by `npm run bench` (`bench/run-all.ts`); every figure below comes from one run. Figures are',
  'compared as ratios measured in the same run, never as timed assertions in tests. The budgets of the',
  'bundle-size table are enforced by `npm run size` (`.size-limit.cjs`) inside `npm test`.',
  '',
  '## Machine',
  '',
)
table(['', ''], [
  ['OS', m.os],
  ['CPU', m.cpu],
  ['Cores', m.cores],
  ['Memory', `${m.memoryGB} GB`],
  ['Node', m.node],
  ['Date', m.date],
  ['Load', m.load],
  ['Run time', `${round((performance.now() - started) / 1000, 0)} s (${steps.map((s) => `${s} ${seconds[s] ?? '–'} s`).join(', ')})`],
])

out('Absolute figures move with other work on the machine (see Load); the ratios, measured side by side, are what to compare.', '')

out('## Bundle size', '', 'Minified and gzipped by size-limit (esbuild preset) from the built `dist/`, what an app pays for;', 'peers (react, react-dom, @tanstack/react-query, zod) and msw are not counted. 1 kB = 1000 bytes.', '')
if (size === undefined) missing('size')
else {
  table(
    ['Import', 'Size', 'Budget', ''],
    [
      ...size.budgets.map((r) => [r.name, kB(r.size), r.limit === undefined ? '–' : kB(r.limit), r.passed === undefined ? '' : r.passed ? 'OK' : '**over**']),
      ...size.references.map((r) => [`${r.name} — reference`, kB(r.size), '–', '']),
    ],
  )
  const over = size.budgets.filter((r) => r.passed === false).map((r) => r.name)
  out(
    over.length === 0 ? 'Every budget above holds.' : `**Over budget:** ${over.join('; ')}.`,
    '',
    'Issue 8 asks for hooks only ≤ 8 kB, everything ≤ 20 kB and CSS ≤ 4 kB. Hooks only and CSS are enforced',
    'at those targets. **Everything is not met yet:** its limit is a regression guard just above today\'s figure',
    '(`.size-limit.cjs` says so too).',
    '',
    'Nothing on the runtime path loads a model schema: hooks and transports send an input named by model id',
    'as is (the proxy validates it), and a model definition passed instead (e.g. `ltx2FastModel`) checks it in',
    'the browser; the "one model definition" row is what that adds.',
    '',
  )
  if (size.pending.length > 0) out(`Not exported from \`dist/index.js\` yet, so not measured: ${size.pending.join(', ')}.`, '')
}

out('## Requests per job', '')
if (requests === undefined) missing('requests')
else {
  out(
    `Status and result requests the simulator answered (speed 1, fake timers), from the submit until every`,
    `watching component showed the end; "after end" counts requests in the ${requests.afterTerminalWindowMs / 1000} s after that (target 0).`,
    `The library: one \`useSubmitVideo\` plus N components calling \`useJobStatus(job)\`. Naive: N components with`,
    `\`useEffect\` + \`setInterval(${requests.naiveIntervalMs})\` calling \`transport.status\`, each stopping once it sees a terminal phase.`,
    '',
  )
  const rows: (string | number)[][] = []
  for (const job of requests.jobs) {
    job.library.forEach((lib, i) => {
      const naive = job.naive[i]
      if (naive === undefined) return
      rows.push([
        `${job.scenario}, ${lib.watchers} watching`,
        lib.status,
        lib.result,
        lib.afterTerminal,
        naive.status,
        naive.result,
        naive.afterTerminal,
        `×${round((naive.status + naive.result) / Math.max(1, lib.status + lib.result), 1)}`,
      ])
    })
  }
  table(['Job', 'Library status', 'Library result', 'Library after end', 'Naive status', 'Naive result', 'Naive after end', 'Naive ÷ library'], rows)
  const { library, naive } = requests.rateLimit
  out(
    `A 429 on a Segmind status request, whose \`x-rate-limit-reset-at-utc\` is ${library.resetAfterMs / 1000} s later:`,
    `the library made **${library.beforeReset}** requests before the reset (next one ${library.nextRequestAfterMs / 1000} s after the 429); the naive poller made`,
    `${naive.beforeReset} (next one after ${naive.nextRequestAfterMs / 1000} s). APIXO documents its 429 without a reset time, so it is backed off instead.`,
    '',
  )
}

out('## Renders', '')
if (renders === undefined) missing('renders')
else {
  out(`React Profiler \`onRender\` counts (development build, jsdom, fake timers), from mount to the end of the job; "after end" counts the ${renders.afterEndWindowMs / 1000} s after it.`, '')
  const rows: (string | number)[][] = []
  for (const { scenario, rows: consumerRows } of renders.consumers) {
    for (const r of consumerRows) rows.push([scenario, `${r.consumer} × ${r.watchers}`, r.perConsumer, r.total, r.afterEnd])
  }
  table(['Job', 'Consumer', 'Renders per consumer', 'Total', 'After end'], rows)
  table(
    ['Component', 'Job', 'Renders over the job', 'After end'],
    renders.components.map((c) => [c.component, c.scenario, c.overJob, c.afterEnd]),
  )
  const t = renders.typing
  out(
    `ParameterForm (\`${t.model}\`), ${t.characters} characters typed into the prompt (one change event each): renders of the other`,
    `fields' controls **${t.otherFields}** (target 0); the prompt's own control ${t.prompt}; the submit button ${t.submitButton}; form commits ${t.formCommits}.`,
    '',
  )
}

out('## Proxy overhead', '')
if (proxy === undefined) missing('proxy')
else {
  out(
    `Segmind status requests on 127.0.0.1, ${proxy.concurrency} in flight, straight to the simulator server against through`,
    '`createLtxProxy` + `toNodeHandler` on a node:http server in front of it, in alternating rounds of one run (client, proxy',
    `and simulator share one Node process). The ratios of req/s and p50 are the median of ${proxy.rounds} per-round ratios; p99 is pooled.`,
    '',
  )
  table(
    ['Path', 'Requests', 'Errors', 'Requests/s', 'p50 ms', 'p99 ms'],
    [
      ['Straight to the simulator', proxy.direct.requests, proxy.direct.errors, proxy.direct.rps, proxy.direct.p50Ms, proxy.direct.p99Ms],
      ['Through the proxy', proxy.proxy.requests, proxy.proxy.errors, proxy.proxy.rps, proxy.proxy.p50Ms, proxy.proxy.p99Ms],
      ['Ratio proxy ÷ direct', '', '', `×${proxy.ratio.rps}`, `×${proxy.ratio.p50}`, `×${proxy.ratio.p99}`],
    ],
  )
  out(`${proxy.burst.requests} concurrent status requests through the proxy: ${proxy.burst.ok} OK, **${proxy.burst.errors} errors**, in ${proxy.burst.ms} ms.`, '')
}

out('## Scale: 500 jobs in one page', '')
if (scale === undefined) missing('scale')
else {
  const { library, naive } = scale
  out(
    `${library.jobs} watchers of ${library.jobs} different running Segmind jobs, real timers, polling interval ${library.intervalMs} ms for both (the`,
    'library via `useJobStatus(job, { polling: { segmindIntervalMs } })`). Live timers are counted by wrapping',
    'setTimeout/clearTimeout/setInterval/clearInterval; "long" timers are TanStack Query\'s cache garbage collection',
    '(gcTime 1 h). Tick CPU is this process\'s CPU time (simulator, msw, transports, cache, React) per tick of all jobs.',
    '',
  )
  const row = (f: typeof library) => [
    f.kind,
    `${f.liveTimers} (${f.liveTimerKinds.upToInterval} polling, ${f.liveTimerKinds.longer} long, ${f.liveTimerKinds.intervals} intervals)`,
    `${f.liveTimersAfterUnmount} / ${f.liveTimersAfterClear}`,
    f.timersCreatedPerTick,
    f.requestsPerTick,
    `${f.heapMB} MB (${f.heapKBPerJob} kB/job)`,
    f.tickCpuMs,
    f.burstMsMedian === null ? 'n/a (bursts overlapped)' : `${f.burstMsMedian} / ${f.burstMsMax}`,
  ]
  table(['Poller', 'Live timers', 'After unmount / after clearing the cache', 'Timers created per tick', 'Requests per tick', 'Heap', 'Tick CPU ms', 'Burst ms (median / max)'], [row(library), row(naive)])
  out(`Library ÷ naive: tick CPU ×${round(library.tickCpuMs / naive.tickCpuMs, 2)}, heap ×${round(library.heapMB / naive.heapMB, 2)}, live timers ×${round(library.liveTimers / naive.liveTimers, 2)}.`, '')
  // What the figures are made of, found with timer stacks and heap snapshots (Node 20, 500 jobs);
  // static text, so it says what each figure counts rather than repeating numbers of one run.
  out(
    'Timers created per tick, per job: the transport\'s request timeout (the naive poller makes the same one, and',
    'that is all of its count); the poller\'s next check, a `setTimeout` armed after each answer because the policy',
    'may change the delay (the naive `setInterval` re-arms inside the runtime, which is not counted); and TanStack',
    'Query re-arming the status query\'s garbage-collection timer after every fetch (harmless: it removes nothing',
    'while a component observes the query).',
    '',
    'Heap: the library\'s extra per job is almost all TanStack Query: two cached queries (status and watch state,',
    'both public API) and one `useQuery` observer of each with its React hooks, about 5–6 kB per query in a heap',
    'snapshot; the poller itself is about 1 kB. The record of a job\'s input, kept by design after unmount, is in',
    'both readings and so not in the figure (about 0.2 kB per job).',
    '',
  )
}

out('## How to run', '')
out(
  '```sh',
  'npm run bench                                  # build, then every benchmark; rewrites BENCHMARKS.md',
  'npx tsx bench/run-all.ts --no-build proxy      # some of: size proxy requests renders scale',
  'npm run build && npx size-limit                # the budgets alone (as in npm test)',
  'npx tsx bench/size.ts                          # sizes + @fal-ai/client and replicate (needs dist/)',
  'npx tsx bench/proxy.ts                         # proxy overhead',
  'npx vitest run --config bench/vitest.bench.config.ts bench/requests.vitest.tsx   # or renders / scale',
  '```',
  '',
)
if (failures.length > 0) out(`**Failed in this run:** ${failures.join(', ')}.`, '')

writeFileSync(join(ROOT, 'BENCHMARKS.md'), lines.join('\n'))
console.log(`\nWrote BENCHMARKS.md (${round((performance.now() - started) / 1000, 0)} s)${failures.length > 0 ? `; failed: ${failures.join(', ')}` : ''}`)
if (failures.length > 0) process.exitCode = 1
