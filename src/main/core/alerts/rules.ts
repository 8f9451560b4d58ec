// When an alert fires, as a pure function of what the governor knows and what already fired. No clock, no I/O:
// the monitor feeds it snapshots, the tests feed it numbers.
//
// Budgets: each threshold fires once per budget period. A period reset re-arms every threshold; a raised limit
// re-arms the thresholds spend no longer meets. Crossing several at once (one large charge) fires only the highest.
// Balance: fires when the balance falls below the threshold, re-armed once it is back at or above it. The first
// look at an org is a baseline (an org that starts below, e.g. a new one with no credits yet, is not "falling").
import type { Period, Scope } from '../db/schema/enums.ts';

export interface BudgetView {
  id: string;
  scope: Scope;
  targetId: string;
  period: Period;
  limitMicro: number;
  spentMicro: number;
  periodStartMs: number;
}

export interface OrgView {
  balanceMicro: number;
  budgets: readonly BudgetView[];
}

export interface Thresholds {
  budgetPercents: readonly number[];
  /** 0 turns the balance alert off. */
  lowBalanceMicro: number;
}

export type Crossing =
  | { kind: 'budget'; budget: BudgetView; percent: number; cause: 'spend' | 'refused' }
  | { kind: 'low_balance'; balanceMicro: number; thresholdMicro: number };

interface BudgetArm {
  periodStartMs: number;
  limitMicro: number;
  fired: Set<number>;
}

/** What has fired for one org. */
export class OrgArming {
  readonly budgets = new Map<string, BudgetArm>();
  /** null until the first look. */
  balanceBelow: boolean | null = null;

  /** Marks a threshold as already fired (from the audit log, at start), so a restart does not repeat it. */
  seedBudget(budgetId: string, periodStartMs: number, limitMicro: number, percent: number): void {
    const arm = this.budgets.get(budgetId);
    if (!arm || arm.periodStartMs < periodStartMs) {
      this.budgets.set(budgetId, { periodStartMs, limitMicro, fired: new Set([percent]) });
    } else if (arm.periodStartMs === periodStartMs) {
      arm.fired.add(percent);
      arm.limitMicro = Math.max(arm.limitMicro, limitMicro);
    }
  }
}

/** Float compare is fine here: thresholds are whole percents, amounts far below 2^53. */
const meets = (spent: number, limit: number, percent: number): boolean => spent * 100 >= limit * percent;

/**
 * The new crossings for one org, updating `state`. `refused` names budgets that just refused a request: they count
 * as exhausted even when spend is short of the limit (reserve-then-settle holds each request's upper bound, so spend
 * rarely reaches the limit exactly); the alert then says 'refused' and reports the highest threshold.
 */
export function crossings(state: OrgArming, view: OrgView, t: Thresholds, refused: ReadonlySet<string> = new Set()): Crossing[] {
  const out: Crossing[] = [];
  const percents = [...new Set(t.budgetPercents)].filter((p) => p > 0).sort((a, b) => a - b);
  const seen = new Set<string>();
  for (const b of view.budgets) {
    seen.add(b.id);
    if (b.limitMicro <= 0) continue; // a zero budget blocks by design; nothing to warn about
    let arm = state.budgets.get(b.id);
    if (!arm || arm.periodStartMs !== b.periodStartMs) {
      arm = { periodStartMs: b.periodStartMs, limitMicro: b.limitMicro, fired: new Set() };
      state.budgets.set(b.id, arm);
    } else if (b.limitMicro > arm.limitMicro) {
      for (const p of arm.fired) if (!meets(b.spentMicro, b.limitMicro, p)) arm.fired.delete(p);
    }
    arm.limitMicro = b.limitMicro;
    const bySpend = percents.filter((p) => meets(b.spentMicro, b.limitMicro, p));
    // A budget that refuses requests is exhausted for practical purposes: every threshold counts as met.
    const met = refused.has(b.id) ? percents : bySpend;
    // Never report a lower threshold than one already reported (e.g. 50 added to the settings after 80 fired).
    const highest = Math.max(0, ...arm.fired);
    const fresh = met.filter((p) => !arm.fired.has(p) && p > highest);
    for (const p of met) arm.fired.add(p);
    if (fresh.length === 0) continue;
    const top = Math.max(...fresh);
    out.push({ kind: 'budget', budget: b, percent: top, cause: bySpend.includes(top) ? 'spend' : 'refused' });
  }
  for (const id of [...state.budgets.keys()]) if (!seen.has(id)) state.budgets.delete(id); // deleted budgets

  if (t.lowBalanceMicro > 0) {
    const below = view.balanceMicro < t.lowBalanceMicro;
    if (below && state.balanceBelow === false) {
      out.push({ kind: 'low_balance', balanceMicro: view.balanceMicro, thresholdMicro: t.lowBalanceMicro });
    }
    state.balanceBelow = below;
  } else {
    state.balanceBelow = null;
  }
  return out;
}
