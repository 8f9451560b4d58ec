import { z } from 'zod';
import * as keys from '../../services/api-keys.ts';
import * as creds from '../../services/credentials.ts';
import { id, isoDate, name, orgInput, provider } from '../schemas.ts';
import { orgProcedure, router } from '../trpc.ts';

export const apiKeysRouter = router({
  create: orgProcedure('member', 'agentId')
    .input(z.object({ agentId: id, name, expiresAt: isoDate.nullable().optional() }).strict())
    .mutation(({ ctx, input }) => keys.createKey(ctx.deps, ctx.actor, ctx.orgId, input)),
  list: orgProcedure('viewer', 'agentId').input(z.object({ agentId: id }).strict())
    .query(({ ctx, input }) => keys.listKeys(ctx.deps, ctx.orgId, input.agentId)),
  revoke: orgProcedure('member', 'apiKeyId').input(z.object({ apiKeyId: id }).strict())
    .mutation(({ ctx, input }) => keys.revokeKey(ctx.deps, ctx.actor, ctx.orgId, input.apiKeyId)),
});

const baseUrl = z.string().trim().url().max(500).refine((u) => /^https?:\/\//.test(u), 'http(s) URL required');

export const credentialsRouter = router({
  create: orgProcedure('admin', 'orgId')
    .input(z.object({ orgId: id, provider, label: name, baseUrl: baseUrl.nullable().optional(), secret: z.string().min(1).max(4000) }).strict())
    .mutation(({ ctx, input }) => creds.createCredential(ctx.deps, ctx.actor, ctx.orgId, input)),
  list: orgProcedure('viewer', 'orgId').input(orgInput).query(({ ctx }) => creds.listCredentials(ctx.deps, ctx.orgId)),
  delete: orgProcedure('admin', 'credentialId').input(z.object({ credentialId: id }).strict())
    .mutation(({ ctx, input }) => creds.deleteCredential(ctx.deps, ctx.actor, ctx.orgId, input.credentialId)),
  /** Connection test: the provider lists its models with this key. A mutation: it calls out and is audited. */
  test: orgProcedure('admin', 'credentialId').input(z.object({ credentialId: id }).strict())
    .mutation(({ ctx, input }) => creds.testCredential(ctx.deps, ctx.actor, ctx.orgId, input.credentialId)),
});
