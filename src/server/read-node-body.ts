import type { IncomingMessage } from 'node:http'
import type { LimitedBody } from './read-limited-body'

/**
 * A request body read straight from Node's stream, with `readLimitedBody`'s rules: a declared
 * `content-length` over `maxBytes` is refused before reading anything, and the reading stops (the
 * stream is paused, not drained) the moment the count passes `maxBytes`. Rejects when the
 * client goes away before the body is complete.
 */
export function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<LimitedBody> {
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.resolve({ ok: false, reason: 'too-large', prefix: new Uint8Array(0) })
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    const stop = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      chunks.push(chunk)
      total += chunk.byteLength
      if (total > maxBytes) {
        stop()
        req.pause()
        resolve({ ok: false, reason: 'too-large', prefix: new Uint8Array(0) })
      }
    }
    const onEnd = () => {
      stop()
      const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total)
      resolve({ ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
    }
    const onError = (error: Error) => {
      stop()
      reject(error)
    }
    const onClose = () => {
      stop()
      reject(new Error('The client closed the connection before the body was complete.'))
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
}
