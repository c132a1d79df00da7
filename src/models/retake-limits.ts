// Kept apart from the retake schema so SegmentPicker can use them without loading any schema.

/** Shortest segment the provider recommends regenerating, in seconds. */
export const RETAKE_MIN_SEC = 2
/** Longest segment the provider recommends regenerating, in seconds. */
export const RETAKE_MAX_SEC = 20
