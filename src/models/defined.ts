/**
 * `fields` without its undefined values, undefined when none is left: optional fields of a
 * snapshot are left out rather than set to undefined, a watcher's unset options keep others',
 * and a job's input field set to undefined gets its default.
 */
export function defined<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } | undefined {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined)
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as { [K in keyof T]?: Exclude<T[K], undefined> })
}
