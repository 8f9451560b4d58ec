// Reads slices (see slices.ts) and sums them into a grid: bucket start → key → counters (and, for the summary,
// latency histograms). Every query is filtered by org_id first; scope filters only narrow within that org.
import type { Histogram } from './histogram.ts';
import { addValue, mergeInto } from './histogram.ts';
import type { Slice } from './slices.ts';
import { HOUR_MS } from './slices.ts';
import type { SqlParam, SqlRunner } from './sql.ts';
import { msExpr, toMs, tsParam } from './sql.ts';

export type Dim = 'none' | 'agent' | 'model' | 'workspace';

export interface Scope {
  orgId: string;
  workspaceId?: string | undefined;
  agentGroupId?: string | undefined;
  agentId?: string | undefined;
}

export interface Cell {
  requests: number;
  errors: number;
  costMicro: number;
  inputTokens: number;
  outputTokens: number;
  latency: Histogram;
  ttft: Histogram;
}

export type Grid = Map<number, Map<string, Cell>>;

export const emptyCell = (): Cell => ({ requests: 0, errors: 0, costMicro: 0, inputTokens: 0, outputTokens: 0, latency: {}, ttft: {} });

export function cellOf(grid: Grid, bucket: number, key: string): Cell {
  let row = grid.get(bucket);
  if (!row) grid.set(bucket, (row = new Map()));
  let cell = row.get(key);
  if (!cell) row.set(key, (cell = emptyCell()));
  return cell;
}

const KEY_COLUMN: Record<Exclude<Dim, 'none'>, string> = { agent: 'agent_id', model: 'model', workspace: 'workspace_id' };

const scoped = (s: Scope): boolean => s.workspaceId !== undefined || s.agentGroupId !== undefined || s.agentId !== undefined;

/** The smallest rollup that answers: org totals when nothing is filtered or grouped, per model, else per agent. */
function rollupTable(scope: Scope, dim: Dim): string {
  if (dim === 'model') return 'usage_model_rollups';
  return dim === 'none' && !scoped(scope) ? 'usage_org_rollups' : 'usage_rollups';
}

/** `AND workspace_id = ?`… for the scope's filters, appended to params. */
export function scopeSql(scope: Scope, params: SqlParam[], alias = ''): string {
  let out = '';
  const add = (col: string, v: string | undefined) => {
    if (v === undefined) return;
    out += ` AND ${alias}${col} = ?`;
    params.push(v);
  };
  add('workspace_id', scope.workspaceId);
  add('agent_group_id', scope.agentGroupId);
  add('agent_id', scope.agentId);
  return out;
}

interface SumRow {
  b?: unknown;
  k: string;
  r: unknown;
  e: unknown;
  c: unknown;
  i: unknown;
  o: unknown;
}

function addSums(cell: Cell, row: SumRow): void {
  cell.requests += Number(row.r ?? 0);
  cell.errors += Number(row.e ?? 0);
  cell.costMicro += Number(row.c ?? 0);
  cell.inputTokens += Number(row.i ?? 0);
  cell.outputTokens += Number(row.o ?? 0);
}

/** Counters per (bucket, key), summed in SQL. */
async function sumSlice(runner: SqlRunner, scope: Scope, slice: Slice, dim: Dim, grid: Grid): Promise<void> {
  const d = runner.dialect;
  const raw = slice.tier === 'raw';
  const table = raw ? 'usage_events' : rollupTable(scope, dim);
  const timeCol = raw ? 'created_at' : 'bucket_start';
  const keyExpr = dim === 'none' ? `'all'` : KEY_COLUMN[dim];
  const bucketExpr = slice.label !== null ? null
    : raw ? (d === 'pg' ? msExpr(d, `date_trunc('hour', created_at)`) : `(created_at / ${HOUR_MS}) * ${HOUR_MS}`)
    : msExpr(d, 'bucket_start');
  const sums = raw
    ? `COUNT(*) AS r, SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END) AS e, SUM(cost_micro) AS c,
       SUM(input_tokens) AS i, SUM(output_tokens) AS o`
    : 'SUM(requests) AS r, SUM(errors) AS e, SUM(cost_micro) AS c, SUM(input_tokens) AS i, SUM(output_tokens) AS o';
  const params: SqlParam[] = [scope.orgId];
  let where = 'org_id = ?';
  if (!raw) {
    where += ' AND grain = ?';
    params.push(slice.tier);
  }
  where += ` AND ${timeCol} >= ? AND ${timeCol} < ?`;
  params.push(tsParam(d, slice.from), tsParam(d, slice.to));
  where += scopeSql(scope, params);
  const groups = [bucketExpr, dim === 'none' ? null : keyExpr].filter((g): g is string => g !== null);
  const text = `SELECT ${bucketExpr ? `${bucketExpr} AS b, ` : ''}${keyExpr} AS k, ${sums} FROM ${table} WHERE ${where}`
    + (groups.length ? ` GROUP BY ${groups.join(', ')}` : '');
  for (const row of await runner.all<SumRow>(text, params)) {
    if (!Number(row.r ?? 0)) continue; // an aggregate without GROUP BY answers one all-NULL row on no input
    addSums(cellOf(grid, slice.label ?? toMs(row.b), row.k), row);
  }
}

