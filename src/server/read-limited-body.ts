/** The body of a request read up to a limit: its bytes, or `too-large` as soon as the limit is passed. */
export type LimitedBody = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: 'too-large' }

/**
 * Read a request body, counting bytes as they stream in and cancelling the stream the moment
 * the count passes `maxBytes`, so an oversize upload is refused without being read (or held)
 * in full. A declared `content-length` over the limit is refused before reading anything.
 */
export async function readLimitedBody(request: Pick<Request, 'headers' | 'body'>, maxBytes: number): Promise<LimitedBody> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined)
    return { ok: false, reason: 'too-large' }
  }
  if (request.body === null) return { ok: true, bytes: new Uint8Array(0) }
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  // Bounded even for a stream of empty chunks: no honest body needs more reads than bytes.
  for (let reads = 0; reads <= maxBytes + 1024; reads++) {
    const { done, value } = await reader.read()
    if (done) {
      const bytes = new Uint8Array(total)
      let at = 0
      for (const chunk of chunks) {
        bytes.set(chunk, at)
        at += chunk.byteLength
      }
      return { ok: true, bytes }
    }
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return { ok: false, reason: 'too-large' }
    }
    chunks.push(value)
  }
  await reader.cancel().catch(() => undefined)
  return { ok: false, reason: 'too-large' }
}
