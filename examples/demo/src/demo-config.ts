/** Where each provider's requests go, as the demo server reports it (never a key). */
export type UpstreamKind = 'simulator' | 'live' | 'off'

/** What the demo server tells the page at `/api/demo/config`. */
export interface DemoConfig {
  readonly upstreams: { readonly segmind: UpstreamKind; readonly apixo: UpstreamKind }
}

const fallback: DemoConfig = { upstreams: { segmind: 'live', apixo: 'live' } }

function isKind(value: unknown): value is UpstreamKind {
  return value === 'simulator' || value === 'live' || value === 'off'
}

/** Ask the demo server which upstreams it uses; assume real providers when it cannot say. */
export async function loadDemoConfig(): Promise<DemoConfig> {
  try {
    const response = await fetch('/api/demo/config', { headers: { accept: 'application/json' } })
    if (!response.ok) return fallback
    const body = (await response.json()) as { upstreams?: { segmind?: unknown; apixo?: unknown } }
    const segmind = body.upstreams?.segmind
    const apixo = body.upstreams?.apixo
    return { upstreams: { segmind: isKind(segmind) ? segmind : 'live', apixo: isKind(apixo) ? apixo : 'live' } }
  } catch {
    return fallback
  }
}
