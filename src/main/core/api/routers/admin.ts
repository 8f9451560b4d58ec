import { z } from 'zod';
import * as audit from '../../services/audit.ts';
import * as pricing from '../../services/pricing.ts';
import * as settings from '../../services/settings.ts';
import { id, isoDate, modelName, orgInput, pageLimit, provider, usd, usdToMicro } from '../schemas.ts';
import { orgProcedure, router } from '../trpc.ts';

export const pricingRouter = router({
  list: orgProcedure('viewer', 'orgId').input(orgInput).query(({ ctx }) => pricing.listPricing(ctx.deps, ctx.orgId)),
  upsert: orgProcedure('admin', 'orgId')
    .input(z.object({
      orgId: id, modelPattern: modelName, provider, inputUsdPerMtok: usd, outputUsdPerMtok: usd,
      maxOutputTokens: z.number().int().min(0).max(10_000_000),
    }).strict())
    .mutation(({ ctx, input }) => pricing.upsertPrice(ctx.deps, ctx.actor, ctx.orgId, {
      modelPattern: input.modelPattern, provider: input.provider, maxOutputTokens: input.maxOutputTokens,
      inputMicroUsdPerMtok: usdToMicro(input.inputUsdPerMtok), outputMicroUsdPerMtok: usdToMicro(input.outputUsdPerMtok),
    })),
  resetOverride: orgProcedure('admin', 'orgId').input(z.object({ orgId: id, modelPattern: modelName }).strict())
    .mutation(({ ctx, input }) => pricing.deletePriceOverride(ctx.deps, ctx.actor, ctx.orgId, input.modelPattern)),
});

export const settingsRouter = router({
  get: orgProcedure('viewer', 'orgId').input(orgInput).query(({ ctx }) => settings.getSettings(ctx.deps, ctx.orgId)),
  update: orgProcedure('admin', 'orgId').input(z.object({ orgId: id, patch: settings.orgSettingsPatch }).strict())
    .mutation(({ ctx, input }) => settings.updateSettings(ctx.deps, ctx.actor, ctx.orgId, input.patch)),
});

export const auditRouter = router({
  list: orgProcedure('admin', 'orgId')
    .input(z.object({
      orgId: id, actorId: id.optional(), action: z.string().max(100).optional(), targetType: z.string().max(50).optional(),
      targetId: id.optional(), from: isoDate.optional(), to: isoDate.optional(), cursor: z.string().max(200).optional(),
      limit: pageLimit,
    }).strict())
    .query(({ ctx, input }) => {
      const { orgId: _org, ...filter } = input;
      return audit.listAudit(ctx.deps, ctx.orgId, filter);
    }),
});
