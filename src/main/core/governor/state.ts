// The governor's in-memory picture of one org: balance, holds, budgets and current-period spend per target.
// Mutated only synchronously, so a check and the hold it leads to never interleave with another request.
import type { AgentStatus, Period, Scope } from '../db/schema/enums.ts';
import { BucketCache } from '../ledger/periods.ts';

export interface Chain {
  orgId: string;
  workspaceId: string;
  agentGroupId: string;
  agentId: string;
}

export interface BudgetDef {
  id: string;
  scope: Scope;
  targetId: string;
  period: Period;
  limitMicro: number;
  autoDisable: boolean;
  /** Sum of the holds of in-flight reservations whose chain includes this budget's target. */
  heldMicro: number;
}

export interface Counter {
  start: number;
  end: number;
  spentMicro: number;
}

export interface ChargeNote {
  chain: Chain;
  amountMicro: number;
  atMs: number;
}

export class OrgState {
  readonly id: string;
  timezone: string;
  status: AgentStatus;
  /** Committed entries plus charges settled but not yet committed (counted at once, to err on the safe side). */
  balanceMicro = 0;
  heldMicro = 0;
  budgets: BudgetDef[] = [];
  byTarget = new Map<string, BudgetDef[]>();
  buckets: BucketCache;
  private readonly counters = new Map<string, Counter>();
  /** Charges settled while a time-zone rebuild is queued; added back to the rebuilt counters. */
  sinceRebuild: ChargeNote[] | null = null;

  constructor(id: string, timezone: string, status: AgentStatus) {
    this.id = id;
    this.timezone = timezone;
    this.status = status;
    this.buckets = new BucketCache(timezone);
  }

  setTimezone(zone: string): void {
    this.timezone = zone;
    this.buckets = new BucketCache(zone);
  }

  setBudgets(defs: BudgetDef[]): void {
    this.budgets = defs;
    this.byTarget = new Map();
    for (const b of defs) {
      const list = this.byTarget.get(b.targetId) ?? [];
      list.push(b);
      this.byTarget.set(b.targetId, list);
    }
  }

  budgetsOn(chain: Chain): BudgetDef[] {
    const out: BudgetDef[] = [];
    for (const [, id] of chainTargets(chain)) for (const b of this.byTarget.get(id) ?? []) out.push(b);
    return out;
  }

  /** Spend of a target in the bucket holding `atMs`; a new bucket starts at zero (the period reset). */
  counter(scope: Scope, targetId: string, period: Period, atMs: number): Counter {
    const k = `${scope}:${targetId}:${period}`;
    const c = this.counters.get(k);
    // A clock that steps back keeps the newer bucket: over-counting is the safe error.
    if (c && (atMs < c.end || period === 'TOTAL')) return c;
    const b = this.buckets.bounds(period, atMs);
    const fresh = { start: b.start, end: b.end, spentMicro: 0 };
    this.counters.set(k, fresh);
    return fresh;
  }

  /** Sets a counter read from the rollups; ignored when it is not the bucket holding `nowMs`. */
  loadCounter(scope: Scope, targetId: string, period: Period, periodStartMs: number, spentMicro: number, nowMs: number): void {
    const b = this.buckets.bounds(period, nowMs);
    if (b.start !== periodStartMs) return;
    this.counters.set(`${scope}:${targetId}:${period}`, { start: b.start, end: b.end, spentMicro });
  }

  clearCounters(periods: Period[]): void {
    for (const k of [...this.counters.keys()]) if (periods.some((p) => k.endsWith(`:${p}`))) this.counters.delete(k);
  }

  /** Adds a charge to every period counter of every target on the chain. */
  addSpend(chain: Chain, amountMicro: number, atMs: number, periods: Period[] = PERIODS_ALL): void {
    for (const [scope, id] of chainTargets(chain)) {
      for (const p of periods) this.counter(scope, id, p, atMs).spentMicro += amountMicro;
    }
  }

  /** Takes a charge back out, but only from buckets that still hold `atMs`. */
  removeSpend(chain: Chain, amountMicro: number, atMs: number): void {
    for (const [scope, id] of chainTargets(chain)) {
      for (const p of PERIODS_ALL) {
        const c = this.counter(scope, id, p, atMs);
        if (atMs >= c.start && atMs < c.end) c.spentMicro -= amountMicro;
      }
    }
  }
}

const PERIODS_ALL: Period[] = ['DAILY', 'MONTHLY', 'TOTAL'];

export function chainTargets(c: Chain): [Scope, string][] {
  return [['org', c.orgId], ['workspace', c.workspaceId], ['group', c.agentGroupId], ['agent', c.agentId]];
}
