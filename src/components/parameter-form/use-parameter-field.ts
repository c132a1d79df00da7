'use client'
import { useCallback, useSyncExternalStore } from 'react'
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
  return createFieldApi(control, field, [name])
}
