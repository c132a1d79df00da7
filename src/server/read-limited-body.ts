/**
 * The body of a request or reply read up to a limit: its bytes, or `too-large` as soon as the
 * limit is passed, with the first `maxBytes` read so far (`prefix`).
 */
export type LimitedBody =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: 'too-large'; readonly prefix: Uint8Array }

/** The first `total` bytes of `chunks` in one array (the chunk itself when it is all of them: no copy). */
export function concatBytes(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]?.byteLength === total) return chunks[0]
  const bytes = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk.subarray(0, total - at), at)
    at += Math.min(chunk.byteLength, total - at)
    if (at >= total) break
  }
  return bytes
}

/**
 * A reply that the platform's fetch received (not one built in code: its `type` is not
 * `default`) with a declared, unencoded length within the limit: fetch itself stops at that
 * length, so reading it whole at once (one native call, no reader loop) reads no more than the
 * limit. Anything else is read chunk by chunk.
 */
function framedByFetch(source: Pick<Request, 'headers' | 'body'>, declared: string | null, maxBytes: number): boolean {
  const type = (source as { type?: unknown }).type
  if (typeof type !== 'string' || type === 'default' || typeof (source as { arrayBuffer?: unknown }).arrayBuffer !== 'function') return false
  if (declared === null || !/^\d{1,15}$/.test(declared) || Number(declared) > maxBytes) return false
  const coding = source.headers.get('content-encoding')
  return coding === null || coding.trim().toLowerCase() === 'identity'
}

/**
 * Read a body, counting bytes as they stream in and cancelling the stream the moment the count
 * passes `maxBytes`, so an oversize upload is refused without being read (or held) in full. A
 * declared `content-length` over the limit is refused before reading anything, unless
 * `readPrefix` is set: an upstream reply is read up to the limit even then, since its first bytes
 * may name a job that was created (and billed).
 */
export async function readLimitedBody(
  source: Pick<Request, 'headers' | 'body'>,
  maxBytes: number,
  { readPrefix = false }: { readonly readPrefix?: boolean } = {},
): Promise<LimitedBody> {
  const declared = source.headers.get('content-length')
  if (!readPrefix && declared !== null && Number(declared) > maxBytes) {
    await source.body?.cancel().catch(() => undefined)
    return { ok: false, reason: 'too-large', prefix: new Uint8Array(0) }
  }
  if (source.body === null) return { ok: true, bytes: new Uint8Array(0) }
  if (framedByFetch(source, declared, maxBytes)) {
    const bytes = new Uint8Array(await (source as Response).arrayBuffer())
    return bytes.byteLength <= maxBytes ? { ok: true, bytes } : { ok: false, reason: 'too-large', prefix: bytes.subarray(0, maxBytes) }
  }
  const reader = source.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  // Bounded even for a stream of empty chunks: no honest body needs more reads than bytes.
  for (let reads = 0; reads <= maxBytes + 1024; reads++) {
    const { done, value } = await reader.read()
    if (done) return { ok: true, bytes: concatBytes(chunks, total) }
    chunks.push(value)
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return { ok: false, reason: 'too-large', prefix: concatBytes(chunks, maxBytes) }
    }
  }
  await reader.cancel().catch(() => undefined)
  return { ok: false, reason: 'too-large', prefix: concatBytes(chunks, Math.min(total, maxBytes)) }
}

/**
 * A request body, for a submit: read whole in one call (`arrayBuffer()`, which adapters such as
 * Hono's serve without a web stream) when the request declares an unencoded length within the
 * limit, else counted chunk by chunk as {@link readLimitedBody} does. A server frames a request
 * it received at its declared length (HTTP/1.1 reads exactly that many bytes; HTTP/2 refuses a
 * stream that differs), so that read holds no more than the limit. A `Request` built in code
 * may declare a false length: its body is then longer than the limit only if the code made it
 * so, and it is refused all the same.
 */
export async function readRequestBody(request: Pick<Request, 'headers' | 'body' | 'arrayBuffer'>, maxBytes: number): Promise<LimitedBody> {
  const declared = request.headers.get('content-length')
  const coding = request.headers.get('content-encoding')
  if (declared !== null && /^\d{1,15}$/.test(declared) && Number(declared) <= maxBytes && (coding === null || coding.trim().toLowerCase() === 'identity')) {
    const bytes = new Uint8Array(await request.arrayBuffer())
    return bytes.byteLength <= maxBytes ? { ok: true, bytes } : { ok: false, reason: 'too-large', prefix: bytes.subarray(0, maxBytes) }
  }
  return readLimitedBody(request, maxBytes)
}
