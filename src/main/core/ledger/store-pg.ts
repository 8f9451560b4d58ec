// The writer's PostgreSQL connection: a batch is a handful of set-based statements (unnest arrays), so the
// round trips per batch stay constant however many ops it carries.
import pg from 'pg';
import { rebuildUsageRollupsPg } from '../analytics/rollup-rebuild.ts';
import { applyUsageRollups } from '../analytics/rollup-write.ts';
import type { Period, Scope } from '../db/schema/enums.ts';
import type { Step } from './batch-plan.ts';
import { planBatch } from './batch-plan.ts';
import type { LedgerStore, SpendCounter } from './store.ts';
import { DeterministicError, errorResult, InjectedFault, TABLE_OF } from './store.ts';
import type { EntryInput, EntryRow, LedgerOp, RollupRebuildTask, VerifyReport, WireResult } from './types.ts';
import type { StoredRollup } from './verify.ts';
import { compareRollups, rebuiltRows, RollupRecompute } from './verify.ts';

// BIGINT (20) and NUMERIC (1700) arrive as strings; money stays far below 2^53.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

const iso = (ms: number): string => new Date(ms).toISOString();

// Class 22 (data) and 23 (constraint) fail the same way on retry, as do our own validation and plain bugs. Lost
// connections, serialization failures and shutdowns may clear, so those are retried.
const isDeterministic = (err: unknown): boolean => {
  if (err instanceof DeterministicError) return true;
  if (err instanceof InjectedFault) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code.startsWith('22') || code.startsWith('23');
  return !/connect|terminat|timeout|ECONN|closed|not queryable/i.test(String((err as Error).message));
};

interface EntryPgRow {
  id: string; org_id: string; kind: EntryRow['kind']; amount_micro: number; idempotency_key: string;
  workspace_id: string | null; agent_group_id: string | null; agent_id: string | null; request_id: string | null;
  actor_user_id: string | null; description: string; created_at: Date;
}

const toEntry = (r: EntryPgRow): EntryRow => ({
  id: r.id, orgId: r.org_id, kind: r.kind, amountMicro: r.amount_micro, idempotencyKey: r.idempotency_key,
  workspaceId: r.workspace_id, agentGroupId: r.agent_group_id, agentId: r.agent_id, requestId: r.request_id,
  actorUserId: r.actor_user_id, description: r.description, createdAtMs: r.created_at.getTime(),
});

/** Column arrays for one unnest() insert. */
function columns<T>(rows: T[], pick: ((r: T) => unknown)[]): unknown[][] {
  return pick.map((f) => rows.map(f));
}

const ENTRY_SQL = `INSERT INTO ledger_entries (id, org_id, kind, amount_micro, idempotency_key, workspace_id, agent_group_id,
  agent_id, request_id, actor_user_id, description, created_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::text[], $10::text[], $11::text[], $12::timestamptz[])
  ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`;
const USAGE_SQL = `INSERT INTO usage_events (id, org_id, request_id, workspace_id, agent_group_id, agent_id, api_key_id, endpoint,
  model, provider, status, error_code, input_tokens, output_tokens, cost_micro, estimated, credential_source, latency_ms, ttft_ms,
  created_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
    $10::text[], $11::int[], $12::text[], $13::int[], $14::int[], $15::bigint[], $16::boolean[], $17::text[], $18::int[], $19::int[],
    $20::timestamptz[])
  ON CONFLICT (request_id) DO NOTHING RETURNING request_id`;
const AUDIT_SQL = `INSERT INTO audit_log (id, org_id, actor_type, actor_id, action, target_type, target_id, details, created_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[],
    $9::timestamptz[])
  ON CONFLICT (id) DO NOTHING`;
const SPEND_SQL = `INSERT INTO spend_rollups (org_id, scope, target_id, period, period_start, spent_micro, charges)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::bigint[], $7::int[])
  ON CONFLICT (scope, target_id, period, period_start) DO UPDATE SET
    spent_micro = spend_rollups.spent_micro + EXCLUDED.spent_micro, charges = spend_rollups.charges + EXCLUDED.charges`;
const BALANCE_SQL = `INSERT INTO org_balances (org_id, balance_micro, entries)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[])
  ON CONFLICT (org_id) DO UPDATE SET balance_micro = org_balances.balance_micro + EXCLUDED.balance_micro,
    entries = org_balances.entries + EXCLUDED.entries`;

