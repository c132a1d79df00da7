import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// Storybook builds an app, not the library: it gets React and nothing of the library build
// (no declaration bundling, no preserveModules).
export default defineConfig({
  plugins: [react()],
})
