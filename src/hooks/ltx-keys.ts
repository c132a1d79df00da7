import type { Provider } from '../models/provider'

/**
 * Stable TanStack Query keys. `['ltx', 'job', provider, id]` holds a job's latest
 * `JobSnapshot`; `['ltx', 'watch', provider, id]` holds why watching it stopped, if it did.
 */
export const ltxKeys = {
  all: ['ltx'] as const,
  jobs: () => ['ltx', 'job'] as const,
  job: (provider: Provider, id: string) => ['ltx', 'job', provider, id] as const,
  watch: (provider: Provider, id: string) => ['ltx', 'watch', provider, id] as const,
}
