import { and, asc, eq } from 'drizzle-orm';
import type { Period } from '../db/schema/enums.ts';
import { conflict, notFound } from '../lib/errors.ts';
import type { ServiceDeps } from './deps.ts';
import { mutate } from './deps.ts';
import type { Actor } from './orgs.ts';
import type { Target } from './targets.ts';
import { targetColumns } from './targets.ts';

export interface BudgetInput {
  target: Target;
  period: Period;
  limitMicro: number;
  autoDisable: boolean;
}

export async function createBudget(deps: ServiceDeps, actor: Actor, orgId: string, input: BudgetInput) {
  const { t } = deps.database;
  const cols = await targetColumns(deps, orgId, input.target);
  return mutate(deps, async (db) => {
    const [dup] = await db.select({ id: t.budgets.id }).from(t.budgets)
      .where(and(eq(t.budgets.scope, cols.scope), eq(t.budgets.targetId, cols.targetId), eq(t.budgets.period, input.period)));
    if (dup) throw conflict(`a ${input.period} budget already exists for this ${input.target.scope}`);
    const now = deps.clock.now();
    const [row] = await db.insert(t.budgets).values({ id: deps.ids.id('bud'), orgId, ...cols, period: input.period,
      limitMicro: input.limitMicro, autoDisable: input.autoDisable, createdAt: now, updatedAt: now }).returning();
    return row!;
  }, (r) => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'budget.create', targetType: 'budget',
    targetId: r.id, details: { target: input.target, period: input.period, limitMicro: input.limitMicro, autoDisable: input.autoDisable } }));
}

export async function updateBudget(
  deps: ServiceDeps, actor: Actor, orgId: string, budgetId: string, patch: { limitMicro?: number; autoDisable?: boolean },
) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [row] = await db.update(t.budgets).set({ ...patch, updatedAt: deps.clock.now() })
      .where(and(eq(t.budgets.id, budgetId), eq(t.budgets.orgId, orgId))).returning();
    if (!row) throw notFound('budget');
    return row;
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'budget.update', targetType: 'budget',
    targetId: budgetId, details: patch }));
}

export async function listBudgets(deps: ServiceDeps, orgId: string) {
  const { db, t } = deps.database;
  return db.select().from(t.budgets).where(eq(t.budgets.orgId, orgId)).orderBy(asc(t.budgets.createdAt));
}

export async function deleteBudget(deps: ServiceDeps, actor: Actor, orgId: string, budgetId: string) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [row] = await db.delete(t.budgets).where(and(eq(t.budgets.id, budgetId), eq(t.budgets.orgId, orgId)))
      .returning({ id: t.budgets.id });
    if (!row) throw notFound('budget');
    return row;
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'budget.delete', targetType: 'budget',
    targetId: budgetId }));
}
