// The writer's SQLite connection: one IMMEDIATE transaction per batch, multi-row statements. Runs on the writer
// thread only, so these synchronous calls never block the gateway's event loop.
import BetterSqlite3 from 'better-sqlite3';
import { rebuildUsageRollupsSqlite } from '../analytics/rollup-rebuild.ts';
import { applyUsageRollups } from '../analytics/rollup-write.ts';
import type { Period, Scope } from '../db/schema/enums.ts';
import type { Step } from './batch-plan.ts';
import { planBatch } from './batch-plan.ts';
import type { LedgerStore, SpendCounter } from './store.ts';
import { errorResult, InjectedFault, TABLE_OF } from './store.ts';
import type { EntryInput, EntryRow, LedgerOp, RollupRebuildTask, UsageInput, VerifyReport, WireResult } from './types.ts';
import type { StoredRollup } from './verify.ts';
import { compareRollups, rebuiltRows, RollupRecompute } from './verify.ts';

interface EntrySqlRow {
  id: string; org_id: string; kind: EntryRow['kind']; amount_micro: number; idempotency_key: string;
  workspace_id: string | null; agent_group_id: string | null; agent_id: string | null; request_id: string | null;
  actor_user_id: string | null; description: string; created_at: number;
}

const toEntry = (r: EntrySqlRow): EntryRow => ({
  id: r.id, orgId: r.org_id, kind: r.kind, amountMicro: r.amount_micro, idempotencyKey: r.idempotency_key,
  workspaceId: r.workspace_id, agentGroupId: r.agent_group_id, agentId: r.agent_id, requestId: r.request_id,
  actorUserId: r.actor_user_id, description: r.description, createdAtMs: r.created_at,
});

// Busy/locked/IO conditions can clear on their own; anything else would fail the same way again.
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)/;
// Rows per INSERT: fewer statement executions per batch, well under SQLite's 32,766 bound parameters.
const CHUNK = 50;
// Entries and usage rows go in bigger statements: they are most of a batch's rows (measured in bench/ledger.ts).
const WIDE_CHUNK = 200;

/**
 * Thrown inside a batch's transaction when an insert meant to be all-new hit an existing key: the transaction
 * rolls back and the batch runs again in careful mode, which asks SQLite which rows are new (RETURNING).
 */
class KeyConflict extends Error {}

