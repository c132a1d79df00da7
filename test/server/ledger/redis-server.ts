import { spawn, type ChildProcess } from 'node:child_process'
import { freePort } from '../../free-port'

// A real redis-server for the ledger's tests: on 127.0.0.1, a free port, nothing written to
// disk, stopped by its pid. Debian's package (/usr/bin/redis-server; .ci/run installs it).

const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server'
const READY_WAIT_MS = 10_000

export interface RedisServer {
  readonly url: string
  readonly port: number
  stop(): Promise<void>
}

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => done(new Error(`redis-server not ready within ${READY_WAIT_MS} ms: ${out.slice(-500)}`)), READY_WAIT_MS)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('Ready to accept connections')) done()
    }
    const onExit = (code: number | null) => done(new Error(`redis-server exited (${String(code)}): ${out.slice(-500)}`))
    function done(error?: Error) {
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.off('exit', onExit)
      if (error === undefined) resolve()
      else reject(error)
    }
    child.stdout?.on('data', onData)
    child.once('exit', onExit)
  })
}

/** Start a redis-server; a port taken between the probe and the start is retried (3 tries). */
export async function startRedisServer(): Promise<RedisServer> {
  let last: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      await waitReady(child)
    } catch (cause) {
      last = cause
      child.kill('SIGKILL')
      continue
    }
    child.stdout?.resume()
    child.stderr?.resume()
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.pid === undefined) return resolve()
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
          child.once('exit', () => {
            clearTimeout(timer)
            resolve()
          })
          process.kill(child.pid, 'SIGTERM')
        }),
    }
  }
  throw last instanceof Error ? last : new Error('redis-server did not start')
}
