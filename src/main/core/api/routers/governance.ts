import { z } from 'zod';
import * as budgets from '../../services/budgets.ts';
import * as policies from '../../services/policies.ts';
import { moneyOf } from '../../ledger/money.ts';
import { credits, id, maxTokensMode, modelName, orgInput, period, target, toMicro } from '../schemas.ts';
import { orgProcedure, router } from '../trpc.ts';

const limit = z.number().int().positive().max(1e9).nullable();

export const policiesRouter = router({
  set: orgProcedure('admin', 'orgId')
    .input(z.object({
      orgId: id, target,
      allowedModels: z.array(modelName).max(200).nullable().default(null),
      maxTokensPerRequest: limit.default(null),
      maxTokensMode: maxTokensMode.default('reject'),
      rpm: limit.default(null),
      tpm: limit.default(null),
    }).strict())
    .mutation(({ ctx, input }) => policies.upsertPolicy(ctx.deps, ctx.actor, ctx.orgId, input)),
  list: orgProcedure('viewer', 'orgId').input(orgInput).query(({ ctx }) => policies.listPolicies(ctx.deps, ctx.orgId)),
  delete: orgProcedure('admin', 'policyId').input(z.object({ policyId: id }).strict())
    .mutation(({ ctx, input }) => policies.deletePolicy(ctx.deps, ctx.actor, ctx.orgId, input.policyId)),
  effective: orgProcedure('viewer', 'agentId').input(z.object({ agentId: id }).strict())
    .query(({ ctx, input }) => policies.effectivePolicy(ctx.deps, ctx.orgId, input.agentId)),
});

export const budgetsRouter = router({
  create: orgProcedure('admin', 'orgId')
    .input(z.object({ orgId: id, target, period, limitCredits: credits, autoDisable: z.boolean().default(false) }).strict())
    .mutation(({ ctx, input }) => budgets.createBudget(ctx.deps, ctx.actor, ctx.orgId, {
      target: input.target, period: input.period, limitMicro: toMicro(input.limitCredits), autoDisable: input.autoDisable,
    })),
  update: orgProcedure('admin', 'budgetId')
    .input(z.object({ budgetId: id, limitCredits: credits.optional(), autoDisable: z.boolean().optional() }).strict())
    .mutation(({ ctx, input }) => budgets.updateBudget(ctx.deps, ctx.actor, ctx.orgId, input.budgetId, {
      ...(input.limitCredits !== undefined ? { limitMicro: toMicro(input.limitCredits) } : {}),
      ...(input.autoDisable !== undefined ? { autoDisable: input.autoDisable } : {}),
    })),
  list: orgProcedure('viewer', 'orgId').input(orgInput).query(({ ctx }) => budgets.listBudgets(ctx.deps, ctx.orgId)),
  /** Spend so far in each budget's current period (committed + settling) and what in-flight requests hold. */
  status: orgProcedure('viewer', 'orgId').input(orgInput).query(async ({ ctx }) => {
    const { governor } = moneyOf(ctx.deps);
    await governor.pending(ctx.orgId);
    return governor.budgetStatus(ctx.orgId);
  }),
  delete: orgProcedure('admin', 'budgetId').input(z.object({ budgetId: id }).strict())
    .mutation(({ ctx, input }) => budgets.deleteBudget(ctx.deps, ctx.actor, ctx.orgId, input.budgetId)),
});
