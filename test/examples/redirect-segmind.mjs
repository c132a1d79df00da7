// Loaded into `next start` with `node --import` by next-app.e2e.test.ts: the example's proxy
// calls https://api.segmind.com as in production, and this sends those calls to the simulator's
// HTTP server on 127.0.0.1 instead (the route file stays exactly as the README shows it).
const target = process.env.LTX_E2E_SEGMIND_URL
const SEGMIND = 'https://api.segmind.com'

if (target !== undefined && target !== '') {
  const realFetch = globalThis.fetch
  globalThis.fetch = function fetchThroughSimulator(input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (!url.startsWith(`${SEGMIND}/`)) return realFetch(input, init)
    const rewritten = target + url.slice(SEGMIND.length)
    return realFetch(input instanceof Request ? new Request(rewritten, input) : rewritten, init)
  }
}
