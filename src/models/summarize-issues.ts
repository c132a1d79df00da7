import type { FieldIssue } from './ltx-error'

/** One sentence for a list of field issues: the first one's, and how many more there are ("… (and 2 more)"). */
export function summarizeIssues(issues: readonly FieldIssue[], fallback: string): string {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
  return `${issues[0]?.message ?? fallback}${more}`
}
