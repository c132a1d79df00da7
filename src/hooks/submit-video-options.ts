import type { UseMutationOptions, WithRequired } from '@tanstack/react-query'
import type { JobRef } from '../core/job'
import type { LtxError } from '../models/ltx-error'
import { modelIdOf } from '../models/model-catalog'
import type { IdOf, InputOf, ModelRef } from '../models/registry'
import type { VideoTransport } from '../transport/video-transport'

/**
 * Mutation options for one billed submit to `model`, which is never retried: the providers bill
 * every submit and have no idempotency key. Given a model definition (e.g. `ltx2FastModel`), the
 * input is validated in the browser and field issues come back as an `LtxError` of kind
 * `validation` without a request; given an id, the proxy validates it and answers the same way.
 */
export function submitVideoOptions<M extends ModelRef>(
  transport: VideoTransport,
  model: M,
): WithRequired<UseMutationOptions<JobRef, LtxError, InputOf<M>>, 'mutationKey'> {
  // The type TanStack's mutationOptions() gives; the function itself only returns its argument,
  // so calling it would add an import to the bundle and nothing else.
  const id = modelIdOf(model) as IdOf<M>
  return {
    mutationKey: ['ltx', 'submit', id],
    // Checked here, and the transport given the id: an app's own transport then gets ids only,
    // and the browser check does not depend on it.
    mutationFn: async (input) => transport.submit(id, typeof model === 'string' ? input : model.parse(input)),
    retry: false,
  }
}
