import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createSimulator } from '../../src/testing/create-simulator'
import { exampleInputs } from '../../src/testing/example-inputs'
import { SIMULATOR_KEYS } from '../../src/testing/simulator-defaults'
import { startCallbackReceiver, type CallbackReceiver } from './callback-receiver'
import type { SimCallbackFaultRule, SimFaultRule, SimulatorOptions } from '../../src/testing/simulator-types'

// Scripted callback faults: a job's callback (to a real receiver on 127.0.0.1) can be dropped,
// delayed on the simulator's clock, or repeated. No timing is asserted: the clock is the test's,
// and deliveries are compared by count and arrival order.

const ORIGIN = 'https://api.apixo.test'
const T0 = Date.UTC(2026, 0, 15, 12, 0, 0)
const headers = { authorization: `Bearer ${SIMULATOR_KEYS.apixo}`, 'content-type': 'application/json' }

let receiver: CallbackReceiver

beforeAll(async () => {
  receiver = await startCallbackReceiver()
})

afterAll(() => receiver.close())

beforeEach(() => receiver.reset())

function setup(options: SimulatorOptions = {}) {
  let t = T0
  const sim = createSimulator({ now: () => t, callbacks: { retryDelayMs: 10, timeoutMs: 2_000 }, ...options })
  /** Move the test's clock to `ms` after T0 and let due callbacks go. */
  const at = async (ms: number) => {
    t = T0 + ms
    sim.advance(0)
    await sim.flushCallbacks()
  }
  const submit = async () => {
    const response = await sim.fetch(
      new Request(`${ORIGIN}/api/v1/generateTask/ltx-2-19b`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ request_type: 'callback', callback_url: receiver.url, input: exampleInputs['ltx-2-19b'] }),
      }),
    )
    expect(response.status).toBe(200)
    return ((await response.json()) as { data: { taskId: string } }).data.taskId
  }
  const state = async (taskId: string) => {
    const response = await sim.fetch(new Request(`${ORIGIN}/api/v1/statusTask/ltx-2-19b?taskId=${taskId}`, { headers }))
    return ((await response.json()) as { data: { state: string } }).data.state
  }
  return { sim, at, submit, state }
}

describe('callback faults', () => {
  it('drop: the callback is never sent, the other job’s is, and polling still finds the dropped job done', async () => {
    const { sim, at, submit, state } = setup()
    const dropped = await submit()
    const kept = await submit()
    sim.inject({ callback: { kind: 'drop' }, jobId: dropped })
    sim.finish(dropped)
    sim.finish(kept)
    await at(60_000)
    expect(receiver.taskIds).toEqual([kept])
    expect(sim.callbacks.map((c) => c.taskId)).toEqual([kept])
    expect(await state(dropped)).toBe('success')
  })

  it('delay: the callback goes out `ms` after the job ends on the simulator’s clock, so a later job’s overtakes it', async () => {
    const { sim, at, submit } = setup()
    const slow = await submit()
    const fast = await submit()
    sim.inject({ callback: { kind: 'delay', ms: 5_000 }, jobId: slow })
    sim.finish(slow)
    await at(1_000)
    expect(receiver.taskIds).toEqual([])
    sim.finish(fast)
    await sim.flushCallbacks()
    expect(receiver.taskIds).toEqual([fast])
    // The delay counts from the job's end (T0): 4,999 ms later it is still held.
    await at(4_999)
    expect(receiver.taskIds).toEqual([fast])
    await at(5_000)
    expect(receiver.taskIds).toEqual([fast, slow])
    await at(20_000)
    expect(receiver.taskIds).toEqual([fast, slow])
  })

  it('repeat: the receiver gets the same callback `times` times in all, each delivery with its own retries', async () => {
    receiver.answers = [500, 200, 200, 200]
    const { sim, at, submit } = setup()
    const taskId = await submit()
    sim.inject({ callback: { kind: 'repeat', times: 3 }, jobId: taskId })
    sim.finish(taskId)
    await at(0)
    expect(receiver.taskIds).toEqual([taskId, taskId, taskId, taskId])
    expect(sim.callbacks.map((c) => [c.delivery, c.attempt, c.status])).toEqual([
      [1, 1, 500],
      [1, 2, 200],
      [2, 1, 200],
      [3, 1, 200],
    ])
    expect(receiver.bodies[1]).toEqual(receiver.bodies[3])
    await at(60_000)
    expect(receiver.taskIds).toHaveLength(4)
  })

  it('scripted up front: a job plan’s callbackFault, and a rule without a job that hits the next `times` callbacks', async () => {
    const callbackFaults: SimCallbackFaultRule[] = [{ callback: { kind: 'repeat', times: 2 }, times: 2 }]
    const { sim, at, submit } = setup({
      script: { job: ({ index }) => (index === 0 ? { callbackFault: { kind: 'drop' } } : undefined), callbackFaults },
    })
    const first = await submit()
    const second = await submit()
    const third = await submit()
    const fourth = await submit()
    // The first job's own plan is overridden by the rule, which is taken first (and hits first and second).
    for (const id of [first, second, third, fourth]) sim.finish(id)
    await at(0)
    expect(receiver.taskIds.filter((id) => id === first)).toHaveLength(2)
    expect(receiver.taskIds.filter((id) => id === second)).toHaveLength(2)
    expect(receiver.taskIds.filter((id) => id === third)).toHaveLength(1)
    expect(receiver.taskIds.filter((id) => id === fourth)).toHaveLength(1)
  })

  it('a plan’s drop holds when no rule matches', async () => {
    const { sim, at, submit } = setup({ script: { job: ({ index }) => (index === 0 ? { callbackFault: { kind: 'drop' } } : undefined) } })
    const first = await submit()
    const second = await submit()
    sim.finish(first)
    sim.finish(second)
    await at(0)
    expect(receiver.taskIds).toEqual([second])
  })

  it('a rule injected while the job runs applies when it ends', async () => {
    const { sim, at, submit } = setup()
    const taskId = await submit()
    // The job ends at about 4 s (720p, default speed); the rule goes in while it runs.
    await at(1_000)
    sim.inject({ callback: { kind: 'delay', ms: 10_000 }, jobId: taskId })
    await at(8_000)
    expect(receiver.taskIds).toEqual([])
    await at(60_000)
    expect(receiver.taskIds).toEqual([taskId])
  })

  it('refuses numbers that would make a fault a silent no-op', () => {
    const { sim } = setup()
    expect(() => sim.inject({ callback: { kind: 'repeat', times: 0 } })).toThrow(RangeError)
    expect(() => sim.inject({ callback: { kind: 'repeat', times: 1.5 } })).toThrow(RangeError)
    expect(() => sim.inject({ callback: { kind: 'delay', ms: -1 } })).toThrow(RangeError)
    expect(() => sim.inject({ callback: { kind: 'delay', ms: Number.NaN } })).toThrow(RangeError)
    expect(() => sim.inject({ callback: { kind: 'drop' }, times: 0 })).toThrow(RangeError)
  })

  it('the types keep reply faults and callback faults apart', () => {
    // @ts-expect-error a rule is either a reply fault or a callback fault
    const mixed: SimFaultRule = { fault: 'server-error', callback: { kind: 'drop' } }
    // @ts-expect-error a delay needs its ms
    const noMs: SimCallbackFaultRule = { callback: { kind: 'delay' } }
    // @ts-expect-error callback faults have no route: they hit the job's callback
    const routed: SimCallbackFaultRule = { callback: { kind: 'drop' }, route: 'apixo.status' }
    expect([mixed, noMs, routed]).toHaveLength(3)
  })
})
