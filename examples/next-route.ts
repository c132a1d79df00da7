// app/api/ltx/[...path]/route.ts in a Next.js App Router app.
import { createLtxProxy } from 'ltx-react/server'

const proxy = createLtxProxy({
  basePath: '/api/ltx',
  segmind: { apiKey: process.env.SEGMIND_API_KEY ?? '' },
  // Return a user id to allow, false for 401: never leave a paid proxy open to anyone.
  authorize: (request) => request.headers.get('x-demo-user') ?? false,
})

export { proxy as GET, proxy as POST }
