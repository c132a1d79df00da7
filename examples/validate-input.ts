import { getModel, isLtxError, parseInput, readSchemaForm } from 'ltx-react'

// Validate before you spend a credit: the same schemas run in the browser and in the proxy.
export function validateExample(): string[] {
  const fast = parseInput('ltx-2-fast', { prompt: 'Waves at dusk, slow dolly in' })
  // → { prompt: '…', duration: 8, generate_audio: true, resolution: '2k' }

  const lines = [`ltx-2-fast will render ${fast.duration} s at ${fast.resolution}`]
  try {
    parseInput('ltx-2-19b', { mode: 'image-to-video', prompt: 'A cat blinks', aspect_ratio: '16:9' })
  } catch (error) {
    if (isLtxError(error, 'validation')) {
      for (const issue of error.issues) lines.push(`${issue.path.join('.')}: ${issue.message}`)
    }
  }

  // Forms and docs read the schema: labels, ranges, defaults, widgets.
  const form = readSchemaForm(getModel('ltx-2-19b-t2v').schema)
  if (form.kind === 'fields') {
    const fps = form.fields.find((field) => field.name === 'fps')
    lines.push(`${fps?.label}: ${fps?.min}–${fps?.max}, default ${String(fps?.default)}`)
  }
  return lines
}
