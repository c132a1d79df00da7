import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// Benchmarks that need React and fake timers run under vitest (jsdom), one file at a time so
// figures do not compete for the two cores. Not part of the test suite: they print figures and
// write them to .tmp/bench/*.json; they assert nothing about time.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [react()],
  test: {
    include: ['bench/**/*.vitest.tsx'],
    environment: 'jsdom',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 60_000,
    // Lets the scale benchmark call gc() before reading the heap.
    execArgv: ['--expose-gc'],
    reporters: ['default'],
    printConsoleTrace: false,
  },
})
