// jobRefSchema and readJobRef (./job) are held alike by test/core/read-job-ref.test.ts.
import { z } from 'zod'
import { isModelId, type ModelId } from '../models/model-catalog'
import { PROVIDERS } from '../models/provider'

// Pieces used both for the job and for a retake's parent job.
const nonEmpty = z.string().min(1)
const provider = z.enum(PROVIDERS)
const modelId = z.custom<ModelId>(isModelId, { error: 'Unknown model id.' })
const nonnegative = z.number().nonnegative()

/**
 * Validates a stored `JobRef`, e.g. one read back from `localStorage` before resuming, with zod's
 * issues saying what is wrong. It accepts exactly what `readJobRef` accepts (the library's own
 * reading, which needs no schema library), and costs only an app that imports it.
 */
export const jobRefSchema = z.strictObject({
  id: nonEmpty,
  model: modelId,
  provider,
  submittedAt: nonnegative,
  parent: z
    .strictObject({
      videoUrl: nonEmpty,
      start: nonnegative,
      duration: z.number().positive(),
      job: z.strictObject({ id: nonEmpty, provider, model: modelId }).optional(),
    })
    .optional(),
})
