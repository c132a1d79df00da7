import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import axe from 'axe-core'
import type { ReactNode } from 'react'
import { expect, vi } from 'vitest'
import type { JobPhase, JobRef, JobSnapshot } from '../../src/core/job'
import { LtxProvider } from '../../src/hooks/ltx-provider'
import type { Provider } from '../../src/models/provider'
import type { ModelId } from '../../src/models/registry'
import type { VideoTransport } from '../../src/transport/video-transport'

/** A job submitted now (under fake timers, "now" is the fake clock). */
export function makeJob(model: ModelId = 'ltx-2-19b-t2v', provider: Provider = 'segmind', id = 'req-1'): JobRef {
  return { id, model, provider, submittedAt: Date.now() }
}

/** A snapshot of `job` in `phase`, with `extra` fields on top. */
export function makeSnapshot(job: JobRef, phase: JobPhase, extra: Partial<JobSnapshot> = {}): JobSnapshot {
  return { job, phase, providerStatus: phase.toUpperCase(), checkedAt: Date.now(), ...extra }
}

/** A transport whose status answers are whatever the test last set. */
export function fakeTransport(provider: Provider, first: (job: JobRef) => JobSnapshot) {
  let answer = first
  const status = vi.fn(async (job: JobRef) => answer(job))
  const transport: VideoTransport = {
    provider,
    submit: vi.fn(async () => {
      throw new Error('components never submit')
    }),
    status,
  }
  return {
    transport,
    status,
    answer(next: (job: JobRef) => JobSnapshot) {
      answer = next
    },
  }
}

/** Render under a fresh QueryClient and an LtxProvider with the given transports. */
export function renderWithLtx(ui: ReactNode, transports: Partial<Record<Provider, VideoTransport>> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <LtxProvider queryClient={client} transports={transports} persist={false}>
      {ui}
    </LtxProvider>,
  )
}

/** Run axe on `container` and expect no violations; works under fake timers too (axe queues with setTimeout). */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  let settled = false
  const run = axe.run(container, { rules: { 'color-contrast': { enabled: false } } }).finally(() => {
    settled = true
  })
  if (vi.isFakeTimers()) {
    // axe waits on a few short timeouts; step the fake clock a millisecond at a time so the
    // component under test sees (almost) no time pass.
    for (let i = 0; i < 10_000 && !settled; i++) await vi.advanceTimersByTimeAsync(i < 20 ? 0 : 1)
  }
  const results = await run
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([])
}

/**
 * Check a component stylesheet against the theme rules: every custom property it reads is one
 * styles.css defines (so light and dark themes apply), every class is `ltx-` prefixed, and any
 * motion is switched off under `prefers-reduced-motion`.
 */
export function expectThemedCss(file: string): void {
  const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src')
  const read = (path: string) => readFileSync(resolve(src, path), 'utf8')
  const css = read(`components/${file}`)
  const theme = read('styles.css')
  const defined = new Set([...theme.matchAll(/(--ltx-[\w-]+)\s*:/g)].map((match) => match[1]))
  const used = [...css.matchAll(/var\((--[\w-]+)/g)].map((match) => match[1])
  expect(used.length).toBeGreaterThan(0)
  for (const property of used) expect(defined, `${file} reads ${property}`).toContain(property)
  expect(css, `${file} defines no custom properties of its own`).not.toMatch(/^\s*--[\w-]+\s*:/m)
  // No literal colours: every colour comes from the theme.
  expect(css).not.toMatch(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i)
  const classes = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((match) => match[1])
  for (const name of classes) expect(name).toMatch(/^ltx-/)
  if (/animation|transition/.test(css)) expect(css).toMatch(/@media \(prefers-reduced-motion: reduce\)/)
}
