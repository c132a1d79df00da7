import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProxyLogEntry } from '../../src/server/create-ltx-proxy'
import { exampleInputs } from '../../src/testing/example-inputs'
import { SECRET_KEYS, serveProxy, startHostileUpstream, startProxyStack, type HostileUpstream, type ProxyStack } from './proxy-stack'

// The operator's account data never leaves the server: remaining credits never, the cost only
// when the proxy is asked to expose it; the log keeps both. Tried through the simulator's own
// result and FAILED (422) bodies, and a hand-written upstream that puts the credits in submit
// and status bodies too, in other spellings and in a cut-off body that does not parse.

let stack: ProxyStack
const json = { 'content-type': 'application/json' }

beforeAll(async () => {
  stack = await startProxyStack()
})
afterAll(() => stack.close())

async function finishedJob(proxy: string, prompt: string) {
  const submitted = await fetch(`${proxy}/segmind/v2/ltx-2-fast`, { method: 'POST', headers: json, body: JSON.stringify({ ...exampleInputs['ltx-2-fast'], prompt }) })
  const { request_id } = (await submitted.json()) as { request_id: string }
  stack.advance(10 * 60 * 1000)
  return request_id
}

const lastEntry = (route: string) => stack.logs.filter((entry) => entry.route === route).at(-1)

describe('the simulator’s result and FAILED bodies', () => {
  it('a result reaches the browser without remaining credits or cost; the log has both', async () => {
    const handle = await finishedJob(stack.proxyUrl, 'Waves')
    const before = stack.sim.count()
    const response = await fetch(`${stack.proxyUrl}/segmind/v2/requests/${handle}`)
    expect(stack.sim.count() - before).toBe(1)
    const text = await response.text()
    expect(response.status).toBe(200)
    expect(JSON.parse(text)).toMatchObject({ status: 'COMPLETED', metrics: { total_time: expect.any(Number) as number } })
    expect(text).not.toMatch(/remaining|"cost"/i)
    expect(lastEntry('segmind.result')).toMatchObject({ cost: 0.2, remainingCredits: expect.any(Number) as number })
  })

  it('a FAILED 422 the same', async () => {
    const handle = await finishedJob(stack.proxyUrl, 'Waves [sim:generation-failed]')
    const response = await fetch(`${stack.proxyUrl}/segmind/v2/requests/${handle}`)
    const text = await response.text()
    expect(response.status).toBe(422)
    expect(JSON.parse(text)).toMatchObject({ status: 'FAILED', error: expect.any(String) as string })
    expect(text).not.toMatch(/remaining|"cost"/i)
    expect(lastEntry('segmind.result')).toMatchObject({ status: 422, cost: 0.2 })
  })

  it('with exposeCost the cost reaches the browser, the remaining credits still do not', async () => {
    const exposing = await stack.extraProxy({ exposeCost: true })
    const handle = await finishedJob(exposing, 'Waves')
    const body = (await (await fetch(`${exposing}/segmind/v2/requests/${handle}`)).json()) as { metrics: Record<string, unknown> }
    expect(body.metrics.cost).toBe(0.2)
    expect(body.metrics).not.toHaveProperty('remaining_credits')
  })
})

describe('an upstream that puts account data anywhere', () => {
  let hostile: HostileUpstream
  let proxy: { url: string; close: () => Promise<void> }
  const logs: ProxyLogEntry[] = []
  let handle = ''

  beforeAll(async () => {
    hostile = await startHostileUpstream()
    proxy = await serveProxy({ authorize: 'anyone', segmind: { apiKey: SECRET_KEYS.segmind, baseUrl: hostile.url }, log: (entry) => logs.push(entry) })
  })
  afterAll(async () => {
    await proxy.close()
    await hostile.close()
  })

  it('a submit reply', async () => {
    hostile.reply({ body: '{"request_id":"req-7","status_url":"u","response_url":"v","metrics":{"cost":0.5,"remaining_credits":12.25}}' })
    const response = await fetch(`${proxy.url}/segmind/v2/ltx-2-fast`, { method: 'POST', headers: json, body: '{"prompt":"a"}' })
    const text = await response.text()
    handle = (JSON.parse(text) as { request_id: string }).request_id
    expect(text).not.toMatch(/remaining|"cost"|12\.25/)
    expect(logs.at(-1)).toMatchObject({ jobId: 'req-7', cost: 0.5, remainingCredits: 12.25 })
  })

  it.each([
    ['a status body, numbers as strings', '{"status":"QUEUED","metrics":{"remaining_credits":"12.5","queue_time":1}}', 'application/json'],
    ['other spellings, nested', '{"status":"PROCESSING","account":{"remainingCredits":3,"balance":9,"credits":4}}', 'application/json'],
    ['a cut-off body that does not parse', '{"status":"PROCESSING","metrics":{"queue_time":1,"remaining_credits":12.5,"cost":0.3', 'text/plain'],
  ])('%s', async (_name, body, type) => {
    hostile.reply({ body })
    const before = hostile.requests.length
    const response = await fetch(`${proxy.url}/segmind/v2/requests/${handle}/status`)
    const text = await response.text()
    expect(hostile.requests.length - before).toBe(1)
    expect(response.headers.get('content-type')).toContain(type)
    expect(text).toContain('status')
    expect(text).not.toMatch(/remaining|balance|credits|"cost"|12\.5|\b9\b/i)
  })
})
