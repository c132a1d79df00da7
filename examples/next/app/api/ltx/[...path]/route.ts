// app/api/ltx/[...path]/route.ts: the proxy that holds the key, as a Next.js route handler.
import { createLtxProxy } from 'ltx-react/server'
import { readSession } from '../../../session'

const proxy = createLtxProxy({
  basePath: '/api/ltx',
  // No key at build time is fine: `next build` passes, and a request answers 500 (missing-key).
  segmind: { apiKey: process.env.SEGMIND_API_KEY },
  // Signs the job handles the browser gets; the same on every instance (32+ characters).
  secret: process.env.LTX_PROXY_SECRET,
  // The signed-in user from your session cookie (same origin, so the browser sends it), or false: 401.
  authorize: async (request) => (await readSession(request))?.userId ?? false,
})

export { proxy as GET, proxy as POST }
