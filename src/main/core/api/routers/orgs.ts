import { z } from 'zod';
import * as orgs from '../../services/orgs.ts';
import { email, id, name, orgInput, role } from '../schemas.ts';
import { orgProcedure, router, userProcedure } from '../trpc.ts';

const timezone = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone');

export const orgsRouter = router({
  create: userProcedure.input(z.object({ name }).strict()).mutation(({ ctx, input }) => orgs.createOrg(ctx.deps, ctx, input)),
  listMine: userProcedure.query(({ ctx }) => orgs.listMine(ctx.deps, ctx)),
  get: orgProcedure('viewer', 'orgId').input(orgInput).query(async ({ ctx }) => ({
    ...(await orgs.getOrg(ctx.deps, ctx.orgId)),
    role: ctx.role,
  })),
  rename: orgProcedure('admin', 'orgId').input(z.object({ orgId: id, name }).strict())
    .mutation(({ ctx, input }) => orgs.updateOrg(ctx.deps, ctx.actor, ctx.orgId, { name: input.name })),
  setTimezone: orgProcedure('admin', 'orgId').input(z.object({ orgId: id, timezone }).strict())
    .mutation(({ ctx, input }) => orgs.updateOrg(ctx.deps, ctx.actor, ctx.orgId, { timezone: input.timezone })),
  /** An org disabled (by hand or by an exhausted budget with auto-disable) refuses every gateway request. */
  disable: orgProcedure('owner', 'orgId').input(orgInput)
    .mutation(({ ctx }) => orgs.setOrgStatus(ctx.deps, ctx.actor, ctx.orgId, 'disabled')),
  enable: orgProcedure('owner', 'orgId').input(orgInput)
    .mutation(({ ctx }) => orgs.setOrgStatus(ctx.deps, ctx.actor, ctx.orgId, 'active')),
  members: router({
    list: orgProcedure('viewer', 'orgId').input(orgInput).query(({ ctx }) => orgs.listMembers(ctx.deps, ctx.orgId)),
    invite: orgProcedure('admin', 'orgId').input(z.object({ orgId: id, email, role }).strict())
      .mutation(({ ctx, input }) => orgs.invite(ctx.deps, ctx.actor, ctx.orgId, input)),
    changeRole: orgProcedure('admin', 'orgId').input(z.object({ orgId: id, userId: id, role }).strict())
      .mutation(({ ctx, input }) => orgs.changeRole(ctx.deps, ctx.actor, ctx.orgId, input)),
    remove: orgProcedure('admin', 'orgId').input(z.object({ orgId: id, userId: id }).strict())
      .mutation(({ ctx, input }) => orgs.removeMember(ctx.deps, ctx.actor, ctx.orgId, input)),
  }),
});
