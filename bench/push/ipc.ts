// The IPC of the push benchmark's children: the parent sends { id, op, ...args }, a child answers
// { id, ...reply }; a child says { ready, ...ports } once it listens and never outlives its parent.

export type Handler = (message: Record<string, unknown>) => unknown

/** Answer the parent's requests with `handlers[op]`. */
export function serveParent(handlers: Record<string, Handler>): void {
  process.on('message', (raw) => {
    const message = raw as { id: number; op: string }
    void (async () => {
      const reply = await handlers[message.op]?.(message)
      process.send?.({ id: message.id, ...(reply as object) })
    })()
  })
  process.on('disconnect', () => process.exit(0))
}
