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
 * How long the field must stay unchanged before early text counts as a finished scan. A scanner
 * types a character every few milliseconds, but on a busy till (or a loaded CI machine) the page's
 * own hydration can stall the keystrokes for longer than 120 ms — which looked a half-typed scan up
 * (e2e 'a scan that is half typed when the scripts arrive'). 400 ms costs that rare path little.
 */
const QUIET_MS = 400;

/**
 * A barcode scanner types into the field the moment the page shows, often before its scripts
 * have loaded. Forms that use this keep their submit button disabled until hydration (so an early
 * Enter submits nothing, and no code ever lands in a URL). The field must be uncontrolled: React
 * would otherwise reset a controlled field's early text while hydrating. Once hydrated, text
 * typed early is handed to `onScan` exactly once, as soon as the field has stopped changing — a
 * scan caught mid-way is not looked up half-typed; the scanner's Enter is implied.
 */
export function useEarlyInput(ref: RefObject<HTMLInputElement | null>, handlers: { onScan: (value: string) => void }): void {
  const handled = useRef(false);
  const onScan = useEffectEvent(handlers.onScan);
  useEffect(() => {
    const field = ref.current;
    if (handled.current || !field || field.value.trim() === '') return;
    let last = field.value;
    let timer: ReturnType<typeof setTimeout>;
    const settle = () => {
      if (field.value !== last) {
        last = field.value;
        timer = setTimeout(settle, QUIET_MS);
        return;
      }
      handled.current = true;
      if (last.trim() !== '') onScan(last);
    };
    timer = setTimeout(settle, QUIET_MS);
    return () => clearTimeout(timer);
  }, [ref]);
}
