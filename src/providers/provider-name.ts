import type { Provider } from '../models/provider'

const PROVIDER_NAMES = { segmind: 'Segmind', apixo: 'APIXO' } as const satisfies Record<Provider, string>

/** The provider's name as people write it, for messages. */
export function providerName(provider: Provider): string {
  return PROVIDER_NAMES[provider]
}
