import { z } from 'zod';
import { listAlerts } from '../../alerts/record.ts';
import { id } from '../schemas.ts';
import { orgProcedure, router } from '../trpc.ts';

// Budget and balance alerts, the same ones the desktop app shows as notifications (recorded as `alert.*` audit rows).
// Viewers see them: unlike the full audit log, they are about the org's money, not about who did what.
export const alertsRouter = router({
  list: orgProcedure('viewer', 'orgId')
    .input(z.object({ orgId: id, limit: z.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }).strict())
    .query(({ ctx, input }) => listAlerts(ctx.deps, ctx.orgId, { limit: input.limit, ...(input.cursor ? { cursor: input.cursor } : {}) })),
});
