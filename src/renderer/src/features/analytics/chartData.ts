import type { Timeseries } from './usageApi.ts';
import { bucketLabel } from './timeRange.ts';

const COLORS = ['teal.6', 'blue.6', 'grape.6', 'orange.6', 'cyan.6', 'pink.6', 'lime.7', 'indigo.6', 'yellow.6', 'red.6', 'gray.6'];

/** Long points (t, key, value) → one row per bucket with a column per key, for stacked charts. */
export function pivotSpend(ts: Timeseries) {
  // The server orders series biggest first ('other' last) when it says so; otherwise keep first-seen order.
  const keys = ts.keys ?? [...new Set(ts.points.map((p) => p.key))].sort((a, b) => (a === 'other' ? 1 : b === 'other' ? -1 : 0));
  const rows = new Map<string, Record<string, number | string>>();
  for (const p of ts.points) {
    const row = rows.get(p.t) ?? { t: p.t, label: bucketLabel(p.t, ts.bucket), ...Object.fromEntries(keys.map((k) => [k, 0])) };
    row[p.key] = (Number(row[p.key]) || 0) + p.spendCredits;
    rows.set(p.t, row);
  }
  const data = [...rows.values()].sort((a, b) => String(a.t).localeCompare(String(b.t)));
  const series = keys.map((k, i) => ({ name: k, label: ts.names[k] ?? (k === 'other' ? 'Other' : k === 'all' ? 'All' : k), color: COLORS[i % COLORS.length]! }));
  return { data, series };
}

/** Requests and errors per bucket (groupBy none). */
export function volumeRows(ts: Timeseries) {
  const rows = new Map<string, { t: string; label: string; ok: number; errors: number }>();
  for (const p of ts.points) {
    const row = rows.get(p.t) ?? { t: p.t, label: bucketLabel(p.t, ts.bucket), ok: 0, errors: 0 };
    row.ok += p.requests - p.errors;
    row.errors += p.errors;
    rows.set(p.t, row);
  }
  return [...rows.values()].sort((a, b) => a.t.localeCompare(b.t));
}
