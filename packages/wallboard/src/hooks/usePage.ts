// Which page of a list to show now: pages turn every `seconds`, derived from the shared clock, so every list
// (and every TV showing the same board) turns in step and no list keeps a timer of its own.
import { useClock } from '../live/clock.ts';

export function pageAt(now: number, pages: number, seconds: number): number {
  if (pages <= 1) return 0;
  return Math.floor(now / (seconds * 1000)) % pages;
}

export function usePage(pages: number, seconds: number): number {
  return useClock((now) => pageAt(now, pages, seconds), [pages, seconds]);
}
