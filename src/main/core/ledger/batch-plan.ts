// What one group-commit transaction does, written once for both engines. The plan is a generator that yields
// set-based steps and receives their results: SQLite runs it synchronously inside a better-sqlite3 transaction,
// PostgreSQL awaits each step on its connection. Same order, same replay rules, one place to read them.
import type { RollupDelta } from './periods.ts';
import { RollupAccumulator } from './periods.ts';
import { checkOp } from './store.ts';
import type { AuditRow, DisableInput, EntryInput, EntryRow, LedgerOp, UsageInput, WireResult } from './types.ts';

export type Step =
  | { t: 'entries'; rows: EntryInput[] } // → Set of inserted entry ids (ON CONFLICT (idempotency_key) DO NOTHING)
  | { t: 'originals'; keys: string[] } // → Map idempotency key → committed row
  | { t: 'usage'; rows: UsageInput[] } // → Set of inserted request ids (ON CONFLICT (request_id) DO NOTHING)
  | { t: 'usageRollups'; rows: UsageInput[] } // analytics' applyUsageRollups, with the newly inserted events only
  | { t: 'spend'; rows: RollupDelta[] } // upsert, adding
  | { t: 'balances'; rows: { orgId: string; amountMicro: number; entries: number }[] } // upsert, adding
  | { t: 'disable'; d: DisableInput } // → true when the status changed
  | { t: 'audit'; rows: AuditRow[] }; // ON CONFLICT (id) DO NOTHING

export function* planBatch(ops: LedgerOp[]): Generator<Step, WireResult[], unknown> {
  ops.forEach(checkOp);
  const out: (WireResult | null)[] = ops.map(() => null);
  const fresh = new Set<number>(); // ops whose rows are new, in op order
  const entries = ops.flatMap((op) => (op.entry ? [op.entry] : []));
  const newIds = entries.length ? ((yield { t: 'entries', rows: entries }) as Set<string>) : new Set<string>();
  const replayKeys = entries.filter((e) => !newIds.has(e.id)).map((e) => e.idempotencyKey);
  const originals = replayKeys.length ? ((yield { t: 'originals', keys: replayKeys }) as Map<string, EntryRow>)
    : new Map<string, EntryRow>();
  ops.forEach((op, i) => {
    if (!op.entry || newIds.has(op.entry.id)) fresh.add(i);
    else out[i] = { s: 'replay', entry: originals.get(op.entry.idempotencyKey)! };
  });

  const usage = [...fresh].flatMap((i) => (ops[i]!.usage ? [ops[i]!.usage!] : []));
  if (usage.length) {
    const newUsage = (yield { t: 'usage', rows: usage }) as Set<string>;
    const inserted = usage.filter((u) => newUsage.has(u.requestId));
    if (inserted.length) yield { t: 'usageRollups', rows: inserted };
    for (const i of [...fresh]) {
      const op = ops[i]!;
      // A usage-only op whose request is already recorded is a replay: its audit rows were written then.
      if (!op.entry && op.usage && !newUsage.has(op.usage.requestId)) {
        fresh.delete(i);
        out[i] = { s: 'replay' };
      }
    }
  }

  const acc = new RollupAccumulator();
  const audit: AuditRow[] = [];
  for (const i of fresh) {
    const op = ops[i]!;
    if (op.entry) acc.add(op.entry, op.buckets);
    if (op.audit) audit.push(...op.audit);
  }
  const spend = acc.spend();
  if (spend.length) yield { t: 'spend', rows: spend };
  if (acc.balances.size) yield { t: 'balances', rows: [...acc.balances].map(([orgId, b]) => ({ orgId, ...b })) };

  for (const i of fresh) {
    const disabled: string[] = [];
    for (const d of ops[i]!.disable ?? []) {
      if (!((yield { t: 'disable', d }) as boolean)) continue;
      disabled.push(d.targetId);
      audit.push({ id: d.auditId, orgId: d.orgId, actorType: 'system', actorId: null, action: `${d.scope}.disable`,
        targetType: d.scope, targetId: d.targetId, details: { reason: d.reason, ...d.details }, createdAtMs: d.createdAtMs });
    }
    out[i] = disabled.length ? { s: 'new', disabled } : { s: 'new' };
  }
  if (audit.length) yield { t: 'audit', rows: audit };
  return out.map((r) => r ?? { s: 'new' });
}
