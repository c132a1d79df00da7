// The push section of BENCHMARKS.md, from bench/push.ts's figures: used by bench/run-all.ts, and
// printed alone by `npx tsx bench/push/report.ts` (from the last run's .tmp/bench/push.json).
import { fileURLToPath } from 'node:url'
import { loadavg, cpus } from 'node:os'
import type { PushResult, PushRun } from '../push'
import { readResult, round } from '../lib/results'

const kB = (bytes: number) => `${round(bytes / 1000, 1)} kB`

function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`), '']
}

/** The section's lines; `where` says the machine and load when printed alone. */
export function pushSection(push: PushResult | undefined, where?: string): string[] {
  const lines = ['## Push (SSE) against polling (issue 18)', '']
  if (push === undefined) return [...lines, '_Not measured in this run._', '']
  const find = (provider: string, mode: PushRun['mode'], watchers: number) => push.runs.find((r) => r.provider === provider && r.mode === mode && r.watchers === watchers)
  lines.push(
    '`bench/push.ts`: the load client, the proxy (ltx-react through `toNodeHandler`, with a store) and the upstream (the',
    'simulator, its clock stopped until the job is told to end) each in its own process on 127.0.0.1. A job runs for 2.5',
    'intervals, then the simulator\'s clock moves to its end. **Push**: each watcher is one SSE connection to `/events`, fed',
    'by the proxy\'s one poll loop per job. **Polling** (the reference): each watcher is a tab of its own polling the proxy\'s',
    'status route at the hooks\' interval from a random phase. Upstream requests are the status requests the simulator',
    'answered for that job; latency is from the simulator ending the job to each watcher seeing the end.',
    ...(where === undefined ? [] : ['', where]),
    '',
  )
  lines.push(
    ...table(
      ['Provider, watchers', 'Interval', 'Upstream status requests: push', 'polling', 'polling ÷ push', 'Completion → seen, p50 / max: push', 'polling', 'Every watcher saw the end'],
      push.runs
        .filter((r) => r.mode === 'push')
        .map((p) => {
          const q = find(p.provider, 'polling', p.watchers)
          return [
            `${p.provider}, ${p.watchers}`,
            `${p.intervalMs / 1000} s`,
            `**${p.upstreamStatusRequests}**`,
            q?.upstreamStatusRequests ?? '–',
            q === undefined ? '–' : `×${round(q.upstreamStatusRequests / Math.max(1, p.upstreamStatusRequests), 1)}`,
            `${p.latencyP50Ms} / ${p.latencyMaxMs} ms`,
            q === undefined ? '–' : `${q.latencyP50Ms} / ${q.latencyMaxMs} ms`,
            p.allSawTheEnd && q?.allSawTheEnd !== false ? 'yes' : '**no**',
          ]
        }),
    ),
  )
  const segmind50 = find('segmind', 'push', 50)
  const segmind1 = find('segmind', 'push', 1)
  if (segmind50 !== undefined && segmind1 !== undefined) {
    lines.push(
      `50 watchers with push cost ${segmind50.upstreamStatusRequests} upstream status requests for the Segmind job, 1 watcher ${segmind1.upstreamStatusRequests}: one stream`,
      'of requests per job whatever the number of tabs (the test `test/server/ledger/push-fanout.test.ts` proves it, ± 1).',
      'Latency: for Segmind (no webhooks) push is fed by a server-side poll at the same interval as the hooks\' polling, so',
      'completion → seen is of the same order (up to one interval, whichever phase the poll is in); what push saves is the',
      'requests. APIXO here is polled by the loop as well (no callback in this benchmark); with callbacks the end is published',
      'when the callback arrives.',
      '',
    )
  }
  const { memory } = push
  lines.push(
    `**Memory per open SSE connection**: the proxy child's heap and RSS after forced GC (lowest of three readings) with`,
    `${memory.connections.join(', ')} connections open on one job, the least-squares slope; the reference is the same slope for plain`,
    'HTTP responses held open (headers and one line written) by a bare node:http server in the same child.',
    '',
    ...table(
      ['Connection', 'Heap per connection', 'RSS per connection'],
      [
        ['SSE `/events` (ltx-react, toNodeHandler, memory store)', `**${kB(memory.sse.heapBytesPerConnection)}**`, kB(memory.sse.rssBytesPerConnection)],
        ['plain held response (node:http) — reference', kB(memory.held.heapBytesPerConnection), kB(memory.held.rssBytesPerConnection)],
        ['SSE ÷ reference', `×${round(memory.sse.heapBytesPerConnection / Math.max(1, memory.held.heapBytesPerConnection), 1)}`, `×${round(memory.sse.rssBytesPerConnection / Math.max(1, memory.held.rssBytesPerConnection), 1)}`],
      ],
    ),
    'An SSE connection carries a Fetch `Request`/`Response`, a web `ReadableStream` through `toNodeHandler`, a store',
    'subscription and a heartbeat timer; the poll loop is per job, not per connection.',
    '',
  )
  return lines
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cpu = cpus()
  const where = `Printed alone: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, 1-minute load average ${round(loadavg()[0] ?? 0, 2)} when printed.`
  console.log(pushSection(readResult<PushResult>('push'), where).join('\n'))
}
