// Keeps usage_org_rollups, usage_rollups and usage_model_rollups in step with usage_events. applyUsageRollups must
// run in the transaction that inserts the events, with only the events actually inserted (not replays). Day buckets
// use the org's time zone, read in the same transaction.
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { safeZone } from '../ledger/periods.ts';
import type { Histogram } from './histogram.ts';
import { mergeInto } from './histogram.ts';
import type { DayCache, Delta, RollupTable, UsageRollupEvent } from './rollup-deltas.ts';
import { RollupDeltas, ROLLUP_TABLES } from './rollup-deltas.ts';
import { prepared } from './sql.ts';

export type { UsageRollupEvent } from './rollup-deltas.ts';

const COUNTERS = ['requests', 'errors', 'input_tokens', 'output_tokens', 'cost_micro'];
const HISTS = ['latency_hist', 'ttft_hist'];
const counterValues = (d: Delta): number[] => [d.requests, d.errors, d.inputTokens, d.outputTokens, d.costMicro];
const columnsOf = (t: RollupTable): string[] => [...t.keys, ...COUNTERS, ...(t.histograms ? HISTS : [])];

// SQLite: the caller holds the database's only write transaction, so reading a row, merging its histograms in JS and
// writing it back cannot lose an update (a conflicting writer gets SQLITE_BUSY instead). Merging in SQL with
// json_each costs ~10x more per row.
interface SqliteSql {
  get?: string;
  insert?: string;
  update?: string;
  upsert?: string;
}

