// Recomputes an org's usage rollups from usage_events: after a time zone change (day buckets move), after a
// migration that adds the rollup tables to existing data, or to repair drift. One transaction; events are read in
// keyset pages so memory stays flat on a long history.
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { Database } from '../db/types.ts';
import { safeZone } from '../ledger/periods.ts';
import type { UsageRollupEvent } from './rollup-deltas.ts';
import { RollupDeltas, ROLLUP_TABLES } from './rollup-deltas.ts';
import { writeDeltasPg, writeDeltasSqlite } from './rollup-write.ts';
import { clientOf, prepared, runnerFor, toMs } from './sql.ts';

const PAGE = 20_000;

const EVENT_COLUMNS = `id, org_id, workspace_id, agent_group_id, agent_id, model, status, input_tokens, output_tokens,
  cost_micro, latency_ms, ttft_ms, created_at`;

interface EventSqlRow {
  id: string; org_id: string; workspace_id: string; agent_group_id: string; agent_id: string; model: string; status: number;
  input_tokens: number; output_tokens: number; cost_micro: number; latency_ms: number; ttft_ms: number | null; created_at: unknown;
}

const toEvent = (r: EventSqlRow): UsageRollupEvent => ({
  orgId: r.org_id, workspaceId: r.workspace_id, agentGroupId: r.agent_group_id, agentId: r.agent_id, model: r.model,
  status: Number(r.status), inputTokens: Number(r.input_tokens), outputTokens: Number(r.output_tokens),
  costMicro: Number(r.cost_micro), latencyMs: Number(r.latency_ms), ttftMs: r.ttft_ms === null ? null : Number(r.ttft_ms),
  createdAtMs: toMs(r.created_at),
});

/**
 * SQLite, synchronous, inside the caller's transaction (e.g. the ledger writer's rebuild task). `zone` defaults to
 * the org's stored time zone. Returns the number of events read.
 */
export function rebuildUsageRollupsSqlite(db: BetterSqlite3.Database, orgId: string, zone?: string): number {
  const org = prepared(db, 'SELECT timezone FROM organizations WHERE id = ?').get(orgId) as { timezone: string } | undefined;
  const zones = new Map([[orgId, safeZone(zone ?? org?.timezone ?? 'UTC')]]);
  for (const t of ROLLUP_TABLES) prepared(db, `DELETE FROM ${t.table} WHERE org_id = ?`).run(orgId);
  const first = prepared(db, `SELECT ${EVENT_COLUMNS} FROM usage_events WHERE org_id = ? ORDER BY created_at, id LIMIT ${PAGE}`);
  const next = prepared(db, `SELECT ${EVENT_COLUMNS} FROM usage_events WHERE org_id = ?
    AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ${PAGE}`);
  let read = 0;
  let after: EventSqlRow | null = null;
  for (;;) {
    const rows = (after ? next.all(orgId, after.created_at, after.created_at, after.id) : first.all(orgId)) as EventSqlRow[];
    if (!rows.length) return read;
    // Each page is summed, then merged into the rows the earlier pages wrote.
    const deltas = new RollupDeltas(zones);
    for (const r of rows) deltas.add(toEvent(r));
    writeDeltasSqlite(db, deltas);
    read += rows.length;
    after = rows[rows.length - 1]!;
  }
}

/** PostgreSQL, inside the caller's transaction on `client`. Locks the org row so usage batches wait meanwhile. */
export async function rebuildUsageRollupsPg(client: pg.ClientBase, orgId: string, zone?: string): Promise<number> {
  const org = await client.query<{ timezone: string }>('SELECT timezone FROM organizations WHERE id = $1 FOR UPDATE', [orgId]);
  const zones = new Map([[orgId, safeZone(zone ?? org.rows[0]?.timezone ?? 'UTC')]]);
  for (const t of ROLLUP_TABLES) await client.query(`DELETE FROM ${t.table} WHERE org_id = $1`, [orgId]);
  let read = 0;
  let after: EventSqlRow | null = null;
  for (;;) {
    const page: pg.QueryResult<EventSqlRow> = after
      ? await client.query(`SELECT ${EVENT_COLUMNS} FROM usage_events WHERE org_id = $1 AND (created_at, id) > ($2, $3)
          ORDER BY created_at, id LIMIT ${PAGE}`, [orgId, after.created_at, after.id])
      : await client.query(`SELECT ${EVENT_COLUMNS} FROM usage_events WHERE org_id = $1 ORDER BY created_at, id LIMIT ${PAGE}`, [orgId]);
    if (!page.rows.length) return read;
    const deltas = new RollupDeltas(zones);
    for (const r of page.rows) deltas.add(toEvent(r));
    await writeDeltasPg(client, deltas);
    read += page.rows.length;
    after = page.rows[page.rows.length - 1]!;
  }
}

/**
 * Rebuilds an org's usage rollups on the app's own connection, in one transaction. On SQLite this blocks the
 * calling thread for the whole rebuild (about a second per million events): call it from a worker for large orgs.
 */
export async function rebuildUsageRollups(database: Database, orgId: string): Promise<number> {
  const client = clientOf(database);
  if (database.dialect === 'sqlite') {
    // Through database.tx so the rebuild never nests inside another caller's open transaction.
    return database.tx(async () => rebuildUsageRollupsSqlite(client as BetterSqlite3.Database, orgId));
  }
  const c = await (client as pg.Pool).connect();
  try {
    await c.query('BEGIN');
    const n = await rebuildUsageRollupsPg(c, orgId);
    await c.query('COMMIT');
    return n;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

/**
 * Rebuilds the rollups of every org that has usage events but no rollup rows: databases that had events before
 * the rollup tables existed. Cheap when there is nothing to do (two index probes per org). Returns the org ids.
 */
export async function backfillUsageRollups(database: Database): Promise<string[]> {
  const runner = runnerFor(database);
  const missing = await runner.all<{ id: string }>(`SELECT o.id FROM organizations o
    WHERE EXISTS (SELECT 1 FROM usage_events u WHERE u.org_id = o.id)
      AND NOT EXISTS (SELECT 1 FROM usage_org_rollups r WHERE r.org_id = o.id)`, []);
  for (const { id } of missing) await rebuildUsageRollups(database, id);
  return missing.map((m) => m.id);
}
