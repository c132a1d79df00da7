import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'
import type { LedgerStore } from '../../../src/server/ledger/ledger-store'

// A tiny LedgerStore over ioredis for the push tests (the ledger lane ships createRedisStore),
// and a real redis-server on 127.0.0.1 for them.

const REPLACE_IF = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end`

/** A store over `client` (commands) and `subscriber` (a second connection, in subscriber mode). */
export function createPushRedisStore(client: Redis, subscriber: Redis): LedgerStore {
  const listeners = new Map<string, Set<(message: string) => void>>()
  subscriber.on('message', (channel: string, message: string) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) listener(message)
  })
  const ttl = (ms: number) => Math.max(1, Math.ceil(ms))
  return {
    async get(key) {
      return (await client.get(key)) ?? undefined
    },
    async set(key, value, ttlMs) {
      await client.set(key, value, 'PX', ttl(ttlMs))
    },
    async setIfAbsent(key, value, ttlMs) {
      return (await client.set(key, value, 'PX', ttl(ttlMs), 'NX')) === 'OK'
    },
    async replaceIf(key, expected, next, ttlMs) {
      return (await client.eval(REPLACE_IF, 1, key, expected, next, String(ttl(ttlMs)))) === 1
    },
    async delete(key) {
      await client.del(key)
    },
    async publish(channel, message) {
      await client.publish(channel, message)
    },
    async subscribe(channel, listener) {
      let set = listeners.get(channel)
      if (set === undefined) {
        set = new Set()
        listeners.set(channel, set)
        await subscriber.subscribe(channel)
      }
      const own = (message: string) => listener(message)
      set.add(own)
      return async () => {
        set.delete(own)
        if (set.size === 0 && listeners.get(channel) === set) {
          listeners.delete(channel)
          await subscriber.unsubscribe(channel)
        }
      }
    },
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface RedisServer {
  readonly port: number
  readonly process: ChildProcess
  stop(): Promise<void>
}

/** /usr/bin/redis-server on a random 127.0.0.1 port, without persistence; resolves once it answers PING (bounded). */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  const proc = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  // Refused connections while the server starts are expected: the loop below retries.
  probe.on('error', () => undefined)
  let ready = false
  for (let i = 0; i < 100 && !ready; i++) {
    try {
      if (probe.status !== 'ready') await probe.connect()
      ready = (await probe.ping()) === 'PONG'
    } catch {
      probe.disconnect()
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  probe.disconnect()
  if (!ready) {
    proc.kill('SIGKILL')
    throw new Error('redis-server did not start')
  }
  return {
    port,
    process: proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.pid === undefined) return resolve()
        proc.once('exit', () => resolve())
        process.kill(proc.pid, 'SIGKILL')
      }),
  }
}
