import { describe, expect, it } from 'vitest';
import type { BudgetView, Thresholds } from '../../src/main/core/alerts/rules.ts';
import { crossings, OrgArming } from '../../src/main/core/alerts/rules.ts';

const M = 1_000_000;
const T: Thresholds = { budgetPercents: [80, 100], lowBalanceMicro: 10 * M };
const budget = (spent: number, o: Partial<BudgetView> = {}): BudgetView => ({
  id: 'bud_1', scope: 'agent', targetId: 'agt_1', period: 'DAILY', limitMicro: 1 * M, spentMicro: spent * M, periodStartMs: 1000, ...o,
});
const fired = (s: OrgArming, spent: number, o: Partial<BudgetView> = {}, t: Thresholds = T, refused?: Set<string>) =>
  crossings(s, { balanceMicro: 100 * M, budgets: [budget(spent, o)] }, t, refused).map((c) => (c.kind === 'budget' ? [c.percent, c.cause] : c.kind));

describe('alert rules', () => {
  it('fires 80 % then 100 % once each per period', () => {
    const s = new OrgArming();
    expect(fired(s, 0.5)).toEqual([]);
    expect(fired(s, 0.8)).toEqual([[80, 'spend']]);
    expect(fired(s, 0.9)).toEqual([]);
    expect(fired(s, 1)).toEqual([[100, 'spend']]);
    expect(fired(s, 1)).toEqual([]);
  });

  it('reports only the highest threshold when one charge crosses several', () => {
    expect(fired(new OrgArming(), 1.2)).toEqual([[100, 'spend']]);
    const s = new OrgArming();
    expect(fired(s, 0.95)).toEqual([[80, 'spend']]);
    expect(fired(s, 0.95)).toEqual([]);
  });

  it('re-arms every threshold when the period resets', () => {
    const s = new OrgArming();
    expect(fired(s, 1)).toEqual([[100, 'spend']]);
    expect(fired(s, 0, { periodStartMs: 2000 })).toEqual([]);
    expect(fired(s, 0.85, { periodStartMs: 2000 })).toEqual([[80, 'spend']]);
  });

  it('re-arms the thresholds spend no longer meets when the limit rises, and fires at once when it falls', () => {
    const s = new OrgArming();
    expect(fired(s, 0.9)).toEqual([[80, 'spend']]);
    expect(fired(s, 0.9, { limitMicro: 2 * M })).toEqual([]); // 45 %: 80 re-armed
    expect(fired(s, 1.7, { limitMicro: 2 * M })).toEqual([[80, 'spend']]);
    expect(fired(s, 1.7, { limitMicro: 1.5 * M })).toEqual([[100, 'spend']]); // lowered below spend
  });

  it('counts a refusal as exhausted, once, and says so', () => {
    const s = new OrgArming();
    expect(fired(s, 0.6, {}, T, new Set(['bud_1']))).toEqual([[100, 'refused']]);
    expect(fired(s, 0.9, {}, T, new Set(['bud_1']))).toEqual([]);
    expect(fired(s, 1)).toEqual([]);
    expect(fired(new OrgArming(), 0.3, {}, T, new Set(['another budget']))).toEqual([]);
  });

  it('uses the org\'s own thresholds, ignores zero budgets and forgets deleted ones', () => {
    const s = new OrgArming();
    expect(fired(s, 0.5, {}, { ...T, budgetPercents: [50, 90] })).toEqual([[50, 'spend']]);
    expect(fired(new OrgArming(), 5, { limitMicro: 0 })).toEqual([]);
    const later = new OrgArming();
    expect(fired(later, 0.85)).toEqual([[80, 'spend']]);
    expect(fired(later, 0.85, {}, { ...T, budgetPercents: [50, 90] })).toEqual([]); // 50 added after 80 fired: old news
    expect(fired(later, 0.95, {}, { ...T, budgetPercents: [50, 90] })).toEqual([[90, 'spend']]);
    crossings(s, { balanceMicro: 100 * M, budgets: [] }, T);
    expect(s.budgets.size).toBe(0);
  });

  it('keeps what fired before a restart (seeded from the audit log)', () => {
    const s = new OrgArming();
    s.seedBudget('bud_1', 1000, 1 * M, 80);
    s.seedBudget('bud_1', 500, 1 * M, 100); // an older period: ignored
    expect(fired(s, 0.9)).toEqual([]);
    expect(fired(s, 1)).toEqual([[100, 'spend']]);
  });

  it('fires a low balance when it falls below the threshold, not on first sight; re-armed once back above', () => {
    const s = new OrgArming();
    const bal = (credits: number, t: Thresholds = T) => crossings(s, { balanceMicro: credits * M, budgets: [] }, t).map((c) => c.kind);
    expect(bal(5)).toEqual([]); // baseline: already low when first seen
    expect(bal(20)).toEqual([]);
    expect(bal(9.5)).toEqual(['low_balance']);
    expect(bal(3)).toEqual([]);
    expect(bal(10)).toEqual([]); // back at the threshold: re-armed
    expect(bal(9.99)).toEqual(['low_balance']);
    expect(bal(1, { ...T, lowBalanceMicro: 0 })).toEqual([]); // off
  });
});
