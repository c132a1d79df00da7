import { forwardUpstream } from '../forward-upstream'
import { upstreamPath } from '../match-proxy-route'
import type { ProxyConfig } from '../resolve-proxy-options'
import { refusesKey } from '../rewrite-upstream-reply'
import type { PollUpstream } from './poll-loop'

/**
 * The poll loop's status read, forwarded as a browser's would be: the server's key header, the
 * provider's connection limiter, the read timeout, no redirects, the size bound. A refused key, an
 * oversized reply or no reply is no state of the job (undefined): the loop tries again later.
 */
export function createPollUpstream(config: ProxyConfig): PollUpstream {
  return async (job) => {
    const upstream = config.upstreams[job.provider]
    if (upstream === undefined || 'missing' in upstream) return undefined
    const model = job.model as Parameters<typeof upstreamPath>[0]['model']
    const result = await forwardUpstream({
      url: `${upstream.baseUrl}${upstreamPath({ provider: job.provider, operation: 'status', model }, job.upstreamId)}`,
      method: 'GET',
      headers: new Headers({ accept: 'application/json', [upstream.authHeader[0]]: upstream.authHeader[1] }),
      body: undefined,
      deadlineMs: config.timeoutMs,
      clientSignal: undefined,
      lateMs: undefined,
      limiter: upstream.limiter,
      fetch: config.fetch,
    })
    if (!result.ok || result.reply.truncated) return undefined
    const body = new TextDecoder().decode(result.reply.bytes)
    if (refusesKey(job.provider, result.reply.status, body)) return undefined
    return { status: result.reply.status, body }
  }
}
