import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobRef } from '../../src/core/job'
import { PROXY_ID_PATTERN } from '../../src/server/match-proxy-route'
import { exampleInputs } from '../../src/testing/example-inputs'
import { createApixoTransport } from '../../src/transport/create-apixo-transport'
import { createSegmindTransport } from '../../src/transport/create-segmind-transport'
import { startProxyStack, type ProxyStack } from './proxy-stack'

// A job belongs to the user who submitted it, and that holds across instances that share
// nothing (serverless, a load balancer): A and B below are two separate createLtxProxy
// instances on their own 127.0.0.1 servers, in front of one simulator. Attacks tried: another
// signed-in user reading a job, guessed handles, a raw provider id, a handle with one character
// changed, a handle moved to the other provider, an anonymous handle used by a user.

let stack: ProxyStack
let a: string
let b: string
const json = { 'content-type': 'application/json' }
// Stands in for the app's session: authorize reads who is signed in from the request.
const session = (user: string) => ({ 'x-user': user })
const authorize = (request: Request) => request.headers.get('x-user') ?? false

beforeAll(async () => {
  stack = await startProxyStack({ proxy: { authorize } })
  a = stack.proxyUrl
  b = await stack.extraProxy({ authorize })
})
afterAll(() => stack.close())

async function submitSegmind(proxy: string, user: string) {
  const response = await fetch(`${proxy}/segmind/v2/ltx-2-fast`, { method: 'POST', headers: { ...json, ...session(user) }, body: JSON.stringify(exampleInputs['ltx-2-fast']) })
  expect(response.status).toBe(200)
  const body = (await response.json()) as { request_id: string }
  return { handle: body.request_id, upstreamId: stack.sim.jobs().at(-1)?.id ?? '' }
}

async function submitApixo(proxy: string, user: string) {
  const response = await fetch(`${proxy}/apixo/api/v1/generateTask/ltx-2-19b`, {
    method: 'POST',
    headers: { ...json, ...session(user) },
    body: JSON.stringify({ input: exampleInputs['ltx-2-19b'] }),
  })
  const body = (await response.json()) as { data: { taskId: string } }
  return { handle: body.data.taskId, upstreamId: stack.sim.jobs().at(-1)?.id ?? '' }
}

/** A read that must be answered as an unknown job, in the provider's dialect, without asking the provider. */
async function expectUnknownJob(url: string, user: string, dialect: 'segmind' | 'apixo') {
  const before = stack.sim.count()
  const response = await fetch(url, { headers: session(user) })
  expect(stack.sim.count() - before, 'upstream calls').toBe(0)
  expect(response.status).toBe(404)
  // As the provider says it: a transport reads it as an expired job, a prober learns nothing.
  expect(response.headers.get('x-ltx-proxy')).toBeNull()
  expect(await response.json()).toEqual(dialect === 'segmind' ? { error: 'Request not found or expired.' } : { code: 404, message: 'Task not found', data: null })
}

describe('a job belongs to the user who submitted it, across instances that share nothing', () => {
  it('Segmind: submitted through A, read through B by its owner; by anyone else it is unknown', async () => {
    const { handle, upstreamId } = await submitSegmind(a, 'ada')
    expect(handle).not.toBe(upstreamId)

    const before = stack.sim.count()
    const status = await fetch(`${b}/segmind/v2/requests/${handle}/status`, { headers: session('ada') })
    expect(status.status).toBe(200)
    expect(await status.json()).toMatchObject({ request_id: handle, status: 'QUEUED' })
    const result = await fetch(`${b}/segmind/v2/requests/${handle}`, { headers: session('ada') })
    expect(result.status).toBe(200)
    expect(stack.sim.count() - before).toBe(2)
    expect(stack.sim.requests.at(-1)?.url).toContain(`/v2/requests/${upstreamId}`)

    await expectUnknownJob(`${b}/segmind/v2/requests/${handle}/status`, 'grace', 'segmind')
    await expectUnknownJob(`${b}/segmind/v2/requests/${handle}`, 'grace', 'segmind')
    await expectUnknownJob(`${a}/segmind/v2/requests/${handle}/status`, 'grace', 'segmind')
    expect(stack.logs.at(-1)).toMatchObject({ userId: 'grace', status: 404, reason: 'unknown-job', upstreamStatus: undefined })
  })

  it('APIXO: the same for statusTask', async () => {
    const { handle } = await submitApixo(a, 'ada')
    const owner = await fetch(`${b}/apixo/api/v1/statusTask/ltx-2-19b?taskId=${handle}`, { headers: session('ada') })
    expect(owner.status).toBe(200)
    expect(await owner.json()).toMatchObject({ code: 200, data: { taskId: handle, state: 'pending' } })
    await expectUnknownJob(`${b}/apixo/api/v1/statusTask/ltx-2-19b?taskId=${handle}`, 'grace', 'apixo')
  })

  it('a raw provider id, a guessed handle, one changed character or the other provider: all unknown', async () => {
    const { handle, upstreamId } = await submitSegmind(a, 'ada')
    const mac = handle.slice(handle.lastIndexOf('.') + 1)
    const flipped = `${handle.slice(0, -1)}${handle.endsWith('A') ? 'B' : 'A'}`
    for (const id of [upstreamId, `${upstreamId}.${'A'.repeat(43)}`, flipped, `${upstreamId}.${mac}x`, `x${handle}`]) {
      await expectUnknownJob(`${b}/segmind/v2/requests/${id}/status`, 'ada', 'segmind')
    }
    // The same id and user under the other provider's route: the provider is part of what is signed.
    await expectUnknownJob(`${b}/apixo/api/v1/statusTask/ltx-2-19b?taskId=${handle}`, 'ada', 'apixo')
  })

  it('a handle fits PROXY_ID_PATTERN: safe in a path and a query without encoding', async () => {
    const segmind = await submitSegmind(a, 'ada')
    const apixo = await submitApixo(a, 'ada')
    for (const { handle } of [segmind, apixo]) {
      expect(handle).toMatch(PROXY_ID_PATTERN)
      expect(handle.length).toBeLessThanOrEqual(200)
      expect(encodeURIComponent(handle)).toBe(handle)
    }
  })

  it('an empty user id names nobody: 401, not the anonymous jobs', async () => {
    const blank = await stack.extraProxy({ authorize: () => '' })
    const before = stack.sim.count()
    const response = await fetch(`${blank}/segmind/v2/ltx-2-fast`, { method: 'POST', headers: json, body: JSON.stringify(exampleInputs['ltx-2-fast']) })
    expect(response.status).toBe(401)
    expect(stack.sim.count() - before).toBe(0)
  })
})

