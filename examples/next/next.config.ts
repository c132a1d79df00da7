import type { NextConfig } from 'next'

const config: NextConfig = {
  // This app sits inside the ltx-react repository: without a root of its own, Next.js would
  // take the repository's lockfile for the workspace root.
  turbopack: { root: import.meta.dirname },
}

export default config
