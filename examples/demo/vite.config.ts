import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The demo imports ltx-react as an app would, from the BUILT package (../../dist, made by
// `npm run build`), never from src/: what it shows is what `npm install ltx-react` gives.
const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url))

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // No public/ folder: the repo's public/ holds Storybook's msw worker, which the demo does not use.
  publicDir: false,
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^ltx-react$/, replacement: dist('index.js') },
      { find: /^ltx-react\/styles\.css$/, replacement: dist('styles.css') },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  logLevel: 'warn',
})
