import { ttlOf } from './create-memory-store'
import type { LedgerStore } from './ledger-store'

/** The part of an ioredis client the store uses (`new Redis(url)`). */
export interface IoRedisLikeClient {
  call(command: string, ...args: (string | number)[]): Promise<unknown>
}

/** The part of a node-redis client the store uses (`createClient({ url })`, connected). */
export interface NodeRedisLikeClient {
  sendCommand(args: string[]): Promise<unknown>
}

/** An ioredis connection in subscriber mode (`client.duplicate()`): it receives `message` events. */
export interface IoRedisLikeSubscriber extends IoRedisLikeClient {
  subscribe(...channels: string[]): Promise<unknown>
  unsubscribe(...channels: string[]): Promise<unknown>
  on(event: 'message', listener: (channel: string, message: string) => void): unknown
}

/** A node-redis connection for pub/sub (`client.duplicate()`, connected). */
export interface NodeRedisLikeSubscriber extends NodeRedisLikeClient {
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>
  unsubscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>
}

/** Options of {@link createRedisStore}: the app's own clients, ioredis or node-redis. */
export interface RedisStoreOptions {
  /** Runs the commands (GET, SET … PX NX, EVAL, DEL, PUBLISH). */
  readonly client: IoRedisLikeClient | NodeRedisLikeClient
  /**
   * A second connection to the same Redis, used only to subscribe (a connection that subscribes
   * can run nothing else): `client.duplicate()`, connected for node-redis.
   */
  readonly subscriber: IoRedisLikeSubscriber | NodeRedisLikeSubscriber
}

// Compare-and-set in one step on the server: write only when the key holds what the caller read.
const REPLACE_IF = "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0"

type Send = (args: string[]) => Promise<unknown>

function sender(client: object, name: string): Send {
  const { call, sendCommand } = client as { call?: unknown; sendCommand?: unknown }
  // ioredis has `call(command, ...args)`; node-redis has `sendCommand([command, ...args])` and no `call`.
  if (typeof call === 'function') return ([command, ...args]) => (call as IoRedisLikeClient['call']).call(client, command ?? '', ...args)
  if (typeof sendCommand === 'function') return (args) => (sendCommand as NodeRedisLikeClient['sendCommand']).call(client, args)
  throw new TypeError(`createRedisStore: ${name} must be an ioredis client (with call) or a node-redis client (with sendCommand).`)
}

const text = (reply: unknown): string | undefined => {
  if (typeof reply === 'string') return reply
  if (reply instanceof Uint8Array) return new TextDecoder().decode(reply)
  return undefined
}

type Listener = (message: string) => void

/** Subscribes through one `message` handler (ioredis) or one listener per channel (node-redis), and stops each channel when its last listener goes. */
function subscriptions(subscriber: IoRedisLikeSubscriber | NodeRedisLikeSubscriber) {
  const listeners = new Map<string, Set<Listener>>()
  const dispatch = (channel: string, message: string) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) {
      try {
        listener(message)
      } catch {
        // One subscriber's failure is its own.
      }
    }
  }
  const io = typeof (subscriber as { call?: unknown }).call === 'function'
  const node = (message: string, channel: string) => dispatch(channel, message)
  if (io) (subscriber as IoRedisLikeSubscriber).on('message', dispatch)
  else if (typeof (subscriber as { subscribe?: unknown }).subscribe !== 'function') {
    throw new TypeError('createRedisStore: subscriber must be an ioredis or node-redis client (client.duplicate()).')
  }
  // Subscribing and unsubscribing one channel happen in order, so a stop never overtakes its start.
  const queue = new Map<string, Promise<unknown>>()
  const inOrder = (channel: string, step: () => Promise<unknown>) => {
    const next = (queue.get(channel) ?? Promise.resolve()).then(step, step)
    queue.set(channel, next.catch(() => undefined))
    return next
  }
  const redisSubscribe = (channel: string) =>
    io ? (subscriber as IoRedisLikeSubscriber).subscribe(channel) : (subscriber as NodeRedisLikeSubscriber).subscribe(channel, node)
  const redisUnsubscribe = (channel: string) =>
    io ? (subscriber as IoRedisLikeSubscriber).unsubscribe(channel) : (subscriber as NodeRedisLikeSubscriber).unsubscribe(channel, node)

  return async (channel: string, listener: Listener): Promise<() => Promise<void>> => {
    const own: Listener = (message) => listener(message)
    let set = listeners.get(channel)
    const first = set === undefined
    if (set === undefined) listeners.set(channel, (set = new Set()))
    set.add(own)
    if (first) {
      try {
        await inOrder(channel, () => redisSubscribe(channel))
      } catch (cause) {
        set.delete(own)
        if (set.size === 0) listeners.delete(channel)
        throw cause
      }
    } else {
      // Wait for the channel's own SUBSCRIBE, so a message published after this returns arrives.
      await queue.get(channel)
    }
    let stopped = false
    return async () => {
      if (stopped) return
      stopped = true
      set.delete(own)
      if (set.size > 0 || listeners.get(channel) !== set) return
      listeners.delete(channel)
      await inOrder(channel, () => (listeners.has(channel) ? Promise.resolve() : redisUnsubscribe(channel)))
    }
  }
}

/**
 * A {@link LedgerStore} in Redis, shared by every instance of the app, over the app's own clients:
 * an ioredis `Redis` or a node-redis client, which ltx-react never imports (it reads which one it
 * was given from its methods). `client` runs the commands; `subscriber`, a second connection
 * (`client.duplicate()`), only subscribes. Set-if-absent is `SET … PX … NX`; compare-and-set is
 * one Lua `EVAL`, so two instances can never both win.
 *
 * ```ts
 * const client = new Redis(process.env.REDIS_URL)
 * const store = createRedisStore({ client, subscriber: client.duplicate() })
 * ```
 */
export function createRedisStore({ client, subscriber }: RedisStoreOptions): LedgerStore {
  const send = sender(client, 'client')
  const subscribe = subscriptions(subscriber)
  return {
    async get(key) {
      return text(await send(['GET', key]))
    },
    async set(key, value, ttlMs) {
      await send(['SET', key, value, 'PX', String(ttlOf(ttlMs))])
    },
    async setIfAbsent(key, value, ttlMs) {
      return text(await send(['SET', key, value, 'PX', String(ttlOf(ttlMs)), 'NX'])) === 'OK'
    },
    async replaceIf(key, expected, next, ttlMs) {
      return Number(await send(['EVAL', REPLACE_IF, '1', key, expected, next, String(ttlOf(ttlMs))])) === 1
    },
    async delete(key) {
      await send(['DEL', key])
    },
    async publish(channel, message) {
      await send(['PUBLISH', channel, message])
    },
    subscribe,
  }
}
