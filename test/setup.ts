// DOM matchers (toHaveTextContent, toBeDisabled, …) for every component and hook test.
import '@testing-library/jest-dom/vitest'
import { version } from 'react'

// scripts/test-react18.mjs sets this: a run meant for React 18 must not pass on another React.
const expected = process.env.LTX_EXPECT_REACT
if (expected !== undefined && !version.startsWith(`${expected}.`)) {
  throw new Error(`These tests were meant to run on React ${expected}, but React ${version} was loaded.`)
}
