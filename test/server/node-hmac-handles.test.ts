import { describe, expect, it } from 'vitest'
import { createJobHandles } from '../../src/server/create-job-handles'

// On Node, job handles are signed with node:crypto (synchronous); elsewhere with Web Crypto.
// Both must give the same bytes, so instances on either runtime open each other's handles.

const secrets = { segmind: ['first-secret-0123456789-abcdefghijkl', 'older-secret-0123456789-abcdefghijkl'], apixo: ['apixo-secret-0123456789-abcdefghijkl'] }

describe('job handles: node:crypto and Web Crypto agree', () => {
  const node = createJobHandles(secrets)
  const web = createJobHandles(secrets, { crypto: 'web' })
  const older = createJobHandles({ segmind: ['older-secret-0123456789-abcdefghijkl'] }, { crypto: 'web' })

  it.each([
    ['segmind', 'f0e1d2c3-b4a5-4968-8776-655443322110', 'alice'],
    ['segmind', 'job-1', undefined],
    ['apixo', 'task_ABC-123', 'user "with" quotes'],
  ] as const)('%s %s for %s: the same handle both ways, each opens the other', async (provider, id, user) => {
    const fromNode = await node.seal(provider, id, user)
    const fromWeb = await web.seal(provider, id, user)
    expect(fromNode).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(fromNode).toBe(fromWeb)
    expect(await web.open(provider, fromNode ?? '', user)).toBe(id)
    expect(await node.open(provider, fromWeb ?? '', user)).toBe(id)
    // Bound to the user and the provider on both sides.
    expect(await node.open(provider, fromWeb ?? '', 'mallory')).toBeUndefined()
    expect(await web.open(provider, fromNode ?? '', 'mallory')).toBeUndefined()
    expect(await node.open(provider === 'segmind' ? 'apixo' : 'segmind', fromNode ?? '', user)).toBeUndefined()
  })

  it('opens handles of a rotated-out secret on both sides', async () => {
    const old = await older.seal('segmind', 'job-7', 'alice')
    expect(await node.open('segmind', old ?? '', 'alice')).toBe('job-7')
    expect(await web.open('segmind', old ?? '', 'alice')).toBe('job-7')
  })

  it('refuses a tampered handle on both sides', async () => {
    const handle = (await node.seal('segmind', 'job-8', 'alice')) ?? ''
    const tampered = `${handle.slice(0, -1)}${handle.endsWith('A') ? 'B' : 'A'}`
    expect(await node.open('segmind', tampered, 'alice')).toBeUndefined()
    expect(await web.open('segmind', tampered, 'alice')).toBeUndefined()
  })
})

describe('job handles: an opened handle is remembered, and only for its own user and provider', () => {
  it('opens again without a mac computed, and still refuses another user, provider, or a changed mac', async () => {
    const handles = createJobHandles(secrets)
    const handle = (await handles.seal('segmind', 'job-9', 'alice')) ?? ''
    expect(await handles.open('segmind', handle, 'alice')).toBe('job-9')
    // Remembered now: the same handle for the same user and provider opens again...
    expect(await handles.open('segmind', handle, 'alice')).toBe('job-9')
    // ...and the memory opens nothing else.
    expect(await handles.open('segmind', handle, 'mallory')).toBeUndefined()
    expect(await handles.open('segmind', handle, undefined)).toBeUndefined()
    expect(await handles.open('apixo', handle, 'alice')).toBeUndefined()
    const tampered = `${handle.slice(0, -1)}${handle.endsWith('A') ? 'B' : 'A'}`
    expect(await handles.open('segmind', tampered, 'alice')).toBeUndefined()
    expect(await handles.open('segmind', `job-8${handle.slice('job-9'.length)}`, 'alice')).toBeUndefined()
    // Refusals leave the memory as it was: the owner still opens it.
    expect(await handles.open('segmind', handle, 'alice')).toBe('job-9')
  })

  it("remembers a handle for the user who opened it, never for the next one who asks", async () => {
    const handles = createJobHandles(secrets)
    const anonymous = (await handles.seal('segmind', 'job-anon', undefined)) ?? ''
    expect(await handles.open('segmind', anonymous, undefined)).toBe('job-anon')
    // A signed-in user asking for an anonymous job's handle is checked, and refused.
    expect(await handles.open('segmind', anonymous, 'alice')).toBeUndefined()
    expect(await handles.open('segmind', anonymous, '')).toBeUndefined()
    expect(await handles.open('segmind', anonymous, undefined)).toBe('job-anon')
  })

  it('stays bounded: 12 000 handles opened, the first still opens (by its mac), none is refused', async () => {
    const handles = createJobHandles(secrets)
    const sealed: string[] = []
    for (let i = 0; i < 12_000; i++) sealed.push((await handles.seal('segmind', `job-${i}`, 'alice')) ?? '')
    for (const [i, handle] of sealed.entries()) expect(await handles.open('segmind', handle, 'alice')).toBe(`job-${i}`)
    // Forgotten or not, a valid handle opens: the memory only spares the mac.
    expect(await handles.open('segmind', sealed[0] ?? '', 'alice')).toBe('job-0')
  })
})
