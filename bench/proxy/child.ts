// What every server child of the proxy benchmark shares: listen on 127.0.0.1 port 0, print the
// port, answer the parent's IPC requests (CPU time, counters, exit), and never outlive the
// parent or the time limit it was given.
import { readFileSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import type { Server } from 'node:http'
import type { ChildReady, ChildReply, ChildRequest, ChildStats } from './protocol'

/** Counters a child adds to the shared ones (the ltx proxy's log reasons). */
export interface ChildCounters {
  readonly reasons: Record<string, number>
  /** Called on `reset`, between rounds (the simulator forgets its request log there). */
  readonly onReset?: () => void
}

function maxOpenFiles(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'))
    const soft = line?.split(/\s{2,}/)[1]
    return soft === undefined ? undefined : Number(soft)
  } catch {
    return undefined
  }
}

/** Lifetime limit of a child in ms, from the environment the parent sets; default 15 minutes. */
function lifetimeMs(): number {
  const value = Number(process.env.BENCH_CHILD_LIFETIME_MS)
  return Number.isFinite(value) && value > 0 ? value : 15 * 60_000
}

/** A server that listens already (startSimulatorServer): its port and how to stop it. */
export interface ListeningServer {
  readonly port: number
  /** Requests it answered since the last reset. */
  requests(): number
  close(): Promise<void>
}

/**
 * Serve for the parent: listen (a node:http `Server`) or take an already listening server,
 * report `{ op: 'ready', port }` over IPC (and print it), then answer requests until told to
 * exit, the parent goes away or the lifetime ends.
 */
export function runChild(target: Server | ListeningServer, counters: ChildCounters = { reasons: {} }): void {
  const send = (message: ChildReply | ChildReady) => process.send?.(message)
  let requests = 0
  let open = 0
  let peakConnections = 0
  const clientErrors: Record<string, number> = {}
  const ready = (port: number) => {
    console.log(`listening 127.0.0.1:${port}`)
    send({ op: 'ready', port, maxOpenFiles: maxOpenFiles() })
  }
  let close: () => void
  if ('listen' in target) {
    const server = target
    server.on('request', () => {
      requests++
    })
    server.on('connection', (socket) => {
      open++
      if (open > peakConnections) peakConnections = open
      socket.once('close', () => open--)
    })
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      const code = error.code ?? error.message
      clientErrors[code] = (clientErrors[code] ?? 0) + 1
      socket.destroy()
    })
    // 2000 connections may arrive at once; Node's default backlog is 511.
    server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
      const address = server.address()
      ready(typeof address === 'object' && address !== null ? address.port : 0)
    })
    close = () => {
      server.closeAllConnections()
      server.close()
    }
  } else {
    ready(target.port)
    close = () => void target.close()
  }
  const requestCount = () => ('listen' in target ? requests : target.requests())

  const exit = () => {
    close()
    // process.exit (not a crash) lets --cpu-prof write its profile.
    process.exit(0)
  }
  process.on('disconnect', exit)
  const limit = setTimeout(() => {
    console.error(`bench child ${process.argv.slice(2).join(' ')}: lifetime over, exiting`)
    exit()
  }, lifetimeMs())
  limit.unref()

  let profiler: Session | undefined
  process.on('message', (raw) => {
    const message = raw as ChildRequest
    switch (message.op) {
      case 'cpu': {
        const { user, system } = process.cpuUsage()
        send({ id: message.id, op: 'cpu', userUs: user, systemUs: system })
        return
      }
      case 'stats': {
        const stats: ChildStats = { requests: requestCount(), reasons: { ...counters.reasons }, clientErrors: { ...clientErrors }, peakConnections }
        send({ id: message.id, op: 'stats', stats })
        return
      }
      case 'reset':
        requests = 0
        peakConnections = open
        for (const key of Object.keys(clientErrors)) delete clientErrors[key]
        for (const key of Object.keys(counters.reasons)) delete counters.reasons[key]
        counters.onReset?.()
        send({ id: message.id, op: 'reset' })
        return
      case 'profile-start':
        // V8's sampling profiler (what --cpu-prof runs), started over the inspector so that
        // startup, module loading and warm-up stay out of the profile.
        profiler ??= new Session()
        profiler.connect()
        profiler.post('Profiler.enable', () =>
          profiler?.post('Profiler.setSamplingInterval', { interval: 100 }, () =>
            profiler?.post('Profiler.start', () => send({ id: message.id, op: 'profile-start' })),
          ),
        )
        return
      case 'profile-stop':
        profiler?.post('Profiler.stop', (error, result) => {
          if (error === null) writeFileSync(message.file, JSON.stringify(result.profile))
          profiler?.disconnect()
          send({ id: message.id, op: 'profile-stop', file: message.file })
        })
        return
      case 'exit':
        send({ id: message.id, op: 'exit' })
        setImmediate(exit)
        return
      default:
        message satisfies never
    }
  })
}
