export const RANGES = [
  { value: '24h', label: '24 h', ms: 86_400_000, bucket: 'hour' },
  { value: '7d', label: '7 days', ms: 7 * 86_400_000, bucket: 'hour' },
  { value: '30d', label: '30 days', ms: 30 * 86_400_000, bucket: 'day' },
  { value: '90d', label: '90 days', ms: 90 * 86_400_000, bucket: 'day' },
] as const;
export type RangeKey = (typeof RANGES)[number]['value'];

/** [from, to] ending a minute ahead of `now`, so requests made before the next window move are inside it. */
export function windowOf(range: RangeKey, now: number) {
  const r = RANGES.find((x) => x.value === range) ?? RANGES[0];
  const to = now + 60_000;
  return { from: new Date(to - r.ms).toISOString(), to: new Date(to).toISOString(), bucket: r.bucket };
}

export function bucketLabel(iso: string, bucket: 'hour' | 'day'): string {
  const d = new Date(iso);
  return bucket === 'hour'
    ? d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}
