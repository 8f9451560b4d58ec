// Splits a time range into the cheapest exact sources: whole local days from the day rollups, whole UTC hours from
// the hour rollups, and the remaining minutes from usage_events. Every instant of the range is read from exactly
// one slice, so answers equal a scan of the raw table. Local days come from @date-fns/tz (DST-safe).
import { tz } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';

export const HOUR_MS = 3_600_000;
export const floorHour = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;
export const ceilHour = (ms: number): number => Math.ceil(ms / HOUR_MS) * HOUR_MS;

export type Tier = 'day' | 'hour' | 'raw';
export type Bucket = 'hour' | 'day';

export interface Slice {
  tier: Tier;
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  /**
   * The bucket every row of the slice counts toward; null = each row's own bucket (a rollup row's bucket_start, or
   * for raw slices of an hour series, the UTC hour of created_at).
   */
  label: number | null;
}

export interface Day {
  start: number;
  end: number;
}

/** Start of the local day containing `ms` in `zone`. */
export function localDayStart(ms: number, zone: string): number {
  return startOfDay(ms, { in: tz(zone) }).getTime();
}

/** Local days (23, 24 or 25 hours long) that intersect [from, to). */
export function localDays(from: number, to: number, zone: string): Day[] {
  const out: Day[] = [];
  if (from >= to) return out;
  const inZone = { in: tz(zone) };
  let start = startOfDay(from, inZone);
  while (start.getTime() < to) {
    const next = addDays(start, 1, inZone);
    out.push({ start: start.getTime(), end: next.getTime() });
    start = next;
  }
  return out;
}

/** A stretch the day rollups cannot serve: whole hours from the hour rollups, the rest from the raw table. */
function gapSlices(from: number, to: number, label: number | null, rawLabel: (at: number) => number): Slice[] {
  if (from >= to) return [];
  const h0 = ceilHour(from);
  const h1 = floorHour(to);
  if (h0 > h1) return [{ tier: 'raw', from, to, label: rawLabel(from) }]; // inside one hour
  const out: Slice[] = [];
  if (from < h0) out.push({ tier: 'raw', from, to: h0, label: rawLabel(from) });
  if (h0 < h1) out.push({ tier: 'hour', from: h0, to: h1, label });
  if (h1 < to) out.push({ tier: 'raw', from: h1, to, label: rawLabel(h1) });
  return out;
}

/** Whole local days inside [from, to) as one contiguous run, or null. */
function fullDays(from: number, to: number, zone: string): Day | null {
  const inside = localDays(from, to, zone).filter((d) => d.start >= from && d.end <= to);
  if (!inside.length) return null;
  return { start: inside[0]!.start, end: inside[inside.length - 1]!.end };
}

/** Slices for one bucket covering the whole range (summary, top); every row is labelled `from`. */
export function rangeSlices(from: number, to: number, zone: string): Slice[] {
  const label = (): number => from;
  const days = fullDays(from, to, zone);
  if (!days) return gapSlices(from, to, from, label);
  return [
    ...gapSlices(from, days.start, from, label),
    { tier: 'day', from: days.start, to: days.end, label: from },
    ...gapSlices(days.end, to, from, label),
  ];
}

/** Bucket starts of a series over [from, to): UTC hours, or local days in `zone`. */
export function bucketStarts(from: number, to: number, bucket: Bucket, zone: string): number[] {
  if (from >= to) return [];
  if (bucket === 'day') return localDays(from, to, zone).map((d) => d.start);
  const out: number[] = [];
  for (let h = floorHour(from); h < to; h += HOUR_MS) out.push(h);
  return out;
}

/** Slices for a series; rows land in their own bucket (hour or local day), partial edge buckets in theirs. */
export function seriesSlices(from: number, to: number, bucket: Bucket, zone: string): Slice[] {
  if (from >= to) return [];
  if (bucket === 'hour') return gapSlices(from, to, null, floorHour);
  const days = localDays(from, to, zone);
  const full = days.filter((d) => d.start >= from && d.end <= to);
  const out: Slice[] = [];
  const first = days[0]!;
  const last = days[days.length - 1]!;
  if (!full.includes(first)) out.push(...gapSlices(from, Math.min(to, first.end), first.start, () => first.start));
  if (full.length) out.push({ tier: 'day', from: full[0]!.start, to: full[full.length - 1]!.end, label: null });
  if (last !== first && !full.includes(last)) out.push(...gapSlices(last.start, to, last.start, () => last.start));
  return out;
}

/** The same ranges read from the raw table only: the reference the rollups are tested against. */
export function rawOnly(slices: Slice[], zone: string): Slice[] {
  return slices.flatMap((s): Slice[] => {
    if (s.tier === 'raw' || s.label !== null) return [{ ...s, tier: 'raw' }];
    if (s.tier === 'hour') return [{ ...s, tier: 'raw' }]; // null label on raw = group by UTC hour
    return localDays(s.from, s.to, zone).map((d) => ({ tier: 'raw', from: d.start, to: d.end, label: d.start }));
  });
}
