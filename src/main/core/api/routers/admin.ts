import { z } from 'zod';
import * as audit from '../../services/audit.ts';
import * as pricing from '../../services/pricing.ts';
import * as instance from '../../services/instance.ts';
import * as settings from '../../services/settings.ts';
import { id, isoDate, modelName, orgInput, pageLimit, provider, usd, usdToMicro } from '../schemas.ts';
import { instanceProcedure, orgProcedure, router } from '../trpc.ts';

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

const dbUrl = z.string().trim().min(1).max(1000).refine((u) => /^postgres(ql)?:\/\//.test(u) || u.startsWith('/'), 'a postgres:// URL or an absolute SQLite file path');

/** Start-up settings of the instance (take effect at the next start) and its managed provider keys (at once). */
const instanceRouter = router({
  get: instanceProcedure.query(({ ctx }) => instance.getInstance(ctx.deps, ctx.instance)),
  update: instanceProcedure
    .input(z.object({ port: z.number().int().min(1).max(65535).optional(), host: z.string().trim().min(1).max(100).optional(),
      databaseUrl: dbUrl.nullable().optional() }).strict())
    .mutation(({ ctx, input }) => instance.saveInstance(ctx.deps, ctx.actor, ctx.instance, input)),
  testDatabase: instanceProcedure.input(z.object({ databaseUrl: dbUrl.nullable() }).strict())
    .mutation(({ ctx, input }) => instance.testDatabase(input.databaseUrl, ctx.instance.dataDir)),
  setManagedKey: instanceProcedure
    .input(z.object({ provider: z.enum(['openai', 'anthropic']), apiKey: z.string().min(1).max(4000).nullable(),
      baseUrl: z.string().trim().url().max(500).nullable() }).strict())
    .mutation(({ ctx, input }) => instance.setManagedKey(ctx.deps, ctx.actor, ctx.instance, input)),
});

export const settingsRouter = router({
  instance: instanceRouter,
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
