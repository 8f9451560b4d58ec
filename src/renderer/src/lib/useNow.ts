import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`; for time windows ("last 24 h") that slide without a reload. */
export function useNow(everyMs: number = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}
