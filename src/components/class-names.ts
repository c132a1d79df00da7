/**
 * The class list of one styled part: the `ltx-` classes unless `unstyled`, then the caller's
 * own. `unstyled` drops only the library's classes, never the app's or the `data-*` state.
 */
export function classNames(unstyled: boolean | undefined, own: string, extra?: string): string | undefined {
  const list = [unstyled === true ? '' : own, extra ?? ''].filter((part) => part !== '').join(' ')
  return list === '' ? undefined : list
}
