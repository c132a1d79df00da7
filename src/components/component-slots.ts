import type { ComponentPropsWithRef, ComponentType } from 'react'

/** A stand-in for a native `<button>`: it receives every prop the native one would, `ref` included. */
export type ButtonSlot = ComponentType<ComponentPropsWithRef<'button'>>

/** A stand-in for a native `<a>`: it receives every prop the native one would, `ref` included. */
export type LinkSlot = ComponentType<ComponentPropsWithRef<'a'>>

/**
 * A stand-in for a native `<video>`: it must forward `ref` and the media event handlers
 * (`onLoadedMetadata`, `onTimeUpdate`) to a real video element, since duration and looping read it.
 */
export type VideoSlot = ComponentType<ComponentPropsWithRef<'video'>>
