/** A tiny keyed store: each key has its own listeners, so a field re-renders only when its own key changes. */
export interface FormStore {
  /** The current value under `key`. */
  get(key: string): unknown
  /** Replace the value under `key`, notifying only that key's listeners (no-op when unchanged). */
  set(key: string, value: unknown): void
  /** Listen to one key; returns the unsubscribe function. */
  subscribe(key: string, listener: () => void): () => void
}

/** Create a {@link FormStore} seeded with `initial` entries. */
export function createFormStore(initial: Iterable<readonly [string, unknown]> = []): FormStore {
  const state = new Map<string, unknown>(initial)
  const listeners = new Map<string, Set<() => void>>()
  return {
    get: (key) => state.get(key),
    set(key, value) {
      if (Object.is(state.get(key), value)) return
      state.set(key, value)
      // Copy first: a listener may unsubscribe while we iterate.
      for (const listener of [...(listeners.get(key) ?? [])]) listener()
    },
    subscribe(key, listener) {
      const set = listeners.get(key) ?? new Set()
      listeners.set(key, set.add(listener))
      return () => void set.delete(listener)
    },
  }
}
