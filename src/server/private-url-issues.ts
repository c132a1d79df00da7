import type { FieldIssue } from '../models/ltx-error'
import type { ModelId } from '../models/model-catalog'
import { modelUpstreamFacts } from '../models/model-upstream-facts'
import type { Provider } from '../models/provider'
import { dialects } from '../providers/index'
import { privateHostKind, type PrivateHostKind } from './private-host-kind'

/**
 * Where a submit body holds URLs the provider downloads (or, for APIXO's callback_url, posts to):
 * the model's URL fields inside the dialect's envelope, then the envelope's own. `*` stands for
 * every item of a list.
 */
function urlFields(provider: Provider, model: ModelId): readonly (readonly string[])[] {
  const { inputPath, envelopeUrlFields } = dialects[provider]
  return [...modelUpstreamFacts[model].urlFields.map((path) => [...inputPath, ...path]), ...envelopeUrlFields]
}

const WORDS = {
  loopback: 'a loopback address (the server itself)',
  private: 'a private network address',
  'link-local': 'a link-local address (where cloud metadata services answer)',
  reserved: 'a reserved, non-public address',
  'local-name': 'a local host name, not a public one',
} as const satisfies Record<PrivateHostKind, string>

/** Every string at `pattern` under `value`, with its concrete path. */
function valuesAt(value: unknown, pattern: readonly string[], path: (string | number)[] = []): [(string | number)[], string][] {
  const [head, ...rest] = pattern
  if (head === undefined) return typeof value === 'string' ? [[path, value]] : []
  if (typeof value !== 'object' || value === null) return []
  if (head === '*') {
    return Array.isArray(value) ? value.flatMap((item: unknown, index) => valuesAt(item, rest, [...path, index])) : []
  }
  return Object.hasOwn(value, head) ? valuesAt((value as Record<string, unknown>)[head], rest, [...path, head]) : []
}

/**
 * Field issues for URL fields whose host is loopback, private, link-local, reserved or a local
 * name, so a user cannot make the provider fetch the operator's (or the provider's own)
 * internal services. Loopback passes when `allowLoopback` is set (a local demo whose provider
 * is the simulator on this machine). `data:` URIs have no host and pass. Only literal hosts are
 * judged (no DNS lookup): a public name pointing inside is the provider's to refuse.
 */
export function privateUrlIssues(provider: Provider, model: ModelId, body: unknown, allowLoopback: boolean): FieldIssue[] {
  const issues: FieldIssue[] = []
  for (const pattern of urlFields(provider, model)) {
    for (const [path, text] of valuesAt(body, pattern)) {
      let url: URL
      try {
        url = new URL(text)
      } catch {
        continue // the model schema words a URL that does not parse
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue
      const kind = privateHostKind(url.hostname)
      if (kind === undefined || (kind === 'loopback' && allowLoopback)) continue
      issues.push({ path, message: `Use a publicly reachable URL: ${url.hostname} is ${WORDS[kind]}.` })
    }
  }
  return issues
}
