import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Examples and README snippets import the package by name, as an app would.
    alias: [
      { find: /^ltx-react$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^ltx-react\/server$/, replacement: fileURLToPath(new URL('./src/server.ts', import.meta.url)) },
      { find: /^ltx-react\/testing\/msw$/, replacement: fileURLToPath(new URL('./src/testing-msw.ts', import.meta.url)) },
      { find: /^ltx-react\/testing$/, replacement: fileURLToPath(new URL('./src/testing.ts', import.meta.url)) },
      { find: /^ltx-react\/styles\.css$/, replacement: fileURLToPath(new URL('./src/styles.css', import.meta.url)) },
    ],
  },
  test: {
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // The fake-timer walks of a whole job take 1–2 s on an idle machine, several on a busy one.
          testTimeout: 20_000,
          include: ['test/**/*.test.{ts,tsx}'],
          // Browser-mode tests (vitest.browser.config.ts) and end-to-end tests run in Chromium stages.
          exclude: ['test/package/**', 'test/e2e/**', 'test/**/*.e2e.test.ts', 'test/**/*.browser.test.{ts,tsx}', 'test/**/*.docs.test.ts'],
          environment: 'node',
          setupFiles: ['test/setup.ts'],
          typecheck: {
            enabled: true,
            include: ['test/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        // Checks the built package in dist/, so it runs after `npm run build`.
        extends: true,
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
})
