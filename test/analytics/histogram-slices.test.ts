// Pure parts of analytics: the log-scale histogram (bucket edges, error bound, percentiles) and how a range is
// split between day rollups, hour rollups and the raw table.
import { describe, expect, it } from 'vitest';
import { bucketBounds, bucketIndex, bucketValue, percentile } from '../../src/main/core/analytics/histogram.ts';
import type { Histogram } from '../../src/main/core/analytics/histogram.ts';
import { addValue } from '../../src/main/core/analytics/histogram.ts';
import { bucketStarts, rangeSlices, seriesSlices } from '../../src/main/core/analytics/slices.ts';

const at = (iso: string): number => new Date(iso).getTime();
const iso = (ms: number): string => new Date(ms).toISOString();
const show = (s: { tier: string; from: number; to: number; label: number | null }[]) =>
  s.map((x) => `${x.tier} ${iso(x.from).slice(5, 16)}..${iso(x.to).slice(5, 16)} ${x.label === null ? '*' : iso(x.label).slice(5, 16)}`);

describe('latency histogram', () => {
  it('keeps values below 32 ms exact and every other value within 3.2%', () => {
    for (let v = 0; v < 32; v += 1) expect(bucketValue(bucketIndex(v))).toBe(v);
    for (let v = 32; v < 3_000_000; v = Math.ceil(v * 1.013) + 1) {
      const [lo, hi] = bucketBounds(bucketIndex(v));
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThan(hi);
      expect(Math.abs(bucketValue(bucketIndex(v)) - v) / v).toBeLessThanOrEqual(1 / 31);
    }
    expect(bucketBounds(bucketIndex(100))).toEqual([100, 104]);
    expect(bucketIndex(2 ** 40)).toBe(bucketIndex(2 ** 31 - 1)); // absurd values share the top bucket
  });

  it('takes nearest-rank percentiles', () => {
    const h: Histogram = {};
    for (const v of [10, 20, 30, 40, 50, 60, 70, 80, 90, 1000]) addValue(h, v);
    expect(percentile(h, 0.5)).toBe(50.5); // 50 → bucket [50, 52)
    expect(percentile(h, 0.95)).toBe(bucketValue(bucketIndex(1000)));
    expect(percentile({}, 0.5)).toBeNull();
    expect(percentile({ 7: 1 }, 0.99)).toBe(7);
  });
});

describe('range slicing', () => {
  it('reads whole days from day rollups, whole hours from hour rollups and the rest raw', () => {
    expect(show(rangeSlices(at('2026-03-09T10:30:00Z'), at('2026-03-12T05:15:00Z'), 'UTC'))).toEqual([
      'raw 03-09T10:30..03-09T11:00 03-09T10:30', 'hour 03-09T11:00..03-10T00:00 03-09T10:30',
      'day 03-10T00:00..03-12T00:00 03-09T10:30', 'hour 03-12T00:00..03-12T05:00 03-09T10:30', 'raw 03-12T05:00..03-12T05:15 03-09T10:30',
    ]);
    // Kolkata (+5:30): local midnight is 18:30 UTC, so the half hour before it is read raw.
    expect(show(rangeSlices(at('2026-03-09T12:00:00Z'), at('2026-03-11T00:00:00Z'), 'Asia/Kolkata'))).toEqual([
      'hour 03-09T12:00..03-09T18:00 03-09T12:00', 'raw 03-09T18:00..03-09T18:30 03-09T12:00',
      'day 03-09T18:30..03-10T18:30 03-09T12:00', 'raw 03-10T18:30..03-10T19:00 03-09T12:00', 'hour 03-10T19:00..03-11T00:00 03-09T12:00',
    ]);
    expect(show(rangeSlices(at('2026-03-09T10:10:00Z'), at('2026-03-09T10:20:00Z'), 'UTC')))
      .toEqual(['raw 03-09T10:10..03-09T10:20 03-09T10:10']);
    expect(rangeSlices(5, 5, 'UTC')).toEqual([]);
  });

  it('labels edge pieces with their own bucket in a series', () => {
    expect(show(seriesSlices(at('2026-03-09T10:30:00Z'), at('2026-03-09T13:15:00Z'), 'hour', 'UTC'))).toEqual([
      'raw 03-09T10:30..03-09T11:00 03-09T10:00', 'hour 03-09T11:00..03-09T13:00 *', 'raw 03-09T13:00..03-09T13:15 03-09T13:00',
    ]);
    expect(show(seriesSlices(at('2026-03-09T10:30:00Z'), at('2026-03-09T11:15:00Z'), 'hour', 'UTC'))).toEqual([
      'raw 03-09T10:30..03-09T11:00 03-09T10:00', 'raw 03-09T11:00..03-09T11:15 03-09T11:00',
    ]);
    expect(show(seriesSlices(at('2026-03-09T10:30:00Z'), at('2026-03-12T05:00:00Z'), 'day', 'UTC'))).toEqual([
      'raw 03-09T10:30..03-09T11:00 03-09T00:00', 'hour 03-09T11:00..03-10T00:00 03-09T00:00',
      'day 03-10T00:00..03-12T00:00 *', 'hour 03-12T00:00..03-12T05:00 03-12T00:00',
    ]);
    expect(bucketStarts(at('2026-03-28T12:00:00Z'), at('2026-03-30T00:00:00Z'), 'day', 'Europe/Berlin').map(iso))
      .toEqual(['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
  });
});
