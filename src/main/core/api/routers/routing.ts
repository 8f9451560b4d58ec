import { z } from 'zod';
import * as routing from '../../services/routing.ts';
import { id, modelName, orgInput } from '../schemas.ts';
import { orgProcedure, router } from '../trpc.ts';

const target = z.string().trim().regex(/^(openai|anthropic|mock):[^\s]{1,200}$/, 'use provider:model, e.g. anthropic:claude-sonnet-4-5');

/** Model aliases: a requested name → provider + upstream model. */
export const routingRouter = router({
  list: orgProcedure('viewer', 'orgId').input(orgInput).query(({ ctx }) => routing.listRoutes(ctx.deps, ctx.orgId)),
  set: orgProcedure('admin', 'orgId').input(z.object({ orgId: id, alias: modelName, target }).strict())
    .mutation(({ ctx, input }) => routing.setRoute(ctx.deps, ctx.actor, ctx.orgId, input.alias, input.target)),
  delete: orgProcedure('admin', 'orgId').input(z.object({ orgId: id, alias: modelName }).strict())
    .mutation(({ ctx, input }) => routing.deleteRoute(ctx.deps, ctx.actor, ctx.orgId, input.alias)),
});
