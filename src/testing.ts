// ltx-react/testing: what apps use to test their own screens: the upstream simulator, served
// as msw handlers (node and browser) or as a real HTTP server (Node only, loaded lazily).
export { exampleInputs } from './testing/example-inputs'
export { createSimulator } from './testing/create-simulator'
export { simulatorHandlers } from './testing/simulator-handlers'
export type { SimulatorHandlersOptions } from './testing/simulator-handlers'
export { startSimulatorServer } from './testing/start-simulator-server'
export type { SimulatorServer, SimulatorServerOptions } from './testing/start-simulator-server'
export { parseSimMarkers } from './testing/simulator-markers'
export type { SimMarkers } from './testing/simulator-markers'
export { SIMULATOR_KEYS, SEGMIND_RETENTION_MS, SIM_JOB_COST, DEFAULT_SIM_SPEED } from './testing/simulator-defaults'
export { sampleVideoNames, sampleVideoBytes } from './testing/sample-videos'
export type { SampleVideoName } from './testing/sample-videos'
export type {
  SimCallbackAttempt,
  SimFault,
  SimFaultRule,
  SimJobInfo,
  SimJobPlan,
  SimJobView,
  SimOutcome,
  SimPhase,
  SimProvider,
  SimRateLimit,
  SimRequestRecord,
  SimRoute,
  Simulator,
  SimulatorOptions,
  SimulatorScript,
} from './testing/simulator-types'
