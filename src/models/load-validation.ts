/** The model schemas and validators, loaded once on first use (a separate chunk in app bundles). */
export function loadValidation(): Promise<typeof import('./validation')> {
  return import('./validation')
}
