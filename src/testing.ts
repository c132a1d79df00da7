// ltx-react/testing: what apps use to test their own screens: the upstream simulator and a real
// HTTP server for it (Node only, loaded lazily). Nothing here needs msw: its handlers live in
// ltx-react/testing/msw, so an app without msw can still start the simulator server.
export { exampleInputs } from './testing/example-inputs'
export { createSimulator } from './testing/create-simulator'
export { startSimulatorServer } from './testing/start-simulator-server'
export type { SimulatorServer, SimulatorServerOptions } from './testing/start-simulator-server'
export { parseSimMarkers } from './testing/simulator-markers'
export type { SimMarkers } from './testing/simulator-markers'
export { SIMULATOR_KEYS, SEGMIND_RETENTION_MS, SIM_JOB_COST, DEFAULT_SIM_SPEED } from './testing/simulator-defaults'
export { sampleVideoNames, sampleVideoBytes, parseSampleClip } from './testing/sample-videos'
export type { SampleClip, SampleClipLength, SampleVideoName } from './testing/sample-videos'
export type {
  SimCallbackAttempt,
  SimCallbackFault,
  SimCallbackFaultRule,
  SimFault,
  SimFaultRule,
  SimJobInfo,
  SimJobPlan,
  SimJobView,
  SimModelId,
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
