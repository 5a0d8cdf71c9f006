// "A breach flashes once, then stays red": true from the render where a figure turns red (having been seen
// at another level) until its flash animation ends. A figure that is already red when it first appears
// (page load, a new page of a list, the next board of a rotation) does not flash.
import { useCallback, useState } from 'react';
import type { Level } from '../board/levels.ts';

export function useBreachFlash(level: Level, known: boolean): { flashing: boolean; onFlashEnd: () => void } {
  const [prev, setPrev] = useState<Level | null>(null);
  const [flashing, setFlashing] = useState(false);
  if (known && level !== prev) {
    // Adjusting state while rendering, from the previous render's level (React's documented pattern).
    setPrev(level);
    if (level === 'red') setFlashing(prev !== null);
    else if (flashing) setFlashing(false);
  }
  const onFlashEnd = useCallback(() => setFlashing(false), []);
  return { flashing: flashing && level === 'red', onFlashEnd };
}
