// @vitest-environment jsdom
// The state hook alone: the value, the push and its announcement, without any element props.
import { act, renderHook } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useSegmentPickerState } from '../../src/components/use-segment-picker-state'

describe('useSegmentPickerState', () => {
  it('keeps the value within the limits, pushes the other end and says so', () => {
    const onChange = vi.fn()
    const { result } = renderHook(() => useSegmentPickerState({ durationSec: 30, onChange }))
    expect(result.current.value).toEqual({ start: 0, end: 20 })
    expect(result.current.state).toBe('idle')
    act(() => result.current.setValue({ start: 19.5, end: 20 }, 'start'))
    expect(result.current.value).toEqual({ start: 19.5, end: 21.5 })
    expect(onChange).toHaveBeenLastCalledWith({ start: 19.5, end: 21.5 })
    expect(result.current.announcement).toBe('End moved to 21.5 seconds')
    act(() => result.current.setValue({ start: 19.5, end: 25 }, 'end'))
    expect(result.current.announcement).toBe('')
  })

  it('is disabled while the length is unknown and invalid when the video is too short', () => {
    expect(renderHook(() => useSegmentPickerState({ durationSec: Number.NaN })).result.current.state).toBe('disabled')
    const short = renderHook(() => useSegmentPickerState({ durationSec: 1.5 })).result.current
    expect(short.value).toEqual({ start: 0, end: 1.5 })
    expect(short.state).toBe('invalid')
  })
})
