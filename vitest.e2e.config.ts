import { defineConfig } from 'vitest/config'

// The end-to-end test of the example app (examples/demo): the demo server in-process (proxy and
// simulator on 127.0.0.1) driven by Debian's Chromium through playwright-core. Run by
// `npm run test:browser` after `npm run build` and the demo's client build.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.test.ts', 'test/examples/**/*.e2e.test.ts'],
    environment: 'node',
    // One browser and one server for the whole file; the steps build on each other.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { LTX_E2E: '1' },
  },
})
