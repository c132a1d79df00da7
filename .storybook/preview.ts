import type { Preview } from '@storybook/react-vite'
import { setupWorker } from 'msw/browser'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { playgroundHandlers } from './simulator'
import { axeTags, pageOnlyRules } from './a11y'
// The same rules, in the same order, as ltx-react/styles.css (vite.config.ts): the tokens,
// then each component's file by name. Order matters where rules tie.
import '../src/styles.css'
import '../src/components/job-progress.css'
import '../src/components/parameter-form.css'
import '../src/components/segment-picker.css'
import '../src/components/video-result.css'
import './preview.css'

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
    a11y: {
      test: 'error',
      options: { runOnly: { type: 'tag', values: axeTags } },
      config: { rules: pageOnlyRules },
    },
    controls: { expanded: true },
  },
}

export default preview
