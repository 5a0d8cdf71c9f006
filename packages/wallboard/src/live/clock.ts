// One shared client clock, ticking on each whole second. Components subscribe to exactly what they show
// (a ticking wait, a countdown, a page number), so a tick re-renders those leaves and nothing else.
import { useCallback, useSyncExternalStore } from 'react';

let now = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function schedule(): void {
  // Aligned to the second (+5 ms), so the clock's seconds flip on time.
  timer = setTimeout(tick, 1_000 - (Date.now() % 1_000) + 5);
}

function tick(): void {
  now = Date.now();
  for (const l of [...listeners]) l();
  schedule();
}

export function subscribeClock(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    now = Date.now();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

export const getNow = (): number => now;

/** The client clock (ms), re-rendering every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribeClock, getNow);
}

/**
 * A value derived from the clock, re-rendering only when it changes (a level, a page number, a boolean).
 * `derive` must return a primitive, or the same object for the same input.
 */
export function useClock<T>(derive: (now: number) => T, deps: readonly unknown[]): T {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const get = useCallback(() => derive(now), deps);
  return useSyncExternalStore(subscribeClock, get);
}
