/**
 * The class names of one component's parts: `part()` is the root's (`ltx-video-result`, then the
 * app's `className`), `part('video')` an inner part's (`ltx-video-result__video`). `unstyled`
 * drops only the library's classes, never the app's or the `data-*` state.
 */
export function partClasses(unstyled: boolean | undefined, block: string, className?: string) {
  return (element?: string): string | undefined =>
    [unstyled ? '' : element ? `${block}__${element}` : block, element ? '' : className].filter(Boolean).join(' ') || undefined
}
