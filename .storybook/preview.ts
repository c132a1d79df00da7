import type { Preview } from '@storybook/react-vite'
import { setupWorker } from 'msw/browser'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { playgroundHandlers } from './simulator'
import '../src/styles.css'

// The same rules that ship as ltx-react/styles.css: the tokens above, then each component's file.
import.meta.glob('../src/components/*.css', { eager: true })

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [
    mswLoader(async () => {
      // Initial handlers survive the addon's reset between stories: the simulator is always there.
      const worker = setupWorker(...playgroundHandlers)
      await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
      return worker
    }),
  ],
  parameters: {
    options: { storySort: { order: ['Introduction', 'Playground', 'Models', 'Components', 'Theming'] } },
    layout: 'padded',
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
}

export default preview
