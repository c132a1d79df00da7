import { memo, type ComponentType, type ReactNode } from 'react'

/**
 * Counts the renders of a component itself (its function body running), not of its subtree: a
 * Profiler around it also fires when only a child (an isolated clock) commits. The returned
 * component calls the original inline, so its hooks are the wrapper's and every render of the
 * original is one call of the wrapper; its children stay components of their own.
 */
export function countOwnRenders<P extends object>(Component: ComponentType<P>, onRender: () => void): ComponentType<P> {
  const inner = Component as unknown as
    | ((props: P) => ReactNode)
    | {
        readonly type?: ComponentType<P>
        readonly compare?: (a: P, b: P) => boolean
        readonly render?: (props: P, ref: unknown) => ReactNode
      }
  let call: (props: P) => ReactNode
  if (typeof inner === 'function') call = inner
  else if (typeof inner.render === 'function') {
    // forwardRef(render)
    const render = inner.render
    call = (props) => render(props, null)
  } else if (inner.type !== undefined) {
    // memo(type, compare): the same bail-out around the counted inner component.
    return memo(countOwnRenders(inner.type, onRender), inner.compare)
  } else {
    throw new TypeError('countOwnRenders: not a function, memo or forwardRef component')
  }
  return function Counted(props: P) {
    onRender()
    return call(props)
  }
}

/** DOM mutations under one element, counted per changed element (and attribute). */
export class MutationCounter {
  readonly counts = new Map<string, number>()
  private readonly observer: MutationObserver

  constructor(readonly root: Element) {
    this.observer = new MutationObserver((records) => this.add(records))
    this.observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true })
  }

  private key(node: Node | null): string {
    const element = node instanceof Element ? node : (node?.parentElement ?? null)
    if (element === null) return '?'
    const cls = typeof element.className === 'string' && element.className !== '' ? `.${element.className.split(/\s+/).join('.')}` : ''
    const role = element.getAttribute('role')
    return `${element.tagName.toLowerCase()}${cls}${role === null ? '' : `[role=${role}]`}`
  }

  private add(records: readonly MutationRecord[]): void {
    for (const record of records) {
      const what = record.type === 'attributes' ? `@${record.attributeName ?? '?'}` : record.type === 'characterData' ? 'text' : 'children'
      const key = `${this.key(record.target)} ${what}`
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
    }
  }

  /** Counts so far (pending records included). */
  snapshot(): Map<string, number> {
    this.add(this.observer.takeRecords())
    return new Map(this.counts)
  }

  disconnect(): void {
    this.add(this.observer.takeRecords())
    this.observer.disconnect()
  }
}

/**
 * Text changes of the clock among `counts`: the element whose class names it `elapsed` (today
 * `ltx-job-progress__elapsed`), or else the element whose text changed most.
 */
export function clockMutations(counts: ReadonlyMap<string, number>): { readonly element: string | undefined; readonly count: number } {
  const textual = [...counts].filter(([key]) => key.endsWith(' text') || key.endsWith(' children'))
  const named = textual.filter(([key]) => /elapsed|clock/i.test(key))
  if (named.length > 0) {
    return { element: named.map(([key]) => key).join(' + '), count: named.reduce((n, [, c]) => n + c, 0) }
  }
  const top = textual.sort((a, b) => b[1] - a[1])[0]
  return { element: top?.[0], count: top?.[1] ?? 0 }
}
