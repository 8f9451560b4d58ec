// Display helpers. Money arrives as integer micro-credits (or micro-USD); the panel shows decimals.

/** HTTP delivers dates as ISO strings while the inferred types say Date; IPC does the same. Accept both. */
export const toDate = (v: Date | string | number): Date => (v instanceof Date ? v : new Date(v));

export const microToCredits = (micro: number): number => micro / 1_000_000;

/**
 * 12.5 → "12.50", 9.999877 → "9.999877": at least two decimals and up to six (the ledger's precision), so a
 * cheap request's charge is visible in the balance instead of being rounded away.
 */
export function formatCredits(credits: number): string {
  return credits.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 6 });
}

export const formatMicroCredits = (micro: number): string => formatCredits(microToCredits(micro));

/** Micro-USD per million tokens → "$3.00". */
export const formatUsd = (microUsd: number): string =>
  `$${(microUsd / 1_000_000).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;

export const formatInt = (n: number): string => n.toLocaleString();

export const formatPercent = (ratio: number): string =>
  `${(ratio * 100).toLocaleString(undefined, { maximumFractionDigits: ratio < 0.1 ? 2 : 1 })}%`;

export const formatMs = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;

export function formatDateTime(v: Date | string | number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return toDate(v).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(v: Date | string | number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return toDate(v).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** "3 min ago", "in 5 days". */
export function formatRelative(v: Date | string | number | null | undefined, now: number = Date.now()): string {
  if (v === null || v === undefined) return 'never';
  const diff = toDate(v).getTime() - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (abs < 60_000) return rtf.format(Math.round(diff / 1000), 'second');
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
}
