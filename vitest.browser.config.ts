import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/chromium.ts'

// Browser tests in Debian's Chromium, run by `npm run test:browser`:
// - storybook: every story's play function, then axe with the WCAG 2.2 AA tags and best practice
//   (.storybook/preview.ts; a violation fails the story), once in light and once in OS dark
//   (prefers-color-scheme: dark emulated, no data-ltx-theme), where contrast differs;
// - components: test/components/*.browser.spec.tsx, real layout and styles: forced colours,
//   contrast of borders and focus outlines, heights, keyboard;
// - docs: test/components/*.docs.spec.ts in Node, driving a built Storybook's Docs pages.

const launchOptions = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
const alias = [
  { find: /^ltx-react$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  { find: /^ltx-react\/testing$/, replacement: fileURLToPath(new URL('./src/testing.ts', import.meta.url)) },
]

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react(), storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
        test: {
          name: 'storybook',
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions, contextOptions: { colorScheme: 'light' } }),
            instances: [
              { browser: 'chromium', name: 'light' },
              { browser: 'chromium', name: 'os-dark', provider: playwright({ launchOptions, contextOptions: { colorScheme: 'dark' } }) },
            ],
          },
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'components',
          include: ['test/components/**/*.browser.spec.tsx'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            // Failure screenshots would land in the tree; the assertion messages say enough.
            screenshotFailures: false,
            provider: playwright({ launchOptions }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        test: {
          name: 'docs',
          include: ['test/components/**/*.docs.spec.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
})
