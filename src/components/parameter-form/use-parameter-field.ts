'use client'
import { useCallback, useSyncExternalStore } from 'react'
import type { FieldDescriptor } from '../../core/read-fields'
import { storeKeys, type ParameterFormControl } from './create-form-control'
import { createFieldApi, type ParameterFieldApi } from './create-field-api'

function useStoreKey(control: ParameterFormControl, key: string): unknown {
  const subscribe = useCallback((listener: () => void) => control.store.subscribe(key, listener), [control, key])
  const read = useCallback(() => control.store.get(key), [control, key])
  return useSyncExternalStore(subscribe, read, read)
}

/**
 * Subscribe to one field of a parameter form: the component re-renders only when this field's
 * value, messages, seed lock or picked file change, never when another field is typed in.
 */
export function useParameterField(control: ParameterFormControl, field: FieldDescriptor): ParameterFieldApi {
  const value = useStoreKey(control, storeKeys.value(field.name))
  const errors = useStoreKey(control, storeKeys.errors(field.name)) as Readonly<Record<string, string>> | undefined
  const locked = useStoreKey(control, storeKeys.lock(field.name)) === true
  const fileName = useStoreKey(control, storeKeys.file(field.name)) as string | undefined
  return createFieldApi(control, field, [field.name], value, errors, { locked, fileName })
}
