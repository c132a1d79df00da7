import { describe, expect, it, vi } from 'vitest'
import { createLtxProxy, type LtxProxyOptions, type ProxyLogEntry } from '../../src/server/create-ltx-proxy'
import type { LtxError } from '../../src/models/ltx-error'

// Submits are billed: the proxy is closed unless told otherwise, a submit finishes even if the
// browser leaves, and its job id is always logged.

const submitReply = () => Response.json({ request_id: 'req-123', status_url: 'x', response_url: 'y' })

function proxyWith(fetch: typeof globalThis.fetch, extra: Partial<LtxProxyOptions> = {}) {
  const logs: ProxyLogEntry[] = []
  const proxy = createLtxProxy({
    authorize: 'anyone',
    segmind: { apiKey: 'sk-test' },
    fetch,
    log: (entry) => logs.push(entry),
    ...extra,
  })
  return { proxy, logs }
}

const post = (body: string, signal?: AbortSignal) =>
  new Request('https://app.example/api/ltx/segmind/v2/ltx-2-fast', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    ...(signal === undefined ? {} : { signal }),
  })

describe('billed submits', () => {
  it('refuses to build a proxy without an explicit authorize', () => {
    expect(() => createLtxProxy({ segmind: { apiKey: 'sk-test' } } as unknown as LtxProxyOptions)).toThrowError(
      /pass authorize: \(request\) => userId \| false.*authorize: 'anyone'/,
    )
    expect(() => createLtxProxy({ segmind: { apiKey: 'sk-test' }, authorize: 'everyone' } as unknown as LtxProxyOptions)).toThrowError(
      TypeError,
    )
  })

  it('logs the id of the job a submit created', async () => {
    const { proxy, logs } = proxyWith(vi.fn<typeof fetch>().mockResolvedValue(submitReply()))
    const response = await proxy(post(JSON.stringify({ prompt: 'Waves' })))
    expect(response.status).toBe(200)
    expect(logs[0]).toMatchObject({ route: 'segmind.submit', status: 200, jobId: 'req-123' })
  })

  it('lets a submit finish upstream when the browser goes away mid-request', async () => {
    let upstreamSignal: AbortSignal | undefined
    const client = new AbortController()
    const fetch = vi.fn<typeof globalThis.fetch>(async (_url, init) => {
      upstreamSignal = init?.signal ?? undefined
      client.abort() // the tab closes while the provider is answering
      await new Promise((resolve) => setTimeout(resolve, 10))
      return submitReply()
    })
    const { proxy, logs } = proxyWith(fetch)
    await proxy(post(JSON.stringify({ prompt: 'Waves' }), client.signal))
    expect(upstreamSignal?.aborted).toBe(false)
    expect(logs[0]?.jobId).toBe('req-123')
  })

  it('still stops a status read when the browser goes away', async () => {
    const client = new AbortController()
    let upstreamSignal: AbortSignal | undefined
    const fetch = vi.fn<typeof globalThis.fetch>(async (_url, init) => {
      if (init?.method === 'POST') return submitReply()
      upstreamSignal = init?.signal ?? undefined
      client.abort()
      return Response.json({ status: 'QUEUED' })
    })
    const { proxy } = proxyWith(fetch)
    const submitted = await proxy(post(JSON.stringify({ prompt: 'Waves' })))
    const { request_id: handle } = (await submitted.json()) as { request_id: string }
    await proxy(new Request(`https://app.example/api/ltx/segmind/v2/requests/${handle}/status`, { signal: client.signal }))
    expect(upstreamSignal?.aborted).toBe(true)
  })

  it('forwards the JSON it validated, so duplicate keys cannot mean two things', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(submitReply())
    const { proxy } = proxyWith(fetch)
    await proxy(post('{"prompt":"a cat","duration":6,"duration":8}'))
    const sent = fetch.mock.calls[0]?.[1]?.body
    expect(JSON.parse(String(sent))).toEqual({ prompt: 'a cat', duration: 8 })
    expect(String(sent)).toBe('{"prompt":"a cat","duration":8}')
  })
})

