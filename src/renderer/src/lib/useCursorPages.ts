import { useState } from 'react';

/**
 * Cursor paging for "newest first" lists: the cursors of the pages seen so far, so "Newer" goes back exactly and
 * "Older" follows the server's nextCursor. `reset` (on a filter change) returns to the first page.
 */
export function useCursorPages() {
  const [stack, setStack] = useState<string[]>([]);
  return {
    cursor: stack[stack.length - 1],
    page: stack.length + 1,
    older: (next: string) => setStack((s) => [...s, next]),
    newer: () => setStack((s) => s.slice(0, -1)),
    reset: () => setStack([]),
  };
}

/** A yyyy-mm-dd input value as the start (or end) of that local day, ISO; undefined when empty. */
export function dayBound(value: string, end = false): string | undefined {
  if (!value) return undefined;
  const d = new Date(`${value}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (end) d.setDate(d.getDate() + 1), d.setMilliseconds(-1);
  return d.toISOString();
}
