'use client';
import { useEffect, useEffectEvent, useRef, useSyncExternalStore, type RefObject } from 'react';

const noSubscription = () => () => {};

/** False in the server render and until React has hydrated the page, then true. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * A barcode scanner types into the field the moment the page shows, often before its scripts
 * have loaded. Forms that use this keep their submit button disabled until hydration (so an early
 * Enter submits nothing, and no code ever lands in a URL); once hydrated, text typed early is
 * handed to `onEarlyValue` exactly once — the scanner's Enter is implied.
 */
export function useEarlyInput(ref: RefObject<HTMLInputElement | null>, onEarlyValue: (value: string) => void): void {
  const handled = useRef(false);
  const handOver = useEffectEvent(onEarlyValue);
  useEffect(() => {
    if (handled.current) return;
    handled.current = true;
    const value = ref.current?.value ?? '';
    if (value.trim() !== '') handOver(value);
  }, [ref]);
}
