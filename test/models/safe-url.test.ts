import { describe, expect, it } from 'vitest'
import { isSafeUrl } from '../../src/models/safe-url'

describe('isSafeUrl', () => {
  it('accepts https URLs by default', () => {
    expect(isSafeUrl('https://cdn.example.com/v.mp4')).toBe(true)
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\tjava\nscript:alert(1)',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/a.mp4',
    '//example.com/a.mp4',
    '/relative/path.mp4',
    '',
    'https://',
  ])('refuses %j', (value) => {
    expect(isSafeUrl(value, { https: true, http: true, blob: true, dataMediaTypes: ['image/'] })).toBe(false)
  })

  it('allows plain http only when asked, and loopback http separately', () => {
    expect(isSafeUrl('http://example.com/a.mp4')).toBe(false)
    expect(isSafeUrl('http://example.com/a.mp4', { http: true })).toBe(true)
    expect(isSafeUrl('http://127.0.0.1:4010/a.mp4', { httpLoopback: true })).toBe(true)
    expect(isSafeUrl('http://localhost/a.mp4', { httpLoopback: true })).toBe(true)
    expect(isSafeUrl('http://[::1]/a.mp4', { httpLoopback: true })).toBe(true)
    expect(isSafeUrl('http://127.0.0.1.evil.com/a.mp4', { httpLoopback: true })).toBe(false)
  })

  it('allows blob: only when asked', () => {
    expect(isSafeUrl('blob:https://app.example/1234')).toBe(false)
    expect(isSafeUrl('blob:https://app.example/1234', { blob: true })).toBe(true)
  })

  it('allows data: URIs of the listed media types and never executable ones', () => {
    const policy = { dataMediaTypes: ['image/png', 'image/jpeg', 'image/svg+xml', 'text/html'] }
    expect(isSafeUrl('data:image/png;base64,iVBORw0KGgo=', policy)).toBe(true)
    expect(isSafeUrl('data:image/gif;base64,R0lGOD', policy)).toBe(false)
    expect(isSafeUrl('data:image/svg+xml;base64,PHN2Zz4=', policy)).toBe(false)
    expect(isSafeUrl('data:text/html,<script>alert(1)</script>', policy)).toBe(false)
    expect(isSafeUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(false)
  })

  it('matches data: media types exactly, or by family when the entry ends in a slash', () => {
    expect(isSafeUrl('data:image/pngfoo;base64,AAAA', { dataMediaTypes: ['image/png'] })).toBe(false)
    expect(isSafeUrl('data:video/mp4x;base64,AAAA', { dataMediaTypes: ['video/mp4'] })).toBe(false)
    expect(isSafeUrl('data:image/avif;base64,AAAA', { dataMediaTypes: ['image/'] })).toBe(true)
  })

  it('refuses non-strings', () => {
    expect(isSafeUrl(undefined)).toBe(false)
    expect(isSafeUrl(42)).toBe(false)
    expect(isSafeUrl({ href: 'https://x.y' })).toBe(false)
  })
})