export function openSqliteStore(path: string, synchronous: 'FULL' | 'NORMAL'): LedgerStore {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('cache_size = -16384'); // 16 MiB: the hot index pages of a busy ledger stay in memory

  /** `INSERT … VALUES (…),(…) tail` for n rows, prepared once per n; answers RETURNING rows or, without, changes. */
  function multi(head: string, width: number, tail: string, chunk = CHUNK) {
    const cache = new Map<number, BetterSqlite3.Statement>();
    const row = `(${Array(width).fill('?').join(',')})`;
    return <T>(rows: T[], bind: (r: T) => unknown[]): { rows: unknown[]; changes: number } => {
      const out: unknown[] = [];
      let changes = 0;
      for (let i = 0; i < rows.length; i += chunk) {
        const part = rows.slice(i, i + chunk);
        let stmt = cache.get(part.length);
        if (!stmt) {
          stmt = db.prepare(`${head} VALUES ${Array(part.length).fill(row).join(',')} ${tail}`);
          cache.set(part.length, stmt);
        }
        const args = part.flatMap(bind);
        if (stmt.reader) out.push(...stmt.all(...args));
        else changes += stmt.run(...args).changes;
      }
      return { rows: out, changes };
    };
  }

  const ENTRY_HEAD = `INSERT INTO ledger_entries (id, org_id, kind, amount_micro, idempotency_key, workspace_id,
    agent_group_id, agent_id, request_id, actor_user_id, description, created_at)`;
  const USAGE_HEAD = `INSERT INTO usage_events (id, org_id, request_id, workspace_id, agent_group_id, agent_id, api_key_id,
    endpoint, model, provider, status, error_code, input_tokens, output_tokens, cost_micro, estimated, credential_source, latency_ms,
    ttft_ms, created_at)`;
  // RETURNING builds a row object per insert, about a quarter of an insert's cost: the fast path counts changes
  // instead and falls back to these only when a batch replays something.
  const insEntries = multi(ENTRY_HEAD, 12, 'ON CONFLICT (idempotency_key) DO NOTHING RETURNING id', WIDE_CHUNK);
  const insEntriesFast = multi(ENTRY_HEAD, 12, 'ON CONFLICT (idempotency_key) DO NOTHING', WIDE_CHUNK);
  const insUsage = multi(USAGE_HEAD, 20, 'ON CONFLICT (request_id) DO NOTHING RETURNING request_id', WIDE_CHUNK / 2);
  const insUsageFast = multi(USAGE_HEAD, 20, 'ON CONFLICT (request_id) DO NOTHING', WIDE_CHUNK / 2);
  let careful = false;
  const insAudit = multi(`INSERT INTO audit_log (id, org_id, actor_type, actor_id, action, target_type, target_id, details,
    created_at)`, 9, 'ON CONFLICT (id) DO NOTHING');
  const upSpend = multi('INSERT INTO spend_rollups (org_id, scope, target_id, period, period_start, spent_micro, charges)', 7,
    `ON CONFLICT (scope, target_id, period, period_start) DO UPDATE SET spent_micro = spent_micro + excluded.spent_micro,
    charges = charges + excluded.charges`);
  const upBalance = multi('INSERT INTO org_balances (org_id, balance_micro, entries)', 3,
    'ON CONFLICT (org_id) DO UPDATE SET balance_micro = balance_micro + excluded.balance_micro, entries = entries + excluded.entries');
  const byKey = db.prepare('SELECT * FROM ledger_entries WHERE idempotency_key = ?');
  const disableStmt = Object.fromEntries((Object.keys(TABLE_OF) as Scope[]).map((scope) => [scope, db.prepare(
    `UPDATE ${TABLE_OF[scope]} SET status = 'disabled'${scope === 'agent' ? ', disabled_reason = @reason' : ''}
     WHERE id = @id AND ${scope === 'org' ? 'id' : 'org_id'} = @orgId AND status = 'active'`)])) as Record<Scope, BetterSqlite3.Statement>;

  function exec(step: Step): unknown {
    switch (step.t) {
      case 'entries': {
        const bind = (e: EntryInput) => [e.id, e.orgId, e.kind, e.amountMicro, e.idempotencyKey, e.workspaceId,
          e.agentGroupId, e.agentId, e.requestId, e.actorUserId, e.description, e.createdAtMs];
        if (careful) return new Set((insEntries(step.rows, bind).rows as { id: string }[]).map((r) => r.id));
        if (insEntriesFast(step.rows, bind).changes !== step.rows.length) throw new KeyConflict();
        return new Set(step.rows.map((e) => e.id));
      }
      case 'originals':
        return new Map(step.keys.map((k) => [k, toEntry(byKey.get(k) as EntrySqlRow)]));
      case 'usage': {
        const bind = (u: UsageInput) => [u.id, u.orgId, u.requestId, u.workspaceId, u.agentGroupId, u.agentId, u.apiKeyId,
          u.endpoint, u.model, u.provider, u.status, u.errorCode, u.inputTokens, u.outputTokens, u.costMicro, u.estimated ? 1 : 0,
          u.credentialSource, u.latencyMs, u.ttftMs, u.createdAtMs];
        if (careful) return new Set((insUsage(step.rows, bind).rows as { request_id: string }[]).map((r) => r.request_id));
        if (insUsageFast(step.rows, bind).changes !== step.rows.length) throw new KeyConflict();
        return new Set(step.rows.map((u) => u.requestId));
      }
      case 'usageRollups':
        return applyUsageRollups(db, step.rows);
      case 'spend':
        return upSpend(step.rows, (d) => [d.orgId, d.scope, d.targetId, d.period, d.periodStart, d.spentMicro, d.charges]);
      case 'balances':
        return upBalance(step.rows, (b) => [b.orgId, b.amountMicro, b.entries]);
      case 'disable': {
        const { d } = step;
        const params = d.scope === 'agent' ? { id: d.targetId, orgId: d.orgId, reason: d.reason } : { id: d.targetId, orgId: d.orgId };
        return disableStmt[d.scope].run(params).changes > 0;
      }
      case 'audit':
        return insAudit(step.rows, (a) => [a.id, a.orgId, a.actorType, a.actorId, a.action, a.targetType, a.targetId,
          JSON.stringify(a.details), a.createdAtMs]);
    }
  }

  const transaction = db.transaction((ops: LedgerOp[], fault: string | undefined): WireResult[] => {
    const plan = planBatch(ops);
    let step = plan.next();
    while (!step.done) step = plan.next(exec(step.value));
    if (fault === 'fail-before-commit') throw new InjectedFault('injected failure before commit');
    return step.value;
  });
  /** One IMMEDIATE transaction: the fast path first; a replayed key rolls it back and reruns it carefully. */
  function batch(ops: LedgerOp[], fault: string | undefined): WireResult[] {
    try {
      return transaction.immediate(ops, fault);
    } catch (err) {
      if (!(err instanceof KeyConflict)) throw err;
      careful = true;
      try {
        return transaction.immediate(ops, fault);
      } finally {
        careful = false;
      }
    }
  }

  const isTransient = (err: unknown): boolean =>
    err instanceof InjectedFault || TRANSIENT.test(String((err as { code?: unknown }).code ?? ''));

  function recompute(orgId: string, zone: string): RollupRecompute {
    const rc = new RollupRecompute(orgId, zone);
    const it = db.prepare(`SELECT amount_micro, workspace_id, agent_group_id, agent_id, created_at FROM ledger_entries
      WHERE org_id = ? AND kind = 'charge' ORDER BY created_at`).iterate(orgId) as Iterable<{ amount_micro: number;
      workspace_id: string | null; agent_group_id: string | null; agent_id: string | null; created_at: number }>;
    for (const r of it) {
      rc.add({ amountMicro: r.amount_micro, workspaceId: r.workspace_id, agentGroupId: r.agent_group_id, agentId: r.agent_id,
        createdAtMs: r.created_at });
    }
    return rc;
  }

  const rebuild = db.transaction((task: RollupRebuildTask): SpendCounter[] => {
    db.prepare(`DELETE FROM spend_rollups WHERE org_id = ? AND period IN ('DAILY', 'MONTHLY')`).run(task.orgId);
    const rows = rebuiltRows(recompute(task.orgId, task.timezone));
    upSpend(rows, (s) => [task.orgId, s.scope, s.targetId, s.period, s.periodStartMs, s.spentMicro, s.charges]);
    rebuildUsageRollupsSqlite(db, task.orgId); // analytics' day buckets move with the zone too
    return rows.map((s) => ({ scope: s.scope, targetId: s.targetId, period: s.period, periodStartMs: s.periodStartMs,
      spentMicro: s.spentMicro }));
  });

  const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T | undefined;
  const verify = db.transaction((orgId: string): VerifyReport => {
    const org = one<{ timezone: string }>('SELECT timezone FROM organizations WHERE id = ?', orgId);
    const bal = one<{ balance_micro: number; entries: number }>('SELECT balance_micro, entries FROM org_balances WHERE org_id = ?', orgId);
    const sum = one<{ s: number; n: number }>(
      'SELECT COALESCE(SUM(amount_micro), 0) AS s, COUNT(*) AS n FROM ledger_entries WHERE org_id = ?', orgId);
    const stored = (db.prepare('SELECT * FROM spend_rollups WHERE org_id = ?').all(orgId) as { scope: Scope; target_id: string;
      period: Period; period_start: number; spent_micro: number; charges: number }[]).map((r): StoredRollup => ({
      scope: r.scope, targetId: r.target_id, period: r.period, periodStartMs: r.period_start, spentMicro: r.spent_micro, charges: r.charges,
    }));
    return compareRollups(orgId, stored, recompute(orgId, org?.timezone ?? 'UTC'), {
      storedMicro: bal?.balance_micro ?? 0, storedEntries: bal?.entries ?? 0, computedMicro: sum?.s ?? 0, computedEntries: sum?.n ?? 0,
    });
  });

  return {
    async write(ops, fault) {
      let out: WireResult[];
      try {
        out = batch(ops, fault);
      } catch (err) {
        if (isTransient(err)) throw err;
        // A deterministic failure must not sink the whole group: give each op its own transaction.
        out = ops.map((op) => {
          try {
            return batch([op], undefined)[0]!;
          } catch (e) {
            if (isTransient(e)) throw e;
            return errorResult(e);
          }
        });
      }
      if (fault === 'crash-after-commit') process.exit(1); // test hook: the thread dies between COMMIT and reply
      return out;
    },
    async rebuildRollups(task) {
      return rebuild.immediate(task);
    },
    async verify(orgId) {
      return verify.deferred(orgId);
    },
    async close() {
      db.close();
    },
  };
}
