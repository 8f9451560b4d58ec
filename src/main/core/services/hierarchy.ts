import { and, asc, eq } from 'drizzle-orm';
import type { AgentStatus } from '../db/schema/enums.ts';
import type { Tables } from '../db/types.ts';
import { notFound } from '../lib/errors.ts';
import type { ServiceDeps } from './deps.ts';
import { mutate } from './deps.ts';
import type { Actor } from './orgs.ts';

/** The three levels under an org share rename / enable / disable / delete. */
export type NodeKind = 'workspace' | 'group' | 'agent';

interface NodeRows {
  workspace: Tables['workspaces']['$inferSelect'];
  group: Tables['agentGroups']['$inferSelect'];
  agent: Tables['agents']['$inferSelect'];
}

function tableOf(deps: ServiceDeps, kind: NodeKind) {
  const { t } = deps.database;
  // Typed as workspaces: every node table has id, org_id, name, status.
  return (kind === 'workspace' ? t.workspaces : kind === 'group' ? t.agentGroups : t.agents) as typeof t.workspaces;
}

const label = (kind: NodeKind): string => (kind === 'group' ? 'agent group' : kind);

export async function getNode<K extends NodeKind>(deps: ServiceDeps, kind: K, orgId: string, id: string): Promise<NodeRows[K]> {
  const table = tableOf(deps, kind);
  const [row] = await deps.database.db.select().from(table).where(and(eq(table.id, id), eq(table.orgId, orgId)));
  if (!row) throw notFound(label(kind));
  return row as unknown as NodeRows[K]; // selected from the table of that kind
}

export async function renameNode(deps: ServiceDeps, actor: Actor, kind: NodeKind, orgId: string, id: string, name: string) {
  const table = tableOf(deps, kind);
  return mutate(deps, async (db) => {
    const [row] = await db.update(table).set({ name }).where(and(eq(table.id, id), eq(table.orgId, orgId))).returning();
    if (!row) throw notFound(label(kind));
    return row;
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: `${kind}.rename`, targetType: kind,
    targetId: id, details: { name } }));
}

export async function setNodeStatus(
  deps: ServiceDeps, actor: Actor | null, kind: NodeKind, orgId: string, id: string, status: AgentStatus, reason?: string,
) {
  const table = tableOf(deps, kind);
  const action = `${kind}.${status === 'active' ? 'enable' : 'disable'}`;
  return mutate(deps, async (db) => {
    const patch = kind === 'agent' ? { status, disabledReason: status === 'disabled' ? (reason ?? 'disabled by a user') : null } : { status };
    const [row] = await db.update(table).set(patch).where(and(eq(table.id, id), eq(table.orgId, orgId))).returning();
    if (!row) throw notFound(label(kind));
    return row;
  }, () => ({ orgId, actorType: actor ? 'user' : 'system', actorId: actor?.userId ?? null, action,
    targetType: kind, targetId: id, details: reason ? { reason } : {} }));
}

export async function deleteNode(deps: ServiceDeps, actor: Actor, kind: NodeKind, orgId: string, id: string) {
  const table = tableOf(deps, kind);
  return mutate(deps, async (db) => {
    const [row] = await db.delete(table).where(and(eq(table.id, id), eq(table.orgId, orgId))).returning({ id: table.id });
    if (!row) throw notFound(label(kind));
    return { id: row.id };
  }, () => ({ orgId, actorType: 'user', actorId: actor.userId, action: `${kind}.delete`, targetType: kind,
    targetId: id }));
}

export async function createWorkspace(deps: ServiceDeps, actor: Actor, orgId: string, name: string) {
  const { t } = deps.database;
  return mutate(deps, async (db) => {
    const [row] = await db.insert(t.workspaces)
      .values({ id: deps.ids.id('ws'), orgId, name, status: 'active', createdAt: deps.clock.now() }).returning();
    return row!;
  }, (r) => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'workspace.create',
    targetType: 'workspace', targetId: r.id, details: { name } }));
}

export async function createGroup(deps: ServiceDeps, actor: Actor, orgId: string, workspaceId: string, name: string) {
  const { t } = deps.database;
  await getNode(deps, 'workspace', orgId, workspaceId);
  return mutate(deps, async (db) => {
    const [row] = await db.insert(t.agentGroups)
      .values({ id: deps.ids.id('grp'), orgId, workspaceId, name, status: 'active', createdAt: deps.clock.now() }).returning();
    return row!;
  }, (r) => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'group.create',
    targetType: 'group', targetId: r.id, details: { name, workspaceId } }));
}

export async function createAgent(deps: ServiceDeps, actor: Actor, orgId: string, agentGroupId: string, name: string) {
  const { t } = deps.database;
  const group = await getNode(deps, 'group', orgId, agentGroupId);
  return mutate(deps, async (db) => {
    const [row] = await db.insert(t.agents).values({
      id: deps.ids.id('agt'), orgId, workspaceId: group.workspaceId, agentGroupId, name, status: 'active',
      disabledReason: null, createdAt: deps.clock.now(),
    }).returning();
    return row!;
  }, (r) => ({ orgId, actorType: 'user', actorId: actor.userId, action: 'agent.create',
    targetType: 'agent', targetId: r.id, details: { name, agentGroupId } }));
}

export async function listWorkspaces(deps: ServiceDeps, orgId: string) {
  const { db, t } = deps.database;
  return db.select().from(t.workspaces).where(eq(t.workspaces.orgId, orgId)).orderBy(asc(t.workspaces.createdAt), asc(t.workspaces.id));
}

export async function listGroups(deps: ServiceDeps, orgId: string, workspaceId?: string) {
  const { db, t } = deps.database;
  const where = workspaceId
    ? and(eq(t.agentGroups.orgId, orgId), eq(t.agentGroups.workspaceId, workspaceId))
    : eq(t.agentGroups.orgId, orgId);
  return db.select().from(t.agentGroups).where(where).orderBy(asc(t.agentGroups.createdAt), asc(t.agentGroups.id));
}

export async function listAgents(deps: ServiceDeps, orgId: string, filter: { workspaceId?: string; agentGroupId?: string }) {
  const { db, t } = deps.database;
  const conds = [eq(t.agents.orgId, orgId)];
  if (filter.workspaceId) conds.push(eq(t.agents.workspaceId, filter.workspaceId));
  if (filter.agentGroupId) conds.push(eq(t.agents.agentGroupId, filter.agentGroupId));
  return db.select().from(t.agents).where(and(...conds)).orderBy(asc(t.agents.createdAt), asc(t.agents.id));
}
