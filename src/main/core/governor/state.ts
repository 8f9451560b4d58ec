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

/** What a chain touches, worked out once per chain and budget set, so the per-request paths allocate nothing. */
interface ChainView {
  chain: Chain;
  targets: [Scope, string][];
  /** Counter keys per target, in PERIODS_ALL order. */
  counterKeys: string[][];
  budgets: BudgetDef[];
  version: number;
}

const counterKey = (scope: Scope, targetId: string, period: Period): string => `${scope}:${targetId}:${period}`;

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
  /** By agent id; rebuilt when the budgets change (version) or the agent's chain differs. */
  private views = new Map<string, ChainView>();
  private version = 0;
  private budgetKeys = new Map<BudgetDef, string>();
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
    this.budgetKeys = new Map();
    for (const b of defs) {
      const list = this.byTarget.get(b.targetId) ?? [];
      list.push(b);
      this.byTarget.set(b.targetId, list);
      this.budgetKeys.set(b, counterKey(b.scope, b.targetId, b.period));
    }
    this.version += 1;
  }

  /** The budgets on a chain, agent's last. Shared: callers read it, never change it. */
  budgetsOn(chain: Chain): readonly BudgetDef[] {
    return this.view(chain).budgets;
  }

  /** The chain's targets, org first. Shared: callers read it, never change it. */
  targetsOf(chain: Chain): readonly (readonly [Scope, string])[] {
    return this.view(chain).targets;
  }

  /** Spend of a target in the bucket holding `atMs`; a new bucket starts at zero (the period reset). */
  counter(scope: Scope, targetId: string, period: Period, atMs: number): Counter {
    return this.counterAt(counterKey(scope, targetId, period), period, atMs);
  }

  /** The counter a budget is checked against. */
  budgetCounter(b: BudgetDef, atMs: number): Counter {
    return this.counterAt(this.budgetKeys.get(b) ?? counterKey(b.scope, b.targetId, b.period), b.period, atMs);
  }

  private view(chain: Chain): ChainView {
    const v = this.views.get(chain.agentId);
    if (v && v.version === this.version && v.chain.agentGroupId === chain.agentGroupId && v.chain.workspaceId === chain.workspaceId
      && v.chain.orgId === chain.orgId) return v;
    const targets = chainTargets(chain);
    const budgets: BudgetDef[] = [];
    for (const [, id] of targets) for (const b of this.byTarget.get(id) ?? []) budgets.push(b);
    const fresh: ChainView = { chain: { ...chain }, targets, budgets, version: this.version,
      counterKeys: targets.map(([scope, id]) => PERIODS_ALL.map((p) => counterKey(scope, id, p))) };
    if (this.views.size >= 100_000) this.views.clear(); // bounded: a view is cheap to rebuild
    this.views.set(chain.agentId, fresh);
    return fresh;
  }

  private counterAt(k: string, period: Period, atMs: number): Counter {
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
    this.counters.set(counterKey(scope, targetId, period), { start: b.start, end: b.end, spentMicro });
  }

  clearCounters(periods: Period[]): void {
    for (const k of [...this.counters.keys()]) if (periods.some((p) => k.endsWith(`:${p}`))) this.counters.delete(k);
  }

  /** Adds a charge to every period counter of every target on the chain. */
  addSpend(chain: Chain, amountMicro: number, atMs: number, periods: readonly Period[] = PERIODS_ALL): void {
    for (const keys of this.view(chain).counterKeys) {
      for (let i = 0; i < PERIODS_ALL.length; i += 1) {
        const p = PERIODS_ALL[i]!;
        if (periods === PERIODS_ALL || periods.includes(p)) this.counterAt(keys[i]!, p, atMs).spentMicro += amountMicro;
      }
    }
  }

  /** Takes a charge back out, but only from buckets that still hold `atMs`. */
  removeSpend(chain: Chain, amountMicro: number, atMs: number): void {
    for (const keys of this.view(chain).counterKeys) {
      for (let i = 0; i < PERIODS_ALL.length; i += 1) {
        const c = this.counterAt(keys[i]!, PERIODS_ALL[i]!, atMs);
        if (atMs >= c.start && atMs < c.end) c.spentMicro -= amountMicro;
      }
    }
  }
}

const PERIODS_ALL: readonly Period[] = ['DAILY', 'MONTHLY', 'TOTAL'];

export function chainTargets(c: Chain): [Scope, string][] {
  return [['org', c.orgId], ['workspace', c.workspaceId], ['group', c.agentGroupId], ['agent', c.agentId]];
}
