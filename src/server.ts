// ltx-react/server: runs on Node, edge runtimes and workers; never imports React or DOM code.
// The key-holding proxy arrives here; validation is already shared with the browser side.
export { LtxError, isLtxError } from './core/ltx-error'
export type { FieldIssue, LtxErrorKind } from './core/ltx-error'
export { apixoGenerateTaskBodySchema } from './models/apixo-ltx-2-19b'
export type { ApixoGenerateTaskBody } from './models/apixo-ltx-2-19b'
export { parseInput, safeParseInput } from './models/parse-input'
export type { ParseInputResult } from './models/parse-input'
export { getModel, isModelId, modelIds, models } from './models/registry'
export type { ModelId, ModelInput, ModelParams } from './models/registry'
