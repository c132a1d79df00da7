import type { FieldIssue } from '../models/ltx-error'
import type { ModelId } from '../models/model-catalog'
import { privateHostKind, type PrivateHostKind } from './private-host-kind'

// Where each model's forwarded body holds URLs the provider downloads (or, for APIXO's
// callback_url, posts to); `*` stands for every item of a list. Keyed by model, so a new model
// makes the compiler ask for its URL fields.
const URL_FIELDS = {
  'ltx-2-19b-t2v': [],
  'ltx-video': [['image']],
  'ltx-2-fast': [['image']],
  'ltx-retake-video': [['video_uri']],
  'ltx-2-19b': [['input', 'image_urls', '*'], ['input', 'loras', '*', 'path'], ['callback_url']],
} as const satisfies Record<ModelId, readonly (readonly string[])[]>

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
export function privateUrlIssues(model: ModelId, body: unknown, allowLoopback: boolean): FieldIssue[] {
  const issues: FieldIssue[] = []
  for (const pattern of URL_FIELDS[model]) {
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
