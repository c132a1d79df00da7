// Everything that checks input against the model schemas, as one module that the runtime path
// (transports, submit hooks) loads on the first submit: watching jobs never needs the schemas,
// and an app whose page does not render a form downloads them only when it submits.
export { parseInput, safeParseInput } from './parse-input'
export { apixoGenerateTaskBodySchema } from './apixo-ltx-2-19b'
export { ltxRetakeVideoInputSchemaFor } from './ltx-retake-video'
export { toFieldIssues } from '../core/to-field-issues'
