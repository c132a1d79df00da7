import { createServer } from 'node:http'

/** A real receiver of APIXO callbacks on 127.0.0.1, for the simulator's callback tests. */
export interface CallbackReceiver {
  /** Where to send callbacks: `http://127.0.0.1:{port}/hooks/apixo`. */
  readonly url: string
  /** Every delivery's body, in arrival order. */
  readonly bodies: unknown[]
  /** Every delivery's `data.taskId`, in arrival order. */
  readonly taskIds: string[]
  /** Statuses to answer the next deliveries with, in order; 200 once empty. */
  answers: number[]
  /** Forgets the deliveries and the queued answers. */
  reset(): void
  close(): Promise<void>
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const parsed = JSON.parse(body) as { data?: { taskId?: unknown } }
      receiver.bodies.push(parsed)
      receiver.taskIds.push(String(parsed.data?.taskId))
      res.statusCode = receiver.answers.shift() ?? 200
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const receiver: CallbackReceiver = {
    url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/hooks/apixo`,
    bodies: [],
    taskIds: [],
    answers: [],
    reset() {
      receiver.bodies.length = 0
      receiver.taskIds.length = 0
      receiver.answers = []
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
  return receiver
}
