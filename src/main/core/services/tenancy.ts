import { and, eq } from 'drizzle-orm';
import type { Role } from '../db/schema/enums.ts';
import { ROLES } from '../db/schema/enums.ts';
import type { ServiceDeps } from './deps.ts';

/** Input fields through which a procedure names the tenant-owned object it acts on. */
export const TARGET_FIELDS = [
  'orgId', 'workspaceId', 'agentGroupId', 'agentId', 'apiKeyId', 'credentialId', 'policyId', 'budgetId',
] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

export const roleRank = (r: Role): number => ROLES.indexOf(r);
export const atLeast = (have: Role, need: Role): boolean => roleRank(have) >= roleRank(need);

/** Which org owns the object named by `field = id`; null when there is no such object. */
export async function orgOf(deps: ServiceDeps, field: TargetField, id: string): Promise<string | null> {
  const { db, t } = deps.database;
  const table = {
    orgId: t.organizations,
    workspaceId: t.workspaces,
    agentGroupId: t.agentGroups,
    agentId: t.agents,
    apiKeyId: t.apiKeys,
    credentialId: t.providerCredentials,
    policyId: t.policies,
    budgetId: t.budgets,
  }[field];
  if (field === 'orgId') {
    const [row] = await db.select({ id: t.organizations.id }).from(t.organizations).where(eq(t.organizations.id, id));
    return row?.id ?? null;
  }
  const owned = table as typeof t.workspaces; // every table but organizations has org_id and id
  const [row] = await db.select({ orgId: owned.orgId }).from(owned).where(eq(owned.id, id));
  return row?.orgId ?? null;
}

export async function roleIn(deps: ServiceDeps, orgId: string, userId: string): Promise<Role | null> {
  const { db, t } = deps.database;
  const [m] = await db
    .select({ role: t.memberships.role })
    .from(t.memberships)
    .where(and(eq(t.memberships.orgId, orgId), eq(t.memberships.userId, userId)));
  return m?.role ?? null;
}