describe("without a user id (authorize: 'anyone' or true)", () => {
  it('handles are still signed: whoever holds one reads the job, a raw id still reads nothing', async () => {
    const open = await stack.extraProxy({ authorize: 'anyone' })
    const alsoOpen = await stack.extraProxy({ authorize: () => true })
    const { handle, upstreamId } = await submitSegmind(open, 'nobody')
    expect((await fetch(`${alsoOpen}/segmind/v2/requests/${handle}/status`)).status).toBe(200)
    await expectUnknownJob(`${alsoOpen}/segmind/v2/requests/${upstreamId}/status`, 'nobody', 'segmind')
    // An anonymous job is nobody's: a signed-in user's proxy does not open it for them.
    await expectUnknownJob(`${b}/segmind/v2/requests/${handle}/status`, 'ada', 'segmind')
  })
})

describe('the key that signs handles', () => {
  it('comes from the provider key by default: a proxy with another key opens none of them', async () => {
    const { handle } = await submitSegmind(a, 'ada')
    const other = await stack.extraProxy({ authorize, segmind: { apiKey: 'sk-ANOTHER-KEY-OF-THE-SAME-ACCOUNT', baseUrl: stack.upstream.url } })
    await expectUnknownJob(`${other}/segmind/v2/requests/${handle}/status`, 'ada', 'segmind')
  })

  it('an explicit secret survives a key rotation, and a list of secrets rotates the secret itself', async () => {
    const oldSecret = 'old-secret-0123456789-0123456789-abc'
    const newSecret = 'new-secret-9876543210-9876543210-xyz'
    const before = await stack.extraProxy({ authorize, secret: oldSecret })
    const { handle } = await submitSegmind(before, 'ada')
    const rotatedKey = await stack.extraProxy({ authorize, secret: oldSecret, segmind: { apiKey: 'sk-ROTATED-KEY', baseUrl: stack.upstream.url } })
    const rotatedSecret = await stack.extraProxy({ authorize, secret: [newSecret, oldSecret] })
    const onlyNew = await stack.extraProxy({ authorize, secret: newSecret })
    // The simulator checks the key, so the rotated key's read reaches it and is refused there: what matters is that it was sent.
    const beforeRead = stack.sim.count()
    await fetch(`${rotatedKey}/segmind/v2/requests/${handle}/status`, { headers: session('ada') })
    expect(stack.sim.count() - beforeRead).toBe(1)
    expect((await fetch(`${rotatedSecret}/segmind/v2/requests/${handle}/status`, { headers: session('ada') })).status).toBe(200)
    await expectUnknownJob(`${onlyNew}/segmind/v2/requests/${handle}/status`, 'ada', 'segmind')
  })
})

describe('the owner, through the transports, notices nothing', () => {
  const withUser = (user: string) => ({ headers: session(user) })

  it('submits through A, watches through B to the video, and resumes from a stored JobRef', async () => {
    const submitter = createSegmindTransport({ baseUrl: `${a}/segmind`, ...withUser('ada') })
    const watcher = createSegmindTransport({ baseUrl: `${b}/segmind`, ...withUser('ada') })
    const job = await submitter.submit('ltx-2-fast', exampleInputs['ltx-2-fast'])
    const planned = stack.sim.jobs().at(-1)
    expect((await watcher.status(job)).phase).toBe('queued')

    // A reload: the JobRef comes back from storage as JSON, into a fresh transport.
    const stored = JSON.parse(JSON.stringify(job)) as JobRef
    stack.advance((planned?.endsAt ?? 0) - stack.sim.now())
    const resumed = createSegmindTransport({ baseUrl: `${b}/segmind`, ...withUser('ada') })
    const last = await resumed.status(stored)
    expect(last.phase).toBe('succeeded')
    expect(last.output?.videoUrl).toMatch(/\/sim\/videos\/.+\.mp4$/)

    // Someone else holding the same JobRef sees an expired job, and the provider was not asked.
    const before = stack.sim.count()
    const intruder = createSegmindTransport({ baseUrl: `${b}/segmind`, ...withUser('grace') })
    expect((await intruder.status(stored)).phase).toBe('expired')
    expect(stack.sim.count() - before).toBe(0)
  })

  it('APIXO: the same through its transport', async () => {
    const job = await createApixoTransport({ baseUrl: `${a}/apixo`, ...withUser('ada') }).submit('ltx-2-19b', exampleInputs['ltx-2-19b'])
    const planned = stack.sim.jobs().at(-1)
    stack.advance((planned?.endsAt ?? 0) - stack.sim.now())
    const last = await createApixoTransport({ baseUrl: `${b}/apixo`, ...withUser('ada') }).status(job)
    expect(last.phase).toBe('succeeded')
    expect((await createApixoTransport({ baseUrl: `${b}/apixo`, ...withUser('grace') }).status(job)).phase).toBe('expired')
  })
})
