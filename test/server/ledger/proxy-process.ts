import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { SimulatorServer } from '../../../src/testing/start-simulator-server'
import { SECRET_KEYS } from '../proxy-stack'
import type { RedisServer } from './redis-server'

// One proxy instance in a process of its own (ledger-proxy-process.ts) on a real redis-server,
// for the many-instances tests of the ledger (two-process) and of push (push-instances).

const SCRIPT = join(import.meta.dirname, 'ledger-proxy-process.ts')
const START_WAIT_MS = 15_000

export interface ProxyProcess {
  readonly origin: string
  /** The proxy's base URL (`{origin}/api/ltx`). */
  readonly base: string
  /** SIGTERM (SIGKILL after 5 s), resolved once it exited. */
  stop(): Promise<void>
  /** SIGKILL at once: an instance that dies mid-job. */
  kill(): Promise<void>
}

export interface ProxyProcessOptions {
  /** Every instance signs and opens handles with the same secret. */
  readonly secret?: string
  /** Push on (short poll interval, heartbeat and idle time), with this instance id in the lease. */
  readonly pushInstanceId?: string
}

export function startProxyProcess(redis: RedisServer, upstream: SimulatorServer, options: ProxyProcessOptions = {}): Promise<ProxyProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      UPSTREAM_URL: upstream.url,
      LTX_SECRET: options.secret ?? 'two-process-secret-0123456789abcdefghij',
      SEGMIND_KEY: SECRET_KEYS.segmind,
      APIXO_KEY: SECRET_KEYS.apixo,
      ...(options.pushInstanceId === undefined ? {} : { PUSH_INSTANCE_ID: options.pushInstanceId }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve()
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      process.kill(child.pid, signal)
    })
  const stop = () => exited('SIGTERM')
  const kill = () => exited('SIGKILL')
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => {
      void kill()
      reject(new Error(`proxy process did not start within ${START_WAIT_MS} ms: ${err.slice(-800)}`))
    }, START_WAIT_MS)
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const origin = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]
      if (origin === undefined) return
      clearTimeout(timer)
      resolve({ origin, base: `${origin}/api/ltx`, stop, kill })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`proxy process exited (${String(code)}): ${err.slice(-800)}`))
    })
  })
}
