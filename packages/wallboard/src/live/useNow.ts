import { useEffect, useState } from 'react';

/** The client clock, re-rendering on each whole second (aligned, so the clock's seconds flip on time). */
export function useNow(periodMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const t = Date.now();
      timer = setTimeout(() => {
        setNow(Date.now());
        schedule();
      }, periodMs - (t % periodMs) + 5);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [periodMs]);
  return now;
}
