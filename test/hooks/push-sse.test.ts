import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EventSource } from 'undici'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { createSegmindTransport, ltxKeys, pushFromEvents, type EventSourceConstructor, type JobRef, type JobSnapshot } from '../../src/index'
import { newClient } from './harness'

// The push stream of <LtxProvider push> (without React: undici's EventSource wants Node's Event, not jsdom's) against a real SSE server on 127.0.0.1, speaking the proxy's /events wire
// (id: {at}-{seq}, event: job, data: { job, status, body }), with a real EventSource (undici's):
// the stream is opened once with the watched job, resumed with Last-Event-ID after the server
// drops it, and a pushed COMPLETED is read by the transport (its result fetched once).

const job: JobRef = { id: 'handle-1', model: 'ltx-2-fast', provider: 'segmind', submittedAt: Date.now() }
const JOB = `segmind:ltx-2-fast:${job.id}`
const connections: { jobs: string[]; lastEventId: string | undefined; res: ServerResponse }[] = []
const reads: string[] = []

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x')
  if (url.pathname === '/api/ltx/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-ltx-ledger': '1' })
    const lastEventId = req.headers['last-event-id'] as string | undefined
    connections.push({ jobs: url.searchParams.getAll('job'), lastEventId, res })
    // Reconnect fast after a drop; on connect, the job's current snapshot (unless already seen).
    res.write('retry: 50\n\n')
    if (lastEventId === undefined) res.write(`id: 1-1\nevent: job\ndata: ${JSON.stringify({ job: JOB, status: 200, body: { status: 'PROCESSING' } })}\n\n`)
    return
  }
  reads.push(url.pathname)
  res.setHeader('content-type', 'application/json')
  if (url.pathname === `/api/ltx/segmind/v2/requests/${job.id}`) {
    res.end(JSON.stringify({ status: 'COMPLETED', output: 'https://cdn.example.com/v.mp4' }))
  } else {
    res.end(JSON.stringify({ status: 'QUEUED' }))
  }
}

const server = createServer(handle)
let origin = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

it('streams a watched job over a real EventSource, resumes with Last-Event-ID, and ends it by push', async () => {
  const transports = { segmind: createSegmindTransport({ baseUrl: `${origin}/api/ltx/segmind` }) }
  const push = pushFromEvents({ url: `${origin}/api/ltx/events`, eventSource: EventSource as unknown as EventSourceConstructor })
  const client = newClient()
  const stream = push(() => ({ client, transports }))
  const seen: JobSnapshot[] = []
  const stop = stream.watch(job, (outcome) => 'snapshot' in outcome && seen.push(outcome.snapshot))
  expect(stop).toBeTypeOf('function')
  const snapshot = () => client.getQueryData<JobSnapshot>(ltxKeys.job('segmind', job.id))
  await vi.waitFor(() => expect(stream.healthy()).toBe(true))
  await vi.waitFor(() => expect(snapshot()?.providerStatus).toBe('PROCESSING'))
  expect(connections).toHaveLength(1)
  expect(connections[0]?.jobs).toEqual([JOB])

  // The server drops the stream: the EventSource reconnects by itself, saying what it has seen.
  connections[0]?.res.destroy()
  await vi.waitFor(() => expect(connections).toHaveLength(2))
  expect(connections[1]).toMatchObject({ jobs: [JOB], lastEventId: '1-1' })

  connections[1]?.res.write(`id: 2-2\nevent: job\ndata: ${JSON.stringify({ job: JOB, status: 200, body: { status: 'COMPLETED' } })}\n\n`)
  await vi.waitFor(() => expect(snapshot()?.phase).toBe('succeeded'))
  expect(snapshot()?.output?.videoUrl).toBe('https://cdn.example.com/v.mp4')
  expect(seen.map((s) => s.phase)).toEqual(['running', 'succeeded'])
  expect(reads.filter((path) => path === `/api/ltx/segmind/v2/requests/${job.id}`)).toHaveLength(1)
  // The watch ends: the stream closes (nothing left to watch).
  if (stop) stop()
  await vi.waitFor(() => expect(stream.healthy()).toBe(false))
  stream.close()
})
