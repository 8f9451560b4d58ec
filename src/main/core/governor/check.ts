// The all-or-nothing admission check behind reserve(): disabled targets first, then the org balance and every
// budget on the chain. When several limits refuse, the one with the least headroom is named.
import type { Scope } from '../db/schema/enums.ts';
import type { Denial } from './denial.ts';
import { denialMessage } from './denial.ts';
import type { Chain, OrgState } from './state.ts';

export function disabledDenial(level: Scope, targetId: string, requestedMicro: number): Denial {
  const d = { code: 'target_disabled' as const, level, targetId, period: null, budgetId: null, limitMicro: null, spentMicro: 0,
    heldMicro: 0, requestedMicro };
  return { ...d, message: denialMessage(d) };
}

export function checkBalance(org: OrgState, amountMicro: number): Denial | null {
  if (org.balanceMicro - org.heldMicro >= amountMicro) return null;
  const d = { code: 'insufficient_balance' as const, level: 'org' as const, targetId: org.id, period: null, budgetId: null,
    limitMicro: org.balanceMicro, spentMicro: 0, heldMicro: org.heldMicro, requestedMicro: amountMicro };
  return { ...d, message: denialMessage(d) };
}

export function admit(org: OrgState, disabled: Set<string>, chain: Chain, amountMicro: number, nowMs: number): Denial | null {
  if (org.status === 'disabled') return disabledDenial('org', org.id, amountMicro);
  for (const [scope, id] of org.targetsOf(chain)) if (scope !== 'org' && disabled.has(id)) return disabledDenial(scope, id, amountMicro);
  let worst: { headroom: number; denial: Denial } | null = null;
  const balance = checkBalance(org, amountMicro);
  if (balance) worst = { headroom: org.balanceMicro - org.heldMicro, denial: balance };
  for (const b of org.budgetsOn(chain)) {
    const spent = org.budgetCounter(b, nowMs).spentMicro;
    const headroom = b.limitMicro - spent - b.heldMicro;
    if (headroom >= amountMicro || (worst && worst.headroom <= headroom)) continue;
    const d = { code: 'budget_exceeded' as const, level: b.scope, targetId: b.targetId, period: b.period, budgetId: b.id,
      limitMicro: b.limitMicro, spentMicro: spent, heldMicro: b.heldMicro, requestedMicro: amountMicro };
    worst = { headroom, denial: { ...d, message: denialMessage(d) } };
  }
  return worst?.denial ?? null;
}
