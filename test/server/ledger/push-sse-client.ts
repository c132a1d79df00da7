import { request as httpRequest, type ClientRequest } from 'node:http'
import { afterEach } from 'vitest'

/** One SSE event as a browser's EventSource would see it. */
export interface SseEvent {
  readonly id: string | undefined
  readonly event: string
  readonly data: string
}

/** An SSE connection read with node:http, as an EventSource reads it (without reconnecting). */
export interface SseClient {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly events: SseEvent[]
  /** Comment lines (`: hb`), without the colon. */
  readonly comments: string[]
  /** True once the server ended the stream. */
  ended(): boolean
  close(): void
}

/** Open `url` as an SSE stream; resolves once the response headers arrived. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | undefined = undefined
    req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = []
      const comments: string[] = []
      let buffer = ''
      let ended = false
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let cut: number
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          let id: string | undefined
          let event = 'message'
          const data: string[] = []
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim())
            else if (line.startsWith('id: ')) id = line.slice(4)
            else if (line.startsWith('event: ')) event = line.slice(7)
            else if (line.startsWith('data: ')) data.push(line.slice(6))
          }
          if (data.length > 0) events.push({ id, event, data: data.join('\n') })
        }
      })
      const end = () => {
        ended = true
      }
      res.on('end', end)
      res.on('close', end)
      res.on('error', end)
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        ended: () => ended,
        close: () => {
          req?.destroy()
          res.destroy()
        },
      })
    })
    req.on('error', reject)
    req.end()
  })
}

/** Bounded waits, as in the ledger's tests. */
export { eventually } from './store-contract'

/** The `data` of a job event, parsed. */
export const jobData = (event: SseEvent) => JSON.parse(event.data) as { job: string; status: number; body: Record<string, unknown> | string }

/** What a test opened: its SSE clients and its proxy stack, closed by `closeAll()` and after each test. */
export interface Opened<S extends { close(): Promise<void> }> {
  readonly clients: SseClient[]
  stack: S | undefined
  closeAll(): Promise<void>
}

/** Registers an afterEach that closes what each test of the file opened (call it at the file's top level). */
export function closedAfterEach<S extends { close(): Promise<void> }>(): Opened<S> {
  const opened: Opened<S> = {
    clients: [],
    stack: undefined,
    async closeAll() {
      for (const client of opened.clients.splice(0)) client.close()
      const stack = opened.stack
      opened.stack = undefined
      await stack?.close()
    },
  }
  afterEach(() => opened.closeAll())
  return opened
}
