import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { IExtractorInvokeOptions } from '@microsoft/api-extractor'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import dts from 'vite-plugin-dts'

const root = import.meta.dirname

const peers = ['react', 'react-dom', '@tanstack/react-query', 'zod', 'msw']
const isExternal = (id: string) =>
  id.startsWith('node:') || peers.some((peer) => id === peer || id.startsWith(`${peer}/`))

// Each module is emitted as its own file (preserveModules) and Rolldown keeps a module's
// 'use client' directive on its output file: a Next.js App Router page can import hooks and
// components, while models and core stay usable from Server Components (test/package).

/** The theme tokens, then each component's rules (src/components/*.css), in name order. */
export function readStyles(): string {
  const dir = resolve(root, 'src/components')
  const parts = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.css')).sort() : []
  return [resolve(root, 'src/styles.css'), ...parts.map((f) => resolve(dir, f))].map((f) => readFileSync(f, 'utf8')).join('\n')
}

/** The styled components' stylesheet ships as one file at `ltx-react/styles.css`. */
function emitStyles(): Plugin {
  return {
    name: 'ltx:emit-styles',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'styles.css', source: readStyles() })
    },
  }
}

// API Extractor says on every entry that it analyses with its own TypeScript (5.9) while the
// project has 6.0: known and harmless here (../shared/toolchain.md), so not printed. Its other
// messages still are.
const quietExtractor: IExtractorInvokeOptions = {
  messageCallback: (message) => {
    if (message.messageId === 'console-preamble' || message.messageId === 'console-compiler-version-notice') message.handled = true
  },
}

export default defineConfig({
  plugins: [
    react(),
    emitStyles(),
    dts({
      tsconfigPath: resolve(root, 'tsconfig.build.json'),
      entryRoot: resolve(root, 'src'),
      bundleTypes: { invokeOptions: quietExtractor },
    }),
  ],
  // public/ holds Storybook's msw worker; it is not part of the published package.
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the package: half its size, and the sample clips would be in them twice.
    sourcemap: false,
    minify: false,
    target: 'es2022',
    lib: {
      entry: {
        index: resolve(root, 'src/index.ts'),
        server: resolve(root, 'src/server.ts'),
        testing: resolve(root, 'src/testing.ts'),
        'testing-msw': resolve(root, 'src/testing-msw.ts'),
      },
      formats: ['es'],
    },
    rollupOptions: {
      external: isExternal,
      // The type bundling above takes most of the build by design; Rolldown's slow-plugin notice
      // would say so on every build.
      checks: { pluginTimings: false },
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
      },
    },
  },
})
