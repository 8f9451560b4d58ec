import { analyticsOf } from '../../analytics/service.ts';
import { burnInput, recentInput, summaryInput, timeseriesInput, topInput } from '../../analytics/contract.ts';
import { orgProcedure, router } from '../trpc.ts';

// Analytics reads. Every query is filtered by the org the middleware resolved (ctx.orgId); workspace, group and
// agent filters only narrow within it, so another tenant's ids match nothing.
export const usageRouter = router({
  summary: orgProcedure('viewer', 'orgId').input(summaryInput)
    .query(({ ctx, input }) => analyticsOf(ctx.deps).summary(ctx.orgId, input)),
  timeseries: orgProcedure('viewer', 'orgId').input(timeseriesInput)
    .query(({ ctx, input }) => analyticsOf(ctx.deps).timeseries(ctx.orgId, input)),
  top: orgProcedure('viewer', 'orgId').input(topInput)
    .query(({ ctx, input }) => analyticsOf(ctx.deps).top(ctx.orgId, input)),
  burn: orgProcedure('viewer', 'orgId').input(burnInput)
    .query(({ ctx }) => analyticsOf(ctx.deps).burn(ctx.orgId)),
  recent: orgProcedure('viewer', 'orgId').input(recentInput)
    .query(({ ctx, input }) => analyticsOf(ctx.deps).recent(ctx.orgId, input)),
});
