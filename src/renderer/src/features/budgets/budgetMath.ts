import type { Budget } from '../../trpc/types.ts';
import type { Target } from '../hierarchy/useHierarchy.ts';

export const PERIOD_LABEL = { DAILY: 'Daily', MONTHLY: 'Monthly', TOTAL: 'Total' } as const;
export type Period = keyof typeof PERIOD_LABEL;
export const PERIODS = Object.keys(PERIOD_LABEL) as Period[];

/** Budgets that apply to an agent: every budget on its chain; each is enforced on its own. */
export function chainBudgets(budgets: Budget[], chain: Target[]): Budget[] {
  return budgets.filter((b) => chain.some((c) => c.scope === b.scope && c.id === b.targetId))
    .sort((a, b) => chain.findIndex((c) => c.scope === a.scope) - chain.findIndex((c) => c.scope === b.scope));
}

/** Per period, the smallest limit on the chain: the most an agent can ever spend in it, and who set that. */
export function tightestByPeriod(budgets: Budget[]): Partial<Record<Period, Budget>> {
  const out: Partial<Record<Period, Budget>> = {};
  for (const b of budgets) {
    const cur = out[b.period];
    if (!cur || b.limitMicro < cur.limitMicro) out[b.period] = b;
  }
  return out;
}