function sqliteSql(t: RollupTable): SqliteSql {
  const where = t.keys.map((k) => `${k} = ?`).join(' AND ');
  const cols = columnsOf(t);
  const insert = `INSERT INTO ${t.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  if (!t.histograms) {
    const add = COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
    return { upsert: `${insert} ON CONFLICT (${t.keys.join(', ')}) DO UPDATE SET ${add}` };
  }
  return {
    get: `SELECT latency_hist AS l, ttft_hist AS t FROM ${t.table} WHERE ${where}`,
    insert,
    update: `UPDATE ${t.table} SET ${COUNTERS.map((c) => `${c} = ${c} + ?`).join(', ')}, latency_hist = ?, ttft_hist = ? WHERE ${where}`,
  };
}
const SQLITE_SQL = new Map(ROLLUP_TABLES.map((t) => [t.table, sqliteSql(t)]));

/** Writes a batch's sums on SQLite (synchronous, inside the caller's better-sqlite3 transaction). */
export function writeDeltasSqlite(db: BetterSqlite3.Database, deltas: RollupDeltas): void {
  for (const t of ROLLUP_TABLES) {
    const sql = SQLITE_SQL.get(t.table)!;
    const rows = deltas.rows.get(t.table)!.values();
    if (sql.upsert) {
      const upsert = prepared(db, sql.upsert);
      for (const d of rows) upsert.run(...d.key, ...counterValues(d));
      continue;
    }
    const [get, insert, update] = [prepared(db, sql.get!), prepared(db, sql.insert!), prepared(db, sql.update!)];
    for (const d of rows) {
      const old = get.get(...d.key) as { l: string; t: string } | undefined;
      if (!old) {
        insert.run(...d.key, ...counterValues(d), JSON.stringify(d.latency), JSON.stringify(d.ttft));
        continue;
      }
      const latency = JSON.parse(old.l) as Histogram;
      const ttft = JSON.parse(old.t) as Histogram;
      mergeInto(latency, d.latency);
      mergeInto(ttft, d.ttft);
      update.run(...counterValues(d), JSON.stringify(latency), JSON.stringify(ttft), ...d.key);
    }
  }
}

// PostgreSQL: one statement per table and batch. Histograms merge inside the upsert, so several instances writing
// to one database never lose an update.
const pgMerge = (table: string, col: string) => `${col} = (SELECT COALESCE(jsonb_object_agg(key, n), '{}'::jsonb) FROM
  (SELECT key, SUM(value::bigint) AS n FROM (SELECT * FROM jsonb_each_text(${table}.${col})
   UNION ALL SELECT * FROM jsonb_each_text(EXCLUDED.${col})) x GROUP BY key) y)`;
const PG_TYPE: Record<string, string> = { bucket_start: 'timestamptz', requests: 'int', errors: 'int', input_tokens: 'bigint',
  output_tokens: 'bigint', cost_micro: 'bigint', latency_hist: 'jsonb', ttft_hist: 'jsonb' };

function pgUpsert(t: RollupTable): string {
  const cols = columnsOf(t);
  const sets = [...COUNTERS.map((c) => `${c} = ${t.table}.${c} + EXCLUDED.${c}`),
    ...(t.histograms ? HISTS.map((h) => pgMerge(t.table, h)) : [])];
  return `INSERT INTO ${t.table} (${cols.join(', ')})
    SELECT * FROM unnest(${cols.map((c, i) => `$${i + 1}::${PG_TYPE[c] ?? 'text'}[]`).join(', ')})
    ON CONFLICT (${t.keys.join(', ')}) DO UPDATE SET ${sets.join(', ')}`;
}
const PG_UPSERTS = new Map(ROLLUP_TABLES.map((t) => [t.table, pgUpsert(t)]));

/** Writes a batch's sums on PostgreSQL, inside the caller's transaction on `client`. */
export async function writeDeltasPg(client: pg.ClientBase, deltas: RollupDeltas): Promise<void> {
  for (const t of ROLLUP_TABLES) {
    const rows = [...deltas.rows.get(t.table)!.values()].map((d) => {
      const key = d.key.map((v, i) => (i === 2 ? new Date(v as number).toISOString() : v));
      return [...key, ...counterValues(d), ...(t.histograms ? [JSON.stringify(d.latency), JSON.stringify(d.ttft)] : [])];
    });
    if (!rows.length) continue;
    await client.query(PG_UPSERTS.get(t.table)!, rows[0]!.map((_, i) => rows.map((r) => r[i])));
  }
}

/** Per-connection memo of pure computations that cost more than the row writes (zone checks, day bounds). */
const memos = new WeakMap<object, { days: DayCache; zones: Map<string, string> }>();
function memoOf(conn: object) {
  let m = memos.get(conn);
  if (!m) memos.set(conn, (m = { days: new Map(), zones: new Map() }));
  return m;
}

/** safeZone builds an Intl.DateTimeFormat (~50 µs): each zone string is checked once per connection. */
function checkedZone(conn: object, zone: string): string {
  const zones = memoOf(conn).zones;
  let z = zones.get(zone);
  if (z === undefined) zones.set(zone, (z = safeZone(zone)));
  return z;
}

function deltasOf(conn: object, events: readonly UsageRollupEvent[], zones: Map<string, string>): RollupDeltas {
  const d = new RollupDeltas(zones, memoOf(conn).days);
  for (const e of events) d.add(e);
  return d;
}

const orgIds = (events: readonly UsageRollupEvent[]): string[] => [...new Set(events.map((e) => e.orgId))];

function applySqlite(db: BetterSqlite3.Database, events: readonly UsageRollupEvent[]): void {
  const zoneOf = prepared(db, 'SELECT timezone FROM organizations WHERE id = ?');
  const zones = new Map(orgIds(events).map((id) =>
    [id, checkedZone(db, (zoneOf.get(id) as { timezone: string } | undefined)?.timezone ?? 'UTC')]));
  writeDeltasSqlite(db, deltasOf(db, events, zones));
}

async function applyPg(client: pg.ClientBase, events: readonly UsageRollupEvent[]): Promise<void> {
  // FOR SHARE: a time zone change (and rebuildUsageRollups, which locks the row FOR UPDATE) waits for this batch.
  const r = await client.query<{ id: string; timezone: string }>(
    'SELECT id, timezone FROM organizations WHERE id = ANY($1::text[]) FOR SHARE', [orgIds(events)]);
  const zones = new Map(r.rows.map((o) => [o.id, checkedZone(client, o.timezone)]));
  await writeDeltasPg(client, deltasOf(client, events, zones));
}

/**
 * Adds newly inserted usage events to the rollups, inside the caller's open transaction. SQLite: pass the
 * better-sqlite3 connection (runs synchronously). PostgreSQL: pass the client holding the transaction.
 */
export function applyUsageRollups(db: BetterSqlite3.Database, events: readonly UsageRollupEvent[]): void;
export function applyUsageRollups(db: pg.ClientBase, events: readonly UsageRollupEvent[]): Promise<void>;
export function applyUsageRollups(db: BetterSqlite3.Database | pg.ClientBase, events: readonly UsageRollupEvent[]): void | Promise<void> {
  if ('prepare' in db && typeof db.prepare === 'function') {
    if (events.length) applySqlite(db as BetterSqlite3.Database, events);
    return;
  }
  return events.length ? applyPg(db as pg.ClientBase, events) : Promise.resolve();
}
