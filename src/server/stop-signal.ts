/**
 * The part of an `AbortSignal` the proxy's own waits use. A real `AbortSignal` fits; Node's fast
 * path passes a {@link StopSignal}, which costs no `EventTarget`.
 */
export interface AbortLike {
  readonly aborted: boolean
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void
  removeEventListener(type: 'abort', listener: () => void): void
}

/** A one-shot stop with listeners: what an AbortController gives the proxy's waits, without an EventTarget. */
export class StopSignal implements AbortLike {
  private stopped = false
  private listeners: (() => void)[] | undefined
  get aborted(): boolean {
    return this.stopped
  }
  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.stopped) return
    ;(this.listeners ??= []).push(listener)
  }
  removeEventListener(_type: 'abort', listener: () => void): void {
    const at = this.listeners?.indexOf(listener) ?? -1
    if (at >= 0) this.listeners?.splice(at, 1)
  }
  /** Stop once: every listener runs (each once), later calls do nothing. */
  abort(): void {
    if (this.stopped) return
    this.stopped = true
    const listeners = this.listeners
    this.listeners = undefined
    if (listeners !== undefined) for (const listener of listeners) listener()
  }
}
