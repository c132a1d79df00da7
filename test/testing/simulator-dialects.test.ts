import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROVIDERS, type Provider } from '../../src/models/provider'
import { modelIds, providerOf } from '../../src/models/model-catalog'
import { dialects } from '../../src/providers/index'
import { createSimulator } from '../../src/testing/create-simulator'

// The simulator speaks the dialects in src/providers: their paths reach its routes, their key
// headers open them, and its error bodies are theirs.

const ORIGIN = 'https://upstream.test'

/** A model of each provider, from the catalog. */
const modelOfProvider = Object.fromEntries(PROVIDERS.map((p) => [p, modelIds.find((id) => providerOf(id) === p)])) as Record<
  Provider,
  string
>

function keyed(provider: Provider, key: string): Record<string, string> {
  const [name, value] = dialects[provider].authHeader(key)
  return { [name]: value }
}

describe.each(PROVIDERS)('%s', (provider) => {
  const dialect = dialects[provider]
  const model = modelOfProvider[provider]

  it('answers every route of the dialect at the dialect’s path, under its own route name', async () => {
    const sim = createSimulator({ now: () => 0 })
    for (const [name, spec] of Object.entries(dialect.routes)) {
      const path = name === 'submit' ? spec.path(model, model) : spec.path('no-such-job', model)
      await sim.fetch(new Request(`${ORIGIN}/${path}`, { method: spec.method, headers: keyed(provider, sim.keys[provider]) }))
      expect(sim.requests.at(-1)?.route).toBe(`${provider}.${name}`)
    }
  })

  it('answers an unknown job with the dialect’s unknownJobBody, and a missing key with its errorBody shape', async () => {
    const sim = createSimulator({ now: () => 0 })
    const status = dialect.routes.status
    const unknown = await sim.fetch(
      new Request(`${ORIGIN}/${status.path('abc123', model)}`, { headers: keyed(provider, sim.keys[provider]) }),
    )
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual(dialect.unknownJobBody)

    const refused = await sim.fetch(new Request(`${ORIGIN}/${status.path('abc123', model)}`))
    expect(refused.status).toBe(401)
    const body = (await refused.json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(Object.keys(dialect.errorBody(401, 'x') as object).sort())
  })

  it('opens only with the dialect’s key header', async () => {
    const sim = createSimulator({ now: () => 0 })
    const path = dialect.routes.status.path('abc123', model)
    const wrong = await sim.fetch(new Request(`${ORIGIN}/${path}`, { headers: keyed(provider, 'not-the-key') }))
    expect(wrong.status).toBe(401)
    const right = await sim.fetch(new Request(`${ORIGIN}/${path}`, { headers: keyed(provider, sim.keys[provider]) }))
    expect(right.status).toBe(404)
  })
})

describe('what the simulator carries into a browser (Storybook bundles it)', () => {
  it('takes the dialects without their key headers: no src/testing file imports a whole dialect', () => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'testing')
    const offenders = readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .filter((name) => {
        const code = readFileSync(join(dir, name), 'utf8')
        // A value import of the dialect map or of a whole dialect brings its authHeader along.
        return /import\s*\{[^}]*\b(?:dialects|segmindDialect|apixoDialect)\b[^}]*\}\s*from/.test(code.replace(/import type[^;\n]*/g, ''))
      })
    expect(offenders).toEqual([])
  })
})
