import type { ComponentPropsWithRef, ComponentType, JSX } from 'react'

/** A stand-in for a native `<button>`: it receives every prop the native one would, `ref` included. */
export type ButtonSlot = ComponentType<ComponentPropsWithRef<'button'>>

/** A stand-in for a native `<a>`: it receives every prop the native one would, `ref` included. */
export type LinkSlot = ComponentType<ComponentPropsWithRef<'a'>>

/**
 * A stand-in for a native `<video>`: it must forward `ref` and the media event handlers
 * (`onLoadedMetadata`, `onTimeUpdate`) to a real video element, since duration and looping read it.
 */
export type VideoSlot = ComponentType<ComponentPropsWithRef<'video'>>

/**
 * What a headless hook's prop getter takes from its caller, to merge over its own: any prop of
 * the element, `ref` and `data-*` included (see each getter for what it keeps).
 */
export type PartProps<Tag extends keyof JSX.IntrinsicElements> = ComponentPropsWithRef<Tag> & {
  [attribute: `data-${string}`]: string | number | boolean | undefined
}
