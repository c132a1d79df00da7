'use client'
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import type { FieldDescriptor } from '../../core/read-fields'
import type { ParameterFormControl, StoreKey } from './create-form-control'
import { createFieldApi, type ParameterFieldApi } from './create-field-api'

/** Subscribe to one key of the form store, through `select` when given. */
export function useStoreKey(control: ParameterFormControl, key: StoreKey, select = (value: unknown) => value): unknown {
  const read = () => select(control.store.get(key))
  // Stable, so React does not drop and re-add the listener after every commit.
  const subscribe = useCallback((listener: () => void) => control.store.subscribe(key, listener), [control, key])
  return useSyncExternalStore(subscribe, read, read)
}

/**
 * Subscribe to one field of a parameter form: the component re-renders only when this field's
 * value, messages, seed lock or picked file change, never when another field is typed in.
 */
export function useParameterField(control: ParameterFormControl, field: FieldDescriptor): ParameterFieldApi {
  const { name } = field
  // Subscribed only to re-render on a change; the API then reads the field's state at once.
  useStoreKey(control, `value:${name}`)
  useStoreKey(control, `lock:${name}`)
  useStoreKey(control, `file:${name}`)
  // Messages live in one map: this field follows the text of its own ones, which compares by
  // value, so a message on another field does not re-render it.
  useStoreKey(control, 'errors', () => JSON.stringify(control.errorsOf(name)))
  // Whether a message of this field (or of an item in it) is the one to announce.
  useStoreKey(control, 'announce', (key) => (typeof key === 'string' && (key === name || key.startsWith(`${name}.`)) ? key : undefined))
  return usePreview(control, createFieldApi(control, field, [name]))
}

/** A URL typed into an image field is previewed once it has been still this long (or on blur). */
const PREVIEW_DELAY_MS = 400

/**
 * An object URL for `blob` while it is given, revoked when it changes and on unmount (undefined
 * where the platform has none, e.g. jsdom: the caller falls back to the data URI).
 */
function useObjectUrl(blob: Blob | undefined): string | undefined {
  // The URL with the blob it was made for: a stale one (its blob gone, so revoked) is never returned.
  const [made, setMade] = useState<readonly [Blob, string] | undefined>(undefined)
  useEffect(() => {
    if (blob === undefined || typeof URL.createObjectURL !== 'function') return
    const created = URL.createObjectURL(blob)
    setMade([blob, created])
    return () => URL.revokeObjectURL(created)
  }, [blob])
  return made !== undefined && made[0] === blob ? made[1] : undefined
}

/**
 * The field's preview, in the headless hook so a design system's own markup gets it: a picked
 * file shows at once, from an object URL of the file (revoked when the file is replaced or
 * removed, and when the field unmounts) rather than its megabytes of data URI; a typed URL only
 * once it is settled, on blur or after {@link PREVIEW_DELAY_MS} without typing, and valid, so the
 * browser does not fetch every partial URL ("https://a", "https://ab", …) as the user types.
 */
function usePreview(control: ParameterFormControl, api: ParameterFieldApi): ParameterFieldApi {
  const key = api.path.join('.')
  const candidate = api.previewUrl
  const local = candidate?.startsWith('data:') === true
  // A URL the form starts with (from `defaultValues`) was not typed: it is settled.
  const [settled, setSettled] = useState(candidate)
  useEffect(() => {
    if (candidate === undefined || local) return
    const timer = setTimeout(() => setSettled(candidate), PREVIEW_DELAY_MS)
    return () => clearTimeout(timer)
  }, [candidate, local])
  const picked = api.fileName === undefined ? undefined : (control.store.get(`blob:${key}`) as Blob | undefined)
  const objectUrl = useObjectUrl(picked)
  if (api.field.widget !== 'image') return api
  const shown = api.invalid ? undefined : local ? (objectUrl ?? candidate) : settled === candidate ? candidate : undefined
  return {
    ...api,
    previewUrl: shown,
    getInputProps(part) {
      const props = api.getInputProps(part)
      return {
        ...props,
        onBlur() {
          props.onBlur()
          setSettled(candidate)
        },
      }
    },
  }
}