describe('a route the proxy refuses is not an expired job', () => {
  it('reports not-found (not expired) when the proxy does not serve the job’s route', async () => {
    const { createApixoTransport } = await import('../../src/transport/create-apixo-transport')
    const { createSegmindTransport } = await import('../../src/transport/create-segmind-transport')
    // Only ltx-2-fast allowed: an APIXO job resumed from storage is refused by the proxy itself.
    const proxy = createLtxProxy({
      authorize: 'anyone',
      models: ['ltx-2-fast'],
      segmind: { apiKey: 'sk-test' },
      apixo: { apiKey: 'ax-test', baseUrl: 'https://apixo.example' },
      fetch: vi.fn<typeof fetch>(),
    })
    const viaProxy: typeof fetch = (input, init) => proxy(new Request(new URL(String(input), 'https://app.example'), init))
    const apixo = createApixoTransport({ baseUrl: '/api/ltx/apixo', fetch: viaProxy })
    const job = { id: 'task-1', model: 'ltx-2-19b', provider: 'apixo', submittedAt: 1 } as const
    await expect(apixo.status(job)).rejects.toMatchObject({ kind: 'not-found', retryable: false })
    // A transport pointed at the wrong base path gets the proxy's 404 too.
    const lost = createSegmindTransport({ baseUrl: '/api/wrong/segmind', fetch: viaProxy })
    await expect(lost.status({ id: 'req-1', model: 'ltx-2-fast', provider: 'segmind', submittedAt: 1 })).rejects.toMatchObject({
      kind: 'not-found',
    })
  })
})

describe('input named by model id is checked by the proxy', () => {
  it('answers with the same field issues a model definition gives in the browser, and spends nothing', async () => {
    const { createApixoTransport } = await import('../../src/transport/create-apixo-transport')
    const { createSegmindTransport } = await import('../../src/transport/create-segmind-transport')
    const { ltx2FastModel } = await import('../../src/models/ltx-2-fast')
    const { apixoLtx219bModel } = await import('../../src/models/apixo-ltx-2-19b')
    const upstream = vi.fn<typeof fetch>()
    const proxy = createLtxProxy({
      authorize: 'anyone',
      segmind: { apiKey: 'sk-test' },
      apixo: { apiKey: 'ax-test', baseUrl: 'https://apixo.example' },
      fetch: upstream,
    })
    const viaProxy: typeof fetch = (input, init) => proxy(new Request(new URL(String(input), 'https://app.example'), init))
    const segmind = createSegmindTransport({ baseUrl: '/api/ltx/segmind', fetch: viaProxy })
    const apixo = createApixoTransport({ baseUrl: '/api/ltx/apixo', fetch: viaProxy })

    const cases = [
      [segmind, ltx2FastModel, { prompt: 'Waves', duration: 7 }],
      [segmind, ltx2FastModel, { prompt: '', fps: 24 }],
      [apixo, apixoLtx219bModel, { mode: 'image-to-video', prompt: 'Animate', image_urls: [] }],
      // Labels in the sentences, a mode rule and an unknown key: worded the same on both sides.
      [apixo, apixoLtx219bModel, { mode: 'text-to-video', prompt: '', duration: 30, loras: [{ path: 'https://h.example/l' }] }],
    ] as const
    for (const [transport, model, input] of cases) {
      const inBrowser = await Promise.resolve(input as unknown).then((value) => model.parse(value)).catch((error: unknown) => error)
      const onServer = await transport.submit(model.id, input).catch((error: unknown) => error)
      expect(onServer).toMatchObject({ kind: 'validation', retryable: false, status: 400 })
      expect((onServer as LtxError).issues.length).toBeGreaterThan(0)
      expect((onServer as LtxError).issues).toEqual((inBrowser as LtxError).issues)
      expect((onServer as LtxError).message).toBe((inBrowser as LtxError).message)
    }
    expect(upstream).not.toHaveBeenCalled()
  })
})
