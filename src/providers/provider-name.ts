import type { Provider } from '../models/provider'
import { APIXO_NAME } from './apixo'
import { SEGMIND_NAME } from './segmind'

const PROVIDER_NAMES = { segmind: SEGMIND_NAME, apixo: APIXO_NAME } as const satisfies Record<Provider, string>

/** The provider's name as people write it, for messages. */
export function providerName(provider: Provider): string {
  return PROVIDER_NAMES[provider]
}