interface RollupHistRow extends SumRow {
  lh: Histogram | string;
  th: Histogram | string;
}

interface RawHistRow {
  status: unknown;
  c: unknown;
  i: unknown;
  o: unknown;
  l: unknown;
  t: unknown;
}

/** Counters and histograms for one labelled slice, summed in JS (histograms cannot be summed in SQL). */
async function histSlice(runner: SqlRunner, scope: Scope, slice: Slice, grid: Grid): Promise<void> {
  const d = runner.dialect;
  const params: SqlParam[] = [scope.orgId];
  const cell = cellOf(grid, slice.label ?? slice.from, 'all');
  if (slice.tier === 'raw') {
    params.push(tsParam(d, slice.from), tsParam(d, slice.to));
    const text = `SELECT status, cost_micro AS c, input_tokens AS i, output_tokens AS o, latency_ms AS l, ttft_ms AS t
      FROM usage_events WHERE org_id = ? AND created_at >= ? AND created_at < ?${scopeSql(scope, params)}`;
    for (const r of await runner.all<RawHistRow>(text, params)) {
      cell.requests += 1;
      if (Number(r.status) >= 400) cell.errors += 1;
      cell.costMicro += Number(r.c);
      cell.inputTokens += Number(r.i);
      cell.outputTokens += Number(r.o);
      addValue(cell.latency, Number(r.l));
      if (r.t !== null && r.t !== undefined) addValue(cell.ttft, Number(r.t));
    }
    return;
  }
  params.push(slice.tier, tsParam(d, slice.from), tsParam(d, slice.to));
  const text = `SELECT requests AS r, errors AS e, cost_micro AS c, input_tokens AS i, output_tokens AS o,
    latency_hist AS lh, ttft_hist AS th FROM ${rollupTable(scope, 'none')}
    WHERE org_id = ? AND grain = ? AND bucket_start >= ? AND bucket_start < ?${scopeSql(scope, params)}`;
  for (const r of await runner.all<RollupHistRow>(text, params)) {
    addSums(cell, r);
    mergeInto(cell.latency, r.lh);
    mergeInto(cell.ttft, r.th);
  }
}

/** Sums every slice into one grid. `histograms` (summary only) needs labelled slices and dim 'none'. */
export async function collect(runner: SqlRunner, scope: Scope, slices: Slice[], dim: Dim, histograms = false): Promise<Grid> {
  const grid: Grid = new Map();
  for (const s of slices) {
    if (histograms) await histSlice(runner, scope, s, grid);
    else await sumSlice(runner, scope, s, dim, grid);
  }
  return grid;
}

/** Display names for agent or workspace keys, read within the org (deleted ones fall back to their id). */
export async function namesOf(runner: SqlRunner, orgId: string, dim: Dim, keys: string[]): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const k of keys) names[k] = k;
  const table = dim === 'agent' ? 'agents' : dim === 'workspace' ? 'workspaces' : null;
  const ids = keys.filter((k) => k !== 'other' && k !== 'all');
  if (!table || !ids.length) return names;
  const rows = await runner.all<{ id: string; name: string }>(
    `SELECT id, name FROM ${table} WHERE org_id = ? AND id IN (${ids.map(() => '?').join(', ')})`, [orgId, ...ids]);
  for (const r of rows) names[r.id] = r.name;
  return names;
}
