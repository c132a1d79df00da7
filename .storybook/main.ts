import type { StorybookConfig } from '@storybook/react-vite'

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest', 'msw-storybook-addon'],
  framework: {
    name: '@storybook/react-vite',
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  // The msw service worker (public/mockServiceWorker.js) that serves the simulator in the browser.
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The preview's iframe chunk holds React, axe and the docs blocks, about 1.1 MB: expected for a
  // Storybook build, so Vite's 500 kB chunk warning would only be noise; so would Rolldown's
  // slow-plugin notice, which a busy machine triggers.
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    build: {
      ...viteConfig.build,
      chunkSizeWarningLimit: 1500,
      rollupOptions: { ...viteConfig.build?.rollupOptions, checks: { pluginTimings: false } },
    },
  }),
}

export default config
