// DOM matchers (toHaveTextContent, toBeDisabled, …) for every component and hook test.
import '@testing-library/jest-dom/vitest'
// The runtime path loads the model schemas on the first submit (a dynamic import). Under fake
// timers that real module load would race the test's clock, so it is loaded once up front.
import '../src/models/validation'