export function openPgStore(url: string): LedgerStore {
  let client: pg.Client | null = null;

  async function conn(): Promise<pg.Client> {
    if (client) return client;
    const c = new pg.Client({ connectionString: url, types });
    c.on('error', () => { if (client === c) client = null; }); // a dropped socket is reopened on the next batch
    await c.connect();
    client = c;
    return c;
  }

  async function dropConnection(): Promise<void> {
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  }

  async function exec(c: pg.Client, step: Step): Promise<unknown> {
    switch (step.t) {
      case 'entries': {
        const r = await c.query<{ id: string }>(ENTRY_SQL, columns<EntryInput>(step.rows, [
          (e) => e.id, (e) => e.orgId, (e) => e.kind, (e) => e.amountMicro, (e) => e.idempotencyKey, (e) => e.workspaceId,
          (e) => e.agentGroupId, (e) => e.agentId, (e) => e.requestId, (e) => e.actorUserId, (e) => e.description,
          (e) => iso(e.createdAtMs)]));
        return new Set(r.rows.map((x) => x.id));
      }
      case 'originals': {
        const r = await c.query<EntryPgRow>('SELECT * FROM ledger_entries WHERE idempotency_key = ANY($1::text[])', [step.keys]);
        return new Map(r.rows.map((row) => [row.idempotency_key, toEntry(row)]));
      }
      case 'usage': {
        const r = await c.query<{ request_id: string }>(USAGE_SQL, columns(step.rows, [
          (u) => u.id, (u) => u.orgId, (u) => u.requestId, (u) => u.workspaceId, (u) => u.agentGroupId, (u) => u.agentId,
          (u) => u.apiKeyId, (u) => u.endpoint, (u) => u.model, (u) => u.provider, (u) => u.status, (u) => u.errorCode,
          (u) => u.inputTokens, (u) => u.outputTokens, (u) => u.costMicro, (u) => u.estimated, (u) => u.credentialSource,
          (u) => u.latencyMs, (u) => u.ttftMs, (u) => iso(u.createdAtMs)]));
        return new Set(r.rows.map((x) => x.request_id));
      }
      case 'usageRollups':
        return applyUsageRollups(c, step.rows);
      case 'spend':
        return c.query(SPEND_SQL, columns(step.rows, [(d) => d.orgId, (d) => d.scope, (d) => d.targetId, (d) => d.period,
          (d) => iso(d.periodStart), (d) => d.spentMicro, (d) => d.charges]));
      case 'balances':
        return c.query(BALANCE_SQL, columns(step.rows, [(b) => b.orgId, (b) => b.amountMicro, (b) => b.entries]));
      case 'disable': {
        const { d } = step;
        const r = await c.query(`UPDATE ${TABLE_OF[d.scope]} SET status = 'disabled'${d.scope === 'agent' ? ', disabled_reason = $3' : ''}
          WHERE id = $1 AND ${d.scope === 'org' ? 'id' : 'org_id'} = $2 AND status = 'active'`,
          d.scope === 'agent' ? [d.targetId, d.orgId, d.reason] : [d.targetId, d.orgId]);
        return (r.rowCount ?? 0) > 0;
      }
      case 'audit':
        return c.query(AUDIT_SQL, columns(step.rows, [(a) => a.id, (a) => a.orgId, (a) => a.actorType, (a) => a.actorId,
          (a) => a.action, (a) => a.targetType, (a) => a.targetId, (a) => JSON.stringify(a.details), (a) => iso(a.createdAtMs)]));
    }
  }

  async function applyBatch(c: pg.Client, ops: LedgerOp[]): Promise<WireResult[]> {
    const plan = planBatch(ops);
    let step = plan.next();
    while (!step.done) step = plan.next(await exec(c, step.value));
    return step.value;
  }

  async function inTx<T>(mode: string, fn: (c: pg.Client) => Promise<T>, fault?: string): Promise<T> {
    const c = await conn();
    await c.query(mode);
    try {
      const out = await fn(c);
      if (fault === 'fail-before-commit') throw new InjectedFault('injected failure before commit');
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => dropConnection());
      if (!isDeterministic(err)) await dropConnection();
      throw err;
    }
  }

  async function recompute(c: pg.Client, orgId: string, zone: string): Promise<RollupRecompute> {
    const rc = new RollupRecompute(orgId, zone);
    let after: [Date, string] | null = null;
    for (;;) {
      // Keyset pages keep memory flat on a long ledger.
      const page: pg.QueryResult<{ id: string; amount_micro: number; workspace_id: string | null; agent_group_id: string | null;
        agent_id: string | null; created_at: Date }> = await c.query(`SELECT id, amount_micro, workspace_id, agent_group_id, agent_id,
        created_at FROM ledger_entries WHERE org_id = $1 AND kind = 'charge'
        ${after ? 'AND (created_at, id) > ($2, $3)' : ''} ORDER BY created_at, id LIMIT 5000`, after ? [orgId, after[0], after[1]] : [orgId]);
      for (const r of page.rows) {
        rc.add({ amountMicro: r.amount_micro, workspaceId: r.workspace_id, agentGroupId: r.agent_group_id, agentId: r.agent_id,
          createdAtMs: r.created_at.getTime() });
      }
      const last = page.rows[page.rows.length - 1];
      if (!last || page.rows.length < 5000) return rc;
      after = [last.created_at, last.id];
    }
  }

  return {
    async write(ops, fault) {
      let out: WireResult[];
      try {
        out = await inTx('BEGIN', (c) => applyBatch(c, ops), fault);
      } catch (err) {
        if (!isDeterministic(err)) throw err;
        out = [];
        for (const op of ops) {
          try {
            out.push((await inTx('BEGIN', (c) => applyBatch(c, [op])))[0]!);
          } catch (e) {
            if (!isDeterministic(e)) throw e;
            out.push(errorResult(e));
          }
        }
      }
      if (fault === 'crash-after-commit') process.exit(1); // test hook: the thread dies between COMMIT and reply
      return out;
    },
    async rebuildRollups(task) {
      return inTx('BEGIN', async (c) => {
        await c.query(`DELETE FROM spend_rollups WHERE org_id = $1 AND period IN ('DAILY', 'MONTHLY')`, [task.orgId]);
        const rows = rebuiltRows(await recompute(c, task.orgId, task.timezone));
        if (rows.length) {
          await c.query(SPEND_SQL, columns(rows, [() => task.orgId, (s) => s.scope, (s) => s.targetId, (s) => s.period,
            (s) => iso(s.periodStartMs), (s) => s.spentMicro, (s) => s.charges]));
        }
        await rebuildUsageRollupsPg(c, task.orgId); // analytics' day buckets move with the zone too
        return rows.map((s): SpendCounter => ({ scope: s.scope, targetId: s.targetId, period: s.period,
          periodStartMs: s.periodStartMs, spentMicro: s.spentMicro }));
      });
    },
    async verify(orgId) {
      return inTx('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (c): Promise<VerifyReport> => {
        const org = await c.query<{ timezone: string }>('SELECT timezone FROM organizations WHERE id = $1', [orgId]);
        const bal = await c.query<{ balance_micro: number; entries: number }>(
          'SELECT balance_micro, entries FROM org_balances WHERE org_id = $1', [orgId]);
        const sum = await c.query<{ s: number; n: number }>(
          'SELECT COALESCE(SUM(amount_micro), 0)::bigint AS s, COUNT(*)::int AS n FROM ledger_entries WHERE org_id = $1', [orgId]);
        const stored = await c.query<{ scope: Scope; target_id: string; period: Period; period_start: Date; spent_micro: number;
          charges: number }>('SELECT * FROM spend_rollups WHERE org_id = $1', [orgId]);
        const rc = await recompute(c, orgId, org.rows[0]?.timezone ?? 'UTC');
        return compareRollups(orgId, stored.rows.map((r): StoredRollup => ({ scope: r.scope, targetId: r.target_id, period: r.period,
          periodStartMs: r.period_start.getTime(), spentMicro: r.spent_micro, charges: r.charges })), rc, {
          storedMicro: bal.rows[0]?.balance_micro ?? 0, storedEntries: bal.rows[0]?.entries ?? 0,
          computedMicro: sum.rows[0]?.s ?? 0, computedEntries: sum.rows[0]?.n ?? 0,
        });
      });
    },
    async close() {
      await dropConnection();
    },
  };
}
