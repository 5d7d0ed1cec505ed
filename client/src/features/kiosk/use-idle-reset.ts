import { useEffect, useRef, useState } from 'react';

const TICK_MS = 250;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel'] as const;

/**
 * While `watching`, any touch, key or wheel counts as activity. `countdownMs` before `idleMs` of
 * inactivity the seconds left are returned (for a visible countdown); at `idleMs` `onIdle` is called.
 */
export function useIdleReset(options: { watching: boolean; idleMs: number; countdownMs: number; onIdle(): void }): number | null {
  const { watching, idleMs, countdownMs } = options;
  const onIdle = useRef(options.onIdle);
  onIdle.current = options.onIdle;
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  useEffect(() => {
    setSecondsLeft(null);
    if (!watching) return;
    let last = Date.now();
    const active = () => { last = Date.now(); };
    for (const event of ACTIVITY) document.addEventListener(event, active, { capture: true, passive: true });
    const timer = setInterval(() => {
      const left = idleMs - (Date.now() - last);
      if (left <= 0) {
        last = Date.now();
        setSecondsLeft(null);
        onIdle.current();
      } else {
        setSecondsLeft(left <= countdownMs ? Math.ceil(left / 1000) : null);
      }
    }, TICK_MS);
    return () => {
      clearInterval(timer);
      for (const event of ACTIVITY) document.removeEventListener(event, active, { capture: true });
    };
  }, [watching, idleMs, countdownMs]);

  return secondsLeft;
}
