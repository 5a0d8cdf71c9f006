// The root font size in px (the board scales its rem with the screen), re-read when a measured area resizes.
import { useMemo } from 'react';

export function useRem(...deps: number[]): number {
  return useMemo(() => {
    const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
    return Number.isFinite(px) && px > 0 ? px : 16;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
