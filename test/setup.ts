// DOM matchers (toHaveTextContent, toBeDisabled, …) for every component and hook test.
import '@testing-library/jest-dom/vitest'
