// ltx-react/testing: what apps use to test their own screens (the upstream simulator arrives with it).
export { exampleInputs } from './testing/example-inputs'
