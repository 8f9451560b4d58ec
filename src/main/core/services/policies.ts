import { and, asc, eq, inArray } from 'drizzle-orm';
import type { MaxTokensMode } from '../db/schema/enums.ts';
import { SCOPES } from '../db/schema/enums.ts';
import type { PolicyRule } from '../governance/policy-merge.ts';
import { mergePolicies } from '../governance/policy-merge.ts';
import { notFound } from '../lib/errors.ts';
import type { ServiceDeps } from './deps.ts';
import { mutate } from './deps.ts';
import type { Actor } from './orgs.ts';
import type { Target } from './targets.ts';
import { agentChain, targetColumns } from './targets.ts';

export interface PolicyInput {
  target: Target;
  allowedModels: string[] | null;
  maxTokensPerRequest: number | null;
  maxTokensMode: MaxTokensMode;
  rpm: number | null;
  tpm: number | null;
}

/** One policy per target: setting it again replaces the previous values. */
export async function upsertPolicy(deps: ServiceDeps, actor: Actor, orgId: string, input: PolicyInput) {
  const { t } = deps.database;
  const cols = await targetColumns(deps, orgId, input.target);
  const values = { allowedModels: input.allowedModels, maxTokensPerRequest: input.maxTokensPerRequest,
    maxTokensMode: input.maxTokensMode, rpm: input.rpm, tpm: input.tpm };
  return mutate(deps, async (db) => {
    const now = deps.clock.now();
    const [row] = await db.insert(t.policies).values({ id: deps.ids.id('pol'), orgId, ...cols, ...values, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [t.policies.scope, t.policies.targetId], set: { ...values, updatedAt: now } }).returning();
    return row!;
  }, (r) => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'policy.set', targetType: 'policy',
    targetId: r.id, details: { target: input.target, ...values } }));
}

export async function listPolicies(deps: ServiceDeps, orgId: string) {
  const { db, t } = deps.database;
  return db.select().from(t.policies).where(eq(t.policies.orgId, orgId)).orderBy(asc(t.policies.createdAt));
}

export async function deletePolicy(deps: ServiceDeps, actor: Actor, orgId: string, policyId: string) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [row] = await db.delete(t.policies).where(and(eq(t.policies.id, policyId), eq(t.policies.orgId, orgId)))
      .returning({ id: t.policies.id });
    if (!row) throw notFound('policy');
    return row;
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'policy.delete', targetType: 'policy',
    targetId: policyId }));
}

/** The policies on an agent's chain, org first. */
export async function chainPolicies(deps: ServiceDeps, orgId: string, agentId: string): Promise<PolicyRule[]> {
  const { db, t } = deps.database;
  const chain = await agentChain(deps, orgId, agentId);
  const rows = await db.select().from(t.policies)
    .where(and(eq(t.policies.orgId, orgId), inArray(t.policies.targetId, chain.map((c) => c.id))));
  return rows
    .filter((r) => chain.some((c) => c.scope === r.scope && c.id === r.targetId))
    .sort((a, b) => SCOPES.indexOf(a.scope) - SCOPES.indexOf(b.scope));
}

export async function effectivePolicy(deps: ServiceDeps, orgId: string, agentId: string) {
  return mergePolicies(await chainPolicies(deps, orgId, agentId));
}
