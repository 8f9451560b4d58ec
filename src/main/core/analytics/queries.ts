// The usage.* answers, built from slices (slices.ts) read through one SqlRunner. `source: 'raw'` reads the same
// ranges from usage_events only: the reference the rollup answers are tested against, and a fallback.
import type { z } from 'zod';
import { badRequest } from '../lib/errors.ts';
import type { Cell, Dim, Grid, Scope } from './collect.ts';
import { collect, emptyCell, namesOf } from './collect.ts';
import type { SeriesPoint, Summary, Timeseries, TopRow, summaryInput, timeseriesInput, topInput } from './contract.ts';
import { percentile } from './histogram.ts';
import type { Slice } from './slices.ts';
import { bucketStarts, rangeSlices, rawOnly, seriesSlices } from './slices.ts';
import type { SqlRunner } from './sql.ts';

export type Source = 'rollup' | 'raw';

export interface QueryContext {
  runner: SqlRunner;
  /** The org's IANA time zone (day buckets), already validated. */
  zone: string;
  source: Source;
}

/** Hour series over more than 31 days are refused: unreadable as a chart, and past the 150 ms budget at 1M events. */
export const MAX_HOUR_BUCKETS = 31 * 24;

export const credits = (micro: number): number => micro / 1_000_000;

const scopeOf = (orgId: string, i: { workspaceId?: string | undefined; agentGroupId?: string | undefined;
  agentId?: string | undefined }): Scope => ({ orgId, workspaceId: i.workspaceId, agentGroupId: i.agentGroupId, agentId: i.agentId });

const pick = (ctx: QueryContext, slices: Slice[]): Slice[] => (ctx.source === 'raw' ? rawOnly(slices, ctx.zone) : slices);

export async function summary(ctx: QueryContext, orgId: string, input: z.output<typeof summaryInput>): Promise<Summary> {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const slices = pick(ctx, rangeSlices(from, to, ctx.zone));
  const grid = await collect(ctx.runner, scopeOf(orgId, input), slices, 'none', true);
  const c = grid.get(from)?.get('all') ?? emptyCell();
  return {
    requests: c.requests,
    errors: c.errors,
    errorRate: c.requests ? c.errors / c.requests : 0,
    spendCredits: credits(c.costMicro),
    inputTokens: c.inputTokens,
    outputTokens: c.outputTokens,
    latencyP50Ms: percentile(c.latency, 0.5),
    latencyP95Ms: percentile(c.latency, 0.95),
    ttftP50Ms: percentile(c.ttft, 0.5),
    ttftP95Ms: percentile(c.ttft, 0.95),
  };
}

/** Biggest spenders first; ties by requests, then key, so the order is stable. */
function ranked(totals: Map<string, Cell>): [string, Cell][] {
  return [...totals].sort(([ka, a], [kb, b]) => b.costMicro - a.costMicro || b.requests - a.requests || (ka < kb ? -1 : ka > kb ? 1 : 0));
}

function totalsByKey(grid: Grid): Map<string, Cell> {
  const totals = new Map<string, Cell>();
  for (const row of grid.values()) {
    for (const [k, c] of row) {
      const t = totals.get(k) ?? emptyCell();
      t.requests += c.requests;
      t.errors += c.errors;
      t.costMicro += c.costMicro;
      totals.set(k, t);
    }
  }
  return totals;
}

export async function timeseries(ctx: QueryContext, orgId: string, input: z.output<typeof timeseriesInput>): Promise<Timeseries> {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const dim: Dim = input.groupBy;
  if (input.bucket === 'hour' && to - from > MAX_HOUR_BUCKETS * 3_600_000) {
    throw badRequest(`hour buckets cover at most 31 days; use day buckets for this range`);
  }
  const buckets = bucketStarts(from, to, input.bucket, ctx.zone);
  const grid = await collect(ctx.runner, scopeOf(orgId, input), pick(ctx, seriesSlices(from, to, input.bucket, ctx.zone)), dim);
  // Keep the top `limit` keys by spend over the whole range; the rest become one 'other' series.
  const order = ranked(totalsByKey(grid)).map(([k]) => k);
  const kept = dim === 'none' ? ['all'] : order.slice(0, input.limit);
  const keptSet = new Set(kept);
  const keys = order.length > kept.length && dim !== 'none' ? [...kept, 'other'] : kept;
  const points: SeriesPoint[] = [];
  for (const b of buckets) {
    const row = grid.get(b);
    const acc = new Map(keys.map((k) => [k, { spend: 0, requests: 0, errors: 0 }]));
    for (const [k, c] of row ?? []) {
      const a = acc.get(keptSet.has(k) ? k : 'other')!;
      a.spend += c.costMicro;
      a.requests += c.requests;
      a.errors += c.errors;
    }
    const t = new Date(b).toISOString();
    for (const [key, a] of acc) points.push({ t, key, spendCredits: credits(a.spend), requests: a.requests, errors: a.errors });
  }
  const names = await namesOf(ctx.runner, orgId, dim, kept);
  if (keys.includes('other')) names.other = 'Other';
  if (dim === 'none') names.all = 'All';
  return { bucket: input.bucket, names, points, timeZone: input.bucket === 'day' ? ctx.zone : 'UTC', keys };
}

export async function top(ctx: QueryContext, orgId: string, input: z.output<typeof topInput>): Promise<TopRow[]> {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const grid = await collect(ctx.runner, scopeOf(orgId, input), pick(ctx, rangeSlices(from, to, ctx.zone)), input.by);
  const rows = ranked(grid.get(from) ?? new Map()).slice(0, input.limit);
  const names = await namesOf(ctx.runner, orgId, input.by, rows.map(([k]) => k));
  return rows.map(([key, c]) => ({
    key, name: names[key] ?? key, spendCredits: credits(c.costMicro), requests: c.requests, errors: c.errors,
    errorRate: c.requests ? c.errors / c.requests : 0,
  }));
}

/** Spend and requests over [from, to) without histograms (burn rate). */
export async function spendBetween(ctx: QueryContext, orgId: string, from: number, to: number): Promise<Cell> {
  const grid = await collect(ctx.runner, { orgId }, pick(ctx, rangeSlices(from, to, ctx.zone)), 'none');
  return grid.get(from)?.get('all') ?? emptyCell();
}
