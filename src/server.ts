// ltx-react/server: runs on Node, edge runtimes and workers; never imports React or DOM code.
// The key-holding proxy, and the validation it shares with the browser side.
export { LtxError, isLtxError } from './models/ltx-error'
export type { FieldIssue, LtxErrorKind } from './models/ltx-error'
export { apixoGenerateTaskBodySchema } from './models/apixo-ltx-2-19b'
export type { ApixoGenerateTaskBody } from './models/apixo-ltx-2-19b'
export { parseInput, safeParseInput } from './models/parse-input'
export type { ParseInputResult } from './models/parse-input'
export { getModel, isModelId, modelIds, models } from './models/registry'
export type { ModelId, ModelInput, ModelParams } from './models/registry'
export { createLtxProxy } from './server/create-ltx-proxy'
export type { LtxProxyHandler } from './server/create-ltx-proxy'
export {
  DEFAULT_LATE_REPLY_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_UPSTREAM_CONNECTIONS,
  DEFAULT_SUBMIT_TIMEOUT_MS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  SEGMIND_BASE_URL,
} from './server/ltx-proxy-options'
export type {
  ApixoRouting,
  AuthorizeResult,
  LtxProxyOptions,
  ProxyDenyReason,
  ProxyLogEntry,
  ProxyRequestContext,
} from './server/ltx-proxy-options'
export { PROXY_ID_PATTERN, UPSTREAM_ID_PATTERN } from './server/match-proxy-route'
export type { ProxyRoute } from './server/match-proxy-route'
export type { PushOptions } from './server/ledger/events-options'
export { privateHostKind } from './server/private-host-kind'
export type { PrivateHostKind } from './server/private-host-kind'
export { createMemoryStore } from './server/ledger/create-memory-store'
export { createRedisStore } from './server/ledger/create-redis-store'
export type {
  IoRedisLikeClient,
  IoRedisLikeSubscriber,
  NodeRedisLikeClient,
  NodeRedisLikeSubscriber,
  RedisStoreOptions,
} from './server/ledger/create-redis-store'
export type { LedgerStore } from './server/ledger/ledger-store'
export type { JobEvent } from './server/ledger/job-event'
export { DEFAULT_CALLBACK_MARGIN_MS, IDEMPOTENCY_KEY_PATTERN } from './server/ledger/ledger-submit'
export { toNodeHandler } from './server/to-node-handler'
export type { ToNodeHandlerOptions } from './server/to-node-handler'
export type { UndiciModule } from './server/undici-sender'
export type { FetchHandler, NodeRequestListener } from './server/to-node-handler'
