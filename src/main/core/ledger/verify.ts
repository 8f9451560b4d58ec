// Recomputes rollups from the entries and compares them with the stored ones. Pure: the stores feed it rows read
// inside one read transaction, so entries and rollups come from the same snapshot.
import type { Period, Scope } from '../db/schema/enums.ts';
import { BucketCache, chargeTargets, rollupKey } from './periods.ts';
import type { DriftRow, VerifyReport } from './types.ts';

export interface ChargeRow {
  amountMicro: number;
  workspaceId: string | null;
  agentGroupId: string | null;
  agentId: string | null;
  createdAtMs: number;
}

/** A spend rollup row, as stored or as recomputed from the entries. */
export interface StoredRollup {
  scope: Scope;
  targetId: string;
  period: Period;
  periodStartMs: number;
  spentMicro: number;
  charges: number;
}

/** Accumulates charges, which must arrive in created_at order (the bucket cache relies on it for speed only). */
export class RollupRecompute {
  readonly sums = new Map<string, StoredRollup>();
  private readonly buckets: BucketCache;
  private readonly orgId: string;

  constructor(orgId: string, zone: string) {
    this.orgId = orgId;
    this.buckets = new BucketCache(zone);
  }

  add(c: ChargeRow): void {
    const starts: [Period, number][] = [
      ['DAILY', this.buckets.bounds('DAILY', c.createdAtMs).start],
      ['MONTHLY', this.buckets.bounds('MONTHLY', c.createdAtMs).start],
      ['TOTAL', 0],
    ];
    for (const [scope, targetId] of chargeTargets({ orgId: this.orgId, ...c })) {
      for (const [period, start] of starts) {
        const k = rollupKey(scope, targetId, period, start);
        const s = this.sums.get(k);
        if (s) {
          s.spentMicro -= c.amountMicro;
          s.charges += 1;
        } else {
          this.sums.set(k, { scope, targetId, period, periodStartMs: start, spentMicro: -c.amountMicro, charges: 1 });
        }
      }
    }
  }
}

export function compareRollups(
  orgId: string,
  stored: StoredRollup[],
  recompute: RollupRecompute,
  balance: { storedMicro: number; storedEntries: number; computedMicro: number; computedEntries: number },
): VerifyReport {
  const drift: DriftRow[] = [];
  let driftCount = 0;
  const note = (d: DriftRow) => {
    driftCount += 1;
    if (drift.length < 100) drift.push(d);
  };
  const seen = new Set<string>();
  for (const r of stored) {
    const k = rollupKey(r.scope, r.targetId, r.period, r.periodStartMs);
    seen.add(k);
    const c = recompute.sums.get(k);
    if (!c || c.spentMicro !== r.spentMicro || c.charges !== r.charges) {
      note({ scope: r.scope, targetId: r.targetId, period: r.period, periodStart: new Date(r.periodStartMs).toISOString(),
        storedMicro: r.spentMicro, computedMicro: c?.spentMicro ?? 0, storedCharges: r.charges, computedCharges: c?.charges ?? 0 });
    }
  }
  for (const [k, c] of recompute.sums) {
    if (seen.has(k)) continue;
    note({ scope: c.scope, targetId: c.targetId, period: c.period, periodStart: new Date(c.periodStartMs).toISOString(),
      storedMicro: 0, computedMicro: c.spentMicro, storedCharges: 0, computedCharges: c.charges });
  }
  const balanceOk = balance.storedMicro === balance.computedMicro && balance.storedEntries === balance.computedEntries;
  return {
    orgId,
    ok: driftCount === 0 && balanceOk,
    entries: balance.computedEntries,
    balance: { storedMicro: balance.storedMicro, computedMicro: balance.computedMicro, storedEntries: balance.storedEntries },
    rollupsChecked: stored.length,
    drift,
    driftCount,
  };
}

/** The DAILY and MONTHLY rollup rows recomputed in an org's (new) time zone; TOTAL does not depend on the zone. */
export function rebuiltRows(recompute: RollupRecompute): StoredRollup[] {
  return [...recompute.sums.values()].filter((s) => s.period !== 'TOTAL');
}
