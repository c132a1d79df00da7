import { describe, expect, it } from 'vitest'
import { createSecretRedactor } from '../../src/server/create-secret-redactor'

// clearsPieces lets the reply rewrite skip redacting each string and key: it may say true only
// when no piece of the text can hold a secret, in any form a client could decode.

const SECRET = 'sk-live-0123456789abcdef'
const redactor = createSecretRedactor([SECRET])
const base64 = Buffer.from(`xx${SECRET}`).toString('base64')
const hex = Buffer.from(SECRET).toString('hex').toUpperCase()

describe('createSecretRedactor: clearsPieces', () => {
  it('clears a reply with no secret and nothing a decoding could turn into one', () => {
    expect(redactor.clearsPieces('{"request_id":"abc","status":"QUEUED","metrics":{"queue_time":0}}')).toBe(true)
  })

  it.each([
    ['the plain secret', `{"error":"bad key ${SECRET}"}`],
    ['its base64 inside a longer string', `{"note":"${base64}"}`],
    ['its hex, upper case', `{"note":"${hex}"}`],
    ['a percent-encoding (any)', '{"url":"https://x.test/a%20b"}'],
    ['a JSON escape (any)', '{"note":"\\u0073k"}'],
    ['an entity or a form encoding (any)', '{"a":"&amp;","b":"x+y"}'],
  ])('does not clear a text with %s', (_name, text) => {
    expect(redactor.clearsPieces(text)).toBe(false)
  })

  it('clears anything when there is no secret to find', () => {
    expect(createSecretRedactor([]).clearsPieces('%26 &amp; \\u0073')).toBe(true)
  })
})
