/**
 * What axe checks after every story's play function (and in the Accessibility panel): WCAG 2.0,
 * 2.1 and 2.2 A and AA, plus best practice. The story tests run it in light and in OS dark.
 */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/**
 * Best practice for whole pages, not for one component on a canvas: a story has no <main> and
 * no <h1> of its own. (A story that sets `a11y.config.rules` replaces this list: spread it in.)
 */
export const pageOnlyRules = [
  { id: 'landmark-one-main', enabled: false },
  { id: 'page-has-heading-one', enabled: false },
]
