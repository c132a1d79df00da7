import { describe, expect, it } from 'vitest'
import { createIdempotencyKey, createSegmindTransport } from '../../src/index'
import { createMemoryStore } from '../../src/server/ledger/create-memory-store'
import { startProxyStack } from '../server/proxy-stack'

// The whole chain: the Segmind transport → the real proxy with a ledger (memory store) → the
// simulator, on 127.0.0.1. The simulator makes the job and answers late, after the transport's
// timeout: the transport asks the proxy about its ledger (the submit was its first request),
// sends the submit again with the same key, and gets the one job back.

const slowSubmit = { slowMs: 1000, script: { faults: [{ fault: 'slow', route: 'segmind.submit', afterCreate: true }] } } as const

describe('a timed-out submit through the ltx-react proxy', () => {
  it('with a store: retried with the same key, one upstream job, and its handle returned', async () => {
    const stack = await startProxyStack({ proxy: { store: createMemoryStore() }, simulator: slowSubmit })
    try {
      const transport = createSegmindTransport({ baseUrl: `${stack.proxyUrl}/segmind`, timeoutMs: 400 })
      const job = await transport.submit('ltx-video', { prompt: 'Waves' }, { idempotencyKey: createIdempotencyKey() })
      expect(stack.sim.count('segmind.submit')).toBe(1)
      expect(stack.sim.jobs()).toHaveLength(1)
      // The handle the proxy gave works for the owner: the job can be watched.
      const seen = await transport.status(job)
      expect(['queued', 'running', 'succeeded']).toContain(seen.phase)
    } finally {
      await stack.close()
    }
  })

  it('without a store: sent once, and the error says the job may exist', async () => {
    const stack = await startProxyStack({ simulator: slowSubmit })
    try {
      const transport = createSegmindTransport({ baseUrl: `${stack.proxyUrl}/segmind`, timeoutMs: 400 })
      const error = await transport.submit('ltx-video', { prompt: 'Waves' }, { idempotencyKey: createIdempotencyKey() }).catch((e: unknown) => e)
      expect(error).toMatchObject({ kind: 'timeout', jobMayExist: true })
      expect(stack.sim.count('segmind.submit')).toBe(1)
    } finally {
      await stack.close()
    }
  })
})
