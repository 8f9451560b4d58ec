import type { IdGen } from '../lib/ids.ts';

/**
 * Time-ordered ids for ledger and usage rows: a base-36 millisecond prefix, then the injected generator's random
 * part. New rows land at the right edge of the primary-key B-tree instead of dirtying a random page each, which
 * is most of what a bulk insert costs once the table outgrows the page cache.
 */
export function orderedId(ids: IdGen, prefix: string, nowMs: number): string {
  return `${prefix}_${Math.max(0, nowMs).toString(36).padStart(9, '0')}${ids.id('x').slice(2)}`;
}
