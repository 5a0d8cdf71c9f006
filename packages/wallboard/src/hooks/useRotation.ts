// Which board of a rotation shows now. Boards turn every `seconds`, derived from the shared clock (every TV on
// the same URL shows the same board); a person at a non-kiosk board can step or pause, which shifts the offset.
import { useCallback, useState } from 'react';
import { useClock } from '../live/clock.ts';

export interface Rotation {
  index: number;
  paused: boolean;
  step: (delta: number) => void;
  togglePause: () => void;
}

export function boardAt(now: number, count: number, seconds: number, offset: number): number {
  if (count <= 1) return 0;
  const turn = Math.floor(now / (seconds * 1000)) + offset;
  return ((turn % count) + count) % count;
}

export function useRotation(count: number, seconds: number): Rotation {
  const [offset, setOffset] = useState(0);
  const [frozen, setFrozen] = useState<number | null>(null);
  const rotating = useClock((now) => boardAt(now, count, seconds, offset), [count, seconds, offset]);
  const index = frozen !== null ? frozen % Math.max(1, count) : rotating;
  const step = useCallback(
    (delta: number) => {
      if (frozen !== null) setFrozen((i) => ((((i ?? 0) + delta) % count) + count) % count);
      else setOffset((o) => o + delta);
    },
    [count, frozen],
  );
  const togglePause = useCallback(() => {
    if (frozen === null) setFrozen(index);
    else {
      // Resume from the board on screen.
      setOffset((o) => o + (frozen - index));
      setFrozen(null);
    }
  }, [frozen, index]);
  return { index, paused: frozen !== null, step, togglePause };
}
