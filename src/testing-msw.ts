// ltx-react/testing/msw: the simulator as msw 2 request handlers (node and browser), for tests
// and Storybook. The only entry that imports msw; create the simulator with ltx-react/testing.
export { simulatorHandlers } from './testing/simulator-handlers'
export type { SimulatorHandlersOptions } from './testing/simulator-handlers'
