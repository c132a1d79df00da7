import { isModelId, providerOf } from '../../models/model-catalog'
import { PROVIDERS, type Provider } from '../../models/provider'
import type { LogEntryDraft } from '../log-entry-draft'
import { authorizeUser } from '../authorize-user'
import { PROXY_ID_PATTERN } from '../match-proxy-route'
import { proxyReply, SAFETY_HEADERS } from '../proxy-reply'
import type { ProxyConfig } from '../resolve-proxy-options'
import { rewriteUpstreamReply } from '../rewrite-upstream-reply'
import { DEFAULT_HEARTBEAT_MS, DEFAULT_POLL_IDLE_MS, DEFAULT_POLL_INTERVAL_MS, MAX_EVENTS_JOBS, type PushOptions } from './events-options'
import { eventId, isNewer, parseEventId, type EventMark } from './event-mark'
import { parseJobEvent, type JobEvent } from './job-event'
import { eventsChannel, snapshotKey } from './ledger-keys'
import type { LedgerStore } from './ledger-store'
import { createPollLoops, type PollLoops, type WatchedJob } from './poll-loop'
import { createPollUpstream } from './poll-upstream'

/** The SSE route of a proxy with a store. */
export interface EventsRoute {
  /** True when `url` is `{basePath}/events`. */
  matches(url: URL): boolean
  serve(request: Request, url: URL, entry: LogEntryDraft): Promise<Response>
  readonly loops: PollLoops
}

interface Watch extends WatchedJob {
  /** `{provider}:{model}:{handle}`, as the client named it. */
  readonly name: string
  readonly handle: string
}

const encoder = new TextEncoder()
const isProvider = (value: string): value is Provider => (PROVIDERS as readonly string[]).includes(value)

/**
 * `GET {basePath}/events?job={provider}:{model}:{handle}` (≤ 50): authorized as a status read,
 * each handle opened for this user (someone else's or a forged one is silently not watched), then
 * an SSE stream of `event: job` per change of a watched job, its body rewritten as a status read's
 * is; the current snapshot first (only newer than `Last-Event-ID`), `: hb` heartbeats, and every
 * subscription and watcher dropped when the client leaves.
 */
export function createEventsRoute(config: ProxyConfig, store: LedgerStore, options: PushOptions = {}): EventsRoute {
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS
  const loops = createPollLoops({
    store,
    instanceId: options.instanceId ?? crypto.randomUUID(),
    intervalMs: { ...DEFAULT_POLL_INTERVAL_MS, ...options.pollIntervalMs },
    idleMs: options.idleMs ?? DEFAULT_POLL_IDLE_MS,
    poll: createPollUpstream(config),
  })

  async function open(name: string, userId: string | undefined): Promise<Watch | undefined> {
    const [provider = '', model = '', handle = '', ...rest] = name.split(':')
    if (rest.length > 0 || !isProvider(provider) || !isModelId(model) || providerOf(model) !== provider || !config.allowed.has(model)) return undefined
    const upstream = config.upstreams[provider]
    if (upstream === undefined || 'missing' in upstream || !PROXY_ID_PATTERN.test(handle)) return undefined
    const upstreamId = await config.handles.open(provider, handle, userId)
    return upstreamId === undefined ? undefined : { name, provider, model, handle, upstreamId }
  }

  /** The SSE frame of `event` for `watch`: the status body as the browser would read it. */
  async function frame(watch: Watch, event: JobEvent): Promise<string> {
    const rewritten = rewriteUpstreamReply(
      { status: event.upstreamStatus, headers: new Headers({ 'content-type': 'application/json' }), bytes: encoder.encode(event.body), truncated: false },
      { operation: 'status', provider: watch.provider, upstreamId: watch.upstreamId, handle: watch.handle, exposeCost: config.exposeCost, redactor: config.redactor, links: config.links },
    )
    const text = await rewritten.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // A text body (an upstream error page, scrubbed) goes as a string.
    }
    const data = JSON.stringify({ job: watch.name, status: event.upstreamStatus, body })
    return `id: ${eventId(event)}\nevent: job\ndata: ${data}\n\n`
  }

  async function serve(request: Request, url: URL, entry: LogEntryDraft): Promise<Response> {
    if (request.method.toUpperCase() !== 'GET') return proxyReply(undefined, 405, 'method-not-allowed', 'This route takes GET only.', { allow: 'GET' })
    const userId = await authorizeUser(config, () => request, undefined, entry)
    if (userId instanceof Response) return userId
    const names = [...new Set(url.searchParams.getAll('job'))]
    if (names.length === 0 || names.length > MAX_EVENTS_JOBS) {
      return proxyReply(undefined, 400, 'validation', `Name 1 to ${MAX_EVENTS_JOBS} jobs as job={provider}:{model}:{handle}.`)
    }
    const watches = (await Promise.all(names.map((name) => open(name, userId)))).filter((watch) => watch !== undefined)
    const resumeFrom = parseEventId(request.headers.get('last-event-id'))
    return new Response(stream(request, watches, resumeFrom), {
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8', ...SAFETY_HEADERS, 'x-accel-buffering': 'no' },
    })
  }

  function stream(request: Request, watches: readonly Watch[], resumeFrom: EventMark | undefined): ReadableStream<Uint8Array> {
    const cleanups: (() => unknown)[] = []
    let closed = false
    // Frames go out in the order their events came, though rewriting one is asynchronous.
    let queue = Promise.resolve()
    let cleanup = () => {}

    return new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (text: string) => {
          if (closed) return
          try {
            controller.enqueue(encoder.encode(text))
          } catch {
            cleanup()
          }
        }
        cleanup = () => {
          if (closed) return
          closed = true
          for (const undo of cleanups.splice(0)) {
            try {
              void Promise.resolve(undo()).catch(() => undefined)
            } catch {
              // Cleaning up goes on.
            }
          }
          try {
            controller.close()
          } catch {
            // Already closed or cancelled.
          }
        }
        request.signal.addEventListener('abort', cleanup, { once: true })
        // Headers go out now, with the reconnect delay, even before any job changes.
        send('retry: 3000\n\n')
        const heartbeat = setInterval(() => send(': hb\n\n'), heartbeatMs)
        heartbeat.unref?.()
        cleanups.push(() => clearInterval(heartbeat))

        for (const watch of watches) {
          let last = resumeFrom
          let unwatch: (() => void) | undefined
          const deliver = (event: JobEvent | undefined) => {
            if (event === undefined || event.upstreamId !== watch.upstreamId || event.provider !== watch.provider || !isNewer(event, last)) return
            last = event
            if (event.final) unwatch?.()
            queue = queue.then(async () => send(await frame(watch, event))).catch(() => undefined)
          }
          const unsubscribe = await store.subscribe(eventsChannel(watch.provider, watch.upstreamId), (message) => deliver(parseJobEvent(message)))
          cleanups.push(unsubscribe)
          if (closed) return cleanup()
          const snap = parseJobEvent(await store.get(snapshotKey(watch.provider, watch.upstreamId)))
          if (snap?.final !== true) {
            unwatch = loops.watch(watch)
            cleanups.push(() => unwatch?.())
          }
          deliver(snap)
        }
        if (request.signal.aborted) cleanup()
      },
      cancel() {
        cleanup()
      },
    })
  }

  return {
    matches: (url) => url.pathname === `${config.basePath}/events`,
    serve,
    loops,
  }
}
