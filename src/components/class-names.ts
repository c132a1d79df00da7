import type { Ref } from 'react'

/**
 * The class list of one styled part: the `ltx-` classes unless `unstyled`, then the caller's
 * own. `unstyled` drops only the library's classes, never the app's or the `data-*` state.
 */
export function classNames(unstyled: boolean | undefined, own: string, extra?: string): string | undefined {
  const list = [unstyled === true ? '' : own, extra ?? ''].filter((part) => part !== '').join(' ')
  return list === '' ? undefined : list
}

function setRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value)
  else if (ref != null) (ref as { current: T | null }).current = value
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/**
 * A prop getter's own props with the caller's merged in, so headless users can add to any part
 * without losing what makes it work: both `on*` handlers run (the library's first, so the
 * caller's has the last word), classes are joined, styles merged (the caller's win), refs both
 * set, and any other prop the caller gives (an `id`, an `aria-*` label) replaces the library's.
 * An `undefined` from the caller changes nothing.
 */
export function mergeProps<Own extends object, User extends object>(own: Own, user: User | undefined): Own & User {
  if (user === undefined) return own as Own & User
  const merged: Record<string, unknown> = { ...(own as Record<string, unknown>) }
  for (const [key, theirs] of Object.entries(user)) {
    if (theirs === undefined) continue
    const mine = merged[key]
    if (/^on[A-Z]/.test(key) && typeof mine === 'function' && typeof theirs === 'function') {
      merged[key] = (...args: unknown[]) => {
        mine(...args)
        theirs(...args)
      }
    } else if (key === 'className' && typeof mine === 'string' && typeof theirs === 'string') {
      merged[key] = `${mine} ${theirs}`
    } else if (key === 'style' && isRecord(mine) && isRecord(theirs)) {
      merged[key] = { ...mine, ...theirs }
    } else if (key === 'ref' && mine !== undefined) {
      merged[key] = (element: unknown) => {
        setRef(mine as Ref<unknown>, element)
        setRef(theirs as Ref<unknown>, element)
      }
    } else {
      merged[key] = theirs
    }
  }
  return merged as Own & User
}
