import type { CSSProperties } from 'react'

/**
 * Hidden from sight but not from assistive technology, and still focusable (React Aria's
 * useVisuallyHidden). Given inline, so `unstyled` cannot show it.
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  border: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
}
