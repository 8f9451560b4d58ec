// Latency histograms over fixed log-scale buckets (HDR-style: exact below 32 ms, then 16 linear sub-buckets per
// power of two, so a reported percentile is within ±3.2% of the true value). The rollups store them as sparse JSON
// objects { bucket index: count }; the raw table is bucketed the same way, so raw and rollup answers are identical.

/** Sparse histogram: bucket index (as a string key) → count. */
export type Histogram = Record<string, number>;

const SUB_BITS = 4;
const SUB = 1 << SUB_BITS; // sub-buckets per power of two
const EXACT = 2 * SUB; // values below this have a bucket of their own
const MAX_VALUE = 2 ** 31 - 1; // ~24.8 days in ms; larger values share the top bucket

export function bucketIndex(value: number): number {
  const v = Math.min(MAX_VALUE, Math.max(0, Math.round(value)));
  if (v < EXACT) return v;
  const e = 31 - Math.clz32(v); // floor(log2 v), ≥ 5
  const sub = (v >>> (e - SUB_BITS)) - SUB;
  return EXACT + (e - SUB_BITS - 1) * SUB + sub;
}

/** The integer values [lo, hi) that fall into bucket `index`. */
export function bucketBounds(index: number): [number, number] {
  if (index < EXACT) return [index, index + 1];
  const e = SUB_BITS + 1 + Math.floor((index - EXACT) / SUB);
  const sub = (index - EXACT) % SUB;
  const width = 2 ** (e - SUB_BITS);
  const lo = (SUB + sub) * width;
  return [lo, lo + width];
}

/** What a percentile landing in `index` reports: the middle of the bucket's integer values. */
export function bucketValue(index: number): number {
  const [lo, hi] = bucketBounds(index);
  return (lo + hi - 1) / 2;
}

export function addValue(h: Histogram, value: number, count = 1): void {
  const k = String(bucketIndex(value));
  h[k] = (h[k] ?? 0) + count;
}

/** Adds `from` into `into`; accepts a JSON string (SQLite) or an object (PostgreSQL jsonb). */
export function mergeInto(into: Histogram, from: Histogram | string | null | undefined): void {
  if (!from) return;
  const h = typeof from === 'string' ? (JSON.parse(from) as Histogram) : from;
  for (const k in h) into[k] = (into[k] ?? 0) + Number(h[k]);
}

export function total(h: Histogram): number {
  let n = 0;
  for (const k in h) n += h[k]!;
  return n;
}

/** Nearest-rank percentile (p in 0..1) of the bucketed values; null for an empty histogram. */
export function percentile(h: Histogram, p: number): number | null {
  const entries = Object.entries(h).map(([k, c]) => [Number(k), c] as const).filter(([, c]) => c > 0);
  entries.sort((a, b) => a[0] - b[0]);
  const n = entries.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const [index, c] of entries) {
    seen += c;
    if (seen >= rank) return bucketValue(index);
  }
  return bucketValue(entries[entries.length - 1]![0]);
}
