import type { Ref } from 'react'

function setRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value)
  else if (ref != null) ref.current = value
}

/**
 * A prop getter's own props with the caller's merged in, so headless users can add to any part
 * without losing what makes it work: both `on*` handlers run (the library's first, so the
 * caller's has the last word), classes are joined, styles merged (the caller's win), refs both
 * set, and any other prop the caller gives (an `id`, an `aria-*` label) replaces the library's.
 * An `undefined` from the caller changes nothing.
 */
export function mergeProps<Own extends object, User extends object>(own: Own, user: User | undefined): Own & User {
  // Both sides are typed as props (handlers are functions, `style` an object), so only what is
  // absent needs checking; inside, the merge goes by key, untyped.
  const merged: Record<string, any> = { ...own }
  for (const [key, theirs] of Object.entries((user ?? {}) as Record<string, any>)) {
    const mine = merged[key]
    if (theirs === undefined) continue
    merged[key] =
      mine === undefined
        ? theirs
        : /^on[A-Z]/.test(key)
          ? (...args: unknown[]) => {
              mine(...args)
              theirs(...args)
            }
          : key === 'className'
            ? `${mine} ${theirs}`
            : key === 'style'
              ? { ...mine, ...theirs }
              : key === 'ref'
                ? (element: unknown) => {
                    setRef(mine, element)
                    setRef(theirs, element)
                  }
                : theirs
  }
  return merged as Own & User
}

/**
 * A part's prop getter: `own` with whatever props the caller passes merged over it (see
 * {@link mergeProps}).
 */
export function getter<Own extends object>(own: Own) {
  return <User extends object = object>(user?: User): Own & User => mergeProps(own, user)
}
