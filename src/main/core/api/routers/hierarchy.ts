import { z } from 'zod';
import * as h from '../../services/hierarchy.ts';
import type { NodeKind } from '../../services/hierarchy.ts';
import { id, name, orgInput } from '../schemas.ts';
import { orgProcedure, router } from '../trpc.ts';

/** get / rename / disable / enable / delete, identical for the three levels under an org. */
function nodeProcedures<F extends 'workspaceId' | 'agentGroupId' | 'agentId'>(kind: NodeKind, field: F) {
  // The org middleware already resolved and checked ctx.targetId (the value of `field`).
  const ref = z.object({ [field]: id } as Record<F, typeof id>).strict();
  return {
    get: orgProcedure('viewer', field).input(ref).query(({ ctx }) => h.getNode(ctx.deps, kind, ctx.orgId, ctx.targetId)),
    rename: orgProcedure('member', field).input(ref.extend({ name }).strict())
      .mutation(({ ctx, input }) => h.renameNode(ctx.deps, ctx.actor, kind, ctx.orgId, ctx.targetId, (input as { name: string }).name)),
    disable: orgProcedure('member', field).input(ref)
      .mutation(({ ctx }) => h.setNodeStatus(ctx.deps, ctx.actor, kind, ctx.orgId, ctx.targetId, 'disabled')),
    enable: orgProcedure('member', field).input(ref)
      .mutation(({ ctx }) => h.setNodeStatus(ctx.deps, ctx.actor, kind, ctx.orgId, ctx.targetId, 'active')),
    delete: orgProcedure('admin', field).input(ref)
      .mutation(({ ctx }) => h.deleteNode(ctx.deps, ctx.actor, kind, ctx.orgId, ctx.targetId)),
  };
}

export const workspacesRouter = router({
  create: orgProcedure('member', 'orgId').input(z.object({ orgId: id, name }).strict())
    .mutation(({ ctx, input }) => h.createWorkspace(ctx.deps, ctx.actor, ctx.orgId, input.name)),
  list: orgProcedure('viewer', 'orgId').input(orgInput).query(({ ctx }) => h.listWorkspaces(ctx.deps, ctx.orgId)),
  ...nodeProcedures('workspace', 'workspaceId'),
});

export const agentGroupsRouter = router({
  create: orgProcedure('member', 'workspaceId').input(z.object({ workspaceId: id, name }).strict())
    .mutation(({ ctx, input }) => h.createGroup(ctx.deps, ctx.actor, ctx.orgId, input.workspaceId, input.name)),
  list: orgProcedure('viewer', 'orgId').input(z.object({ orgId: id, workspaceId: id.optional() }).strict())
    .query(({ ctx, input }) => h.listGroups(ctx.deps, ctx.orgId, input.workspaceId)),
  ...nodeProcedures('group', 'agentGroupId'),
});

export const agentsRouter = router({
  create: orgProcedure('member', 'agentGroupId').input(z.object({ agentGroupId: id, name }).strict())
    .mutation(({ ctx, input }) => h.createAgent(ctx.deps, ctx.actor, ctx.orgId, input.agentGroupId, input.name)),
  list: orgProcedure('viewer', 'orgId')
    .input(z.object({ orgId: id, workspaceId: id.optional(), agentGroupId: id.optional() }).strict())
    .query(({ ctx, input }) => h.listAgents(ctx.deps, ctx.orgId, input)),
  ...nodeProcedures('agent', 'agentId'),
});
