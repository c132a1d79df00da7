import type { Preview } from '@storybook/react-vite'
import '../src/styles.css'

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
}

export default preview
