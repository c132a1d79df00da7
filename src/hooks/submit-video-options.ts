import { mutationOptions } from '@tanstack/react-query'
import type { JobRef } from '../core/job'
import type { LtxError } from '../core/ltx-error'
import { loadValidation } from '../models/load-validation'
import type { ModelId, ModelInput } from '../models/registry'
import type { VideoTransport } from '../transport/video-transport'

/**
 * Mutation options for one billed submit of `model`: the input is validated first (field
 * issues come back as an `LtxError` of kind `validation` without a request), and a submit is
 * never retried, because the providers bill every submit and have no idempotency key.
 */
export function submitVideoOptions<Id extends ModelId>(transport: VideoTransport, model: Id) {
  return mutationOptions<JobRef, LtxError, ModelInput<Id>>({
    mutationKey: ['ltx', 'submit', model],
    mutationFn: async (input) => {
      const { parseInput } = await loadValidation()
      return transport.submit(model, parseInput(model, input))
    },
    retry: false,
  })
}
