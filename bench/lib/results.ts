import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (bench/lib/../..). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Where each benchmark leaves its figures for run-all.ts (ignored by git: .tmp/). */
export const RESULTS_DIR = join(ROOT, '.tmp', 'bench')

export function resultPath(name: string): string {
  return join(RESULTS_DIR, `${name}.json`)
}

/** Write one benchmark's figures as JSON. */
export function writeResult(name: string, data: unknown): void {
  const file = resultPath(name)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`)
}

/** Read one benchmark's figures, or undefined when it did not run (or failed). */
export function readResult<T>(name: string): T | undefined {
  const file = resultPath(name)
  if (!existsSync(file)) return undefined
  return JSON.parse(readFileSync(file, 'utf8')) as T
}

/** The value at quantile `q` (0–1) of an ascending list; nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

/** Round to `digits` decimals, for printing. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
